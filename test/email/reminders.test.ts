import { expect } from 'chai';
import type { Worker } from 'bullmq';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { startReminderScheduler } from '../../plugin/outbox/reminder-scheduler.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { flushRedisDb, outboxOf } from './email-support.js';

const REDIS_DB = 6;
const HOUR = 3_600_000;

describe('reminders the day before', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    sink = await startSmtpSink();
    // The plugin's own scheduler is off; the test runs schedulers by hand, several at once.
    system = await startTestSystem('email_reminders', { redisDb: REDIS_DB, env: { REMINDER_HOURS_BEFORE: '0' } });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
    });
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  /** An appointment booked two days ago (reminders go only to those booked before the window opened). */
  async function appointmentIn(hours: number, fields: Partial<{ email: string | null; status: 'booked' | 'cancelled' }> = {}): Promise<string> {
    const em = system.orm.em.fork();
    const queue = await em.findOneOrFail(Queue, { isDefault: true, store: { code: 'KEP-ATH-0101' } }, { populate: ['store'] });
    const startsAt = new Date(Math.ceil((Date.now() + hours * HOUR) / 60_000) * 60_000);
    const a = em.create(Appointment, {
      store: queue.store,
      queue,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      firstName: 'Ελένη',
      lastName: `Υπενθύμισης ${hours}`,
      email: 'email' in fields ? fields.email! : `reminder${hours}@citizen.example.gr`,
      status: fields.status ?? 'booked',
      createdBy: 'test',
      createdAt: new Date(Date.now() - 48 * HOUR),
    });
    await em.flush();
    return a.id;
  }

  it('writes one reminder per appointment even when several instances look at once, and sends it', async () => {
    const due = await appointmentIn(3);
    const later = await appointmentIn(30); // outside the 24-hour window
    const noEmail = await appointmentIn(5, { email: null });
    const cancelled = await appointmentIn(6, { status: 'cancelled' });
    const schedulers = [1, 2, 3].map(() => startReminderScheduler(system.orm, { hoursBefore: 24, intervalMs: 3_600_000 }));
    try {
      const written = await Promise.all(schedulers.map((s) => s.runNow()));
      expect(written.reduce((a, b) => a + b, 0)).to.equal(1);
      expect(await Promise.all(schedulers.map((s) => s.runNow()))).to.deep.equal([0, 0, 0]);
    } finally {
      await Promise.all(schedulers.map((s) => s.stop()));
    }
    const rows = await outboxOf(system.orm, [due, later, noEmail, cancelled]);
    expect(rows.map((r) => [r.appointment.id, r.kind])).to.deep.equal([[due, 'appointment.reminder']]);

    system.host.rantevou.relay.nudge();
    await eventually(() => sink.messages.length === 1, 'the reminder email');
    expect(sink.messages[0]!.subject).to.match(/^Υπενθύμιση ραντεβού στο ΚΕΠ Δήμου Αθηναίων/);
    expect(sink.messages[0]!.attachments.some((a) => a.contentType.startsWith('text/calendar'))).to.equal(true);
  });

  it('does not send a reminder of an appointment cancelled or moved after it was written; a moved one gets a new reminder', async () => {
    const scheduler = startReminderScheduler(system.orm, { hoursBefore: 24, intervalMs: 3_600_000 });
    // Keep the relay from sending before the appointments change: the rows are written, not relayed yet.
    await system.host.rantevou.relay.stop();
    try {
      const toCancel = await appointmentIn(4);
      const toMove = await appointmentIn(8);
      expect(await scheduler.runNow()).to.equal(2);
      const em = system.orm.em.fork();
      const [a, b] = await Promise.all([em.findOneOrFail(Appointment, toCancel), em.findOneOrFail(Appointment, toMove)]);
      a.status = 'cancelled';
      b.startsAt = new Date(b.startsAt.getTime() + HOUR);
      b.endsAt = new Date(b.endsAt.getTime() + HOUR);
      await em.flush();
      expect(await scheduler.runNow()).to.equal(1); // the moved one, for its new time

      const mail = { transport: createSmtpTransport({ url: sink.url, maxConnections: 1, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' };
      const before = sink.messages.length;
      const rows = await em.fork().find(OutboxMessage, { appointment: { $in: [toCancel, toMove] } });
      for (const row of rows) await sendOutboxEmail(system.orm, mail, row.id);
      mail.transport.close();
      expect(sink.messages.length - before).to.equal(1);
      const after = await outboxOf(system.orm, [toCancel, toMove]);
      const outcome = (appointmentId: string, startsAt: Date) =>
        after.filter((r) => r.appointment.id === appointmentId && r.reminderFor!.getTime() === startsAt.getTime()).map((r) => [r.status, r.lastError]);
      expect(outcome(toCancel, a.startsAt)).to.deep.equal([['skipped', 'Η υπενθύμιση δεν στάλθηκε: το ραντεβού δεν είναι πλέον ενεργό.']]);
      expect(outcome(toMove, new Date(b.startsAt.getTime() - HOUR))).to.deep.equal([['skipped', 'Η υπενθύμιση δεν στάλθηκε: το ραντεβού μετακινήθηκε.']]);
      expect(outcome(toMove, b.startsAt)).to.deep.equal([['sent', null]]);
    } finally {
      await scheduler.stop();
    }
  });
});
