import type { Worker } from 'bullmq';
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { PriorityToken } from '../../plugin/db/priority-token.entity.js';
import { hashSecret } from '../../plugin/auth/secrets.js';
import { attendanceSettings } from '../../plugin/jobs/attendance-options.js';
import { runEndOfDay } from '../../plugin/jobs/end-of-day.job.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

// A Tuesday (2 March 2027) whose priority links, valid 30 days, run across the change to summer time.
const TUESDAY = day(36);

describe('at the end of the day, what nobody recorded becomes “missed by staff” (controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  let ids: Record<'withEmail' | 'withoutEmail' | 'served' | 'noShow' | 'cancelled' | 'callStarted' | 'evening' | 'otherDay', string>;
  let correctedBeforeSending: string;
  const settings = attendanceSettings();
  const em = () => system.orm.em.fork();
  const status = async (id: string) => (await em().findOneOrFail(Appointment, id)).status;
  const links = () => ({ publicUrl: system.url });
  const clock = new TestClock();

  before(async () => {
    clock.set(athens(`${TUESDAY}T20:00`)); // the server's time: the evening the test closes
    system = await startAttendanceSystem('attend_eod', { redisDb: 21, clock: clock.now });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
    const made = await insertAppointments(system.orm, [
      { queue: keps.ath.queue, at: `${TUESDAY}T09:00`, firstName: 'Σταύρος', lastName: 'Καλογεράκης', email: 'stavros@citizen.example.gr' },
      { queue: keps.ath.queue, at: `${TUESDAY}T09:30` },
      { queue: keps.ath.queue, at: `${TUESDAY}T10:00`, status: 'served' },
      { queue: keps.ath.queue, at: `${TUESDAY}T10:30`, status: 'no_show' },
      { queue: keps.ath.queue, at: `${TUESDAY}T11:00`, status: 'cancelled', email: 'cancelled@citizen.example.gr' },
      { queue: keps.ath.video, at: `${TUESDAY}T11:30`, minutes: 20, callStartedAt: athens(`${TUESDAY}T11:31`) },
      { queue: keps.the.queue, at: `${TUESDAY}T19:50`, minutes: 20 },
      { queue: keps.ath.queue, at: `${day(37)}T09:00` },
      { queue: keps.ath.queue, at: `${day(38)}T09:00`, firstName: 'Ευτυχία', lastName: 'Μαυρίδου', email: 'eftychia@citizen.example.gr' },
    ]);
    const [withEmail, withoutEmail, served, noShow, cancelled, callStarted, evening, otherDay, corrected] = made.map((a) => a.id);
    ids = { withEmail: withEmail!, withoutEmail: withoutEmail!, served: served!, noShow: noShow!, cancelled: cancelled!, callStarted: callStarted!, evening: evening!, otherDay: otherDay! };
    correctedBeforeSending = corrected!;
  });
  after(async () => {
    await system?.close();
  });

  it('changes nothing before 20:00', async () => {
    const r = await runEndOfDay(system.orm, athens(`${TUESDAY}T19:59`), settings, links());
    expect(r).to.deep.equal({ ran: true, value: { marked: 0, apologies: 0, more: false } });
    expect(await status(ids.withEmail)).to.equal('booked');
  });

  it('at 20:00 marks the day’s still-booked appointments, once, each with an audit event', async () => {
    const r = await runEndOfDay(system.orm, athens(`${TUESDAY}T20:00`), settings, links());
    expect(r).to.deep.equal({ ran: true, value: { marked: 2, apologies: 1, more: false } });
    const after = Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([k, id]) => [k, await status(id)])));
    expect(after).to.deep.equal({
      withEmail: 'missed_by_staff',
      withoutEmail: 'missed_by_staff',
      served: 'served',
      noShow: 'no_show',
      cancelled: 'cancelled',
      callStarted: 'booked', // staff started the call: their part was done
      evening: 'booked', // 19:50–20:10 in Thessaloniki: not over yet
      otherDay: 'booked',
    });
    const marked = await em().findOneOrFail(Appointment, ids.withEmail);
    expect([marked.statusChangedBy, marked.statusChangedAt?.toISOString()]).to.deep.equal(['system:end-of-day', athens(`${TUESDAY}T20:00`).toISOString()]);
    const audit = await em().find(AuditEvent, { entityId: ids.withEmail, action: 'appointment.status' });
    expect(audit.map((e) => [e.actor, e.before, e.after])).to.deep.equal([['system:end-of-day', { status: 'booked' }, { status: 'missed_by_staff', endOfDay: '20:00' }]]);

    expect(await runEndOfDay(system.orm, athens(`${TUESDAY}T20:05`), settings, links())).to.deep.equal({ ran: true, value: { marked: 0, apologies: 0, more: false } });
    const r2 = await runEndOfDay(system.orm, athens(`${TUESDAY}T20:10`), settings, links());
    expect(r2.ran && r2.value.marked, 'the evening appointment, once it ended').to.equal(1);
    expect(await status(ids.evening)).to.equal('missed_by_staff');
  });

  it('gives the citizen with an email an apology carrying a priority link for the same KEP, valid to the end of the 30th day', async () => {
    const apologies = await em().find(OutboxMessage, { kind: 'appointment.apology' });
    expect(apologies.map((m) => m.appointment.id)).to.deep.equal([ids.withEmail]);
    const link = apologies[0]!.manageUrl!;
    expect(link.startsWith(`${system.url}/api/v1/priority/`)).to.equal(true);
    const token = link.slice(link.lastIndexOf('/') + 1);
    const stored = await em().findOneOrFail(PriorityToken, { appointment: ids.withEmail });
    expect(stored.tokenHash, 'only the hash is kept').to.equal(hashSecret(token));

    const res = await fetch(`${system.url}/api/v1/priority/${token}`);
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({
      storeId: keps.ath.store.id,
      storeCode: 'KEP-ATH-0101',
      storeName: keps.ath.store.name,
      validFrom: athens(`${TUESDAY}T20:00`).toISOString(),
      validUntil: athens(`${addDays(TUESDAY, 31)}T00:00`).toISOString(), // the end of the 30th day, in summer time
      used: false,
    });
    expect((await fetch(`${system.url}/api/v1/priority/${'x'.repeat(43)}`)).status).to.equal(404);
    expect((await fetch(`${system.url}/api/v1/priority/%3Cscript%3E`)).status).to.equal(404);
  });

  it('delivers the apology in Greek through the worker, with the link, and forgets the link once sent', async () => {
    const sink = await startSmtpSink();
    let worker: Worker | undefined;
    try {
      worker = createEmailWorker({ orm: system.orm, redisUrl: system.redisUrl, mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' } });
      await eventually(() => sink.messages.some((m) => m.subject?.startsWith('Συγγνώμη')), 'the apology at the SMTP sink');
      const mail = sink.messages.find((m) => m.subject?.startsWith('Συγγνώμη'))!;
      expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').to.equal('stavros@citizen.example.gr');
      expect(mail.subject).to.match(/^Συγγνώμη: δεν σας εξυπηρετήσαμε στο ραντεβού σας στο ΚΕΠ Δήμου Αθηναίων \(Λιοσίων\) \([2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}\)$/);
      expect(mail.text).to.include('Σταύρος Καλογεράκης');
      expect(mail.text).to.include('Τρίτη 2 Μαρτίου 2027, 09:00');
      expect(mail.text).to.match(new RegExp(`${system.url}/api/v1/priority/[A-Za-z0-9_-]{43}`));
      expect(mail.attachments.filter((a) => a.contentType.startsWith('text/calendar')), 'no calendar invitation for an appointment that is over').to.deep.equal([]);
      await eventually(async () => (await em().findOneOrFail(OutboxMessage, { kind: 'appointment.apology' })).status === 'sent', 'the row marked sent');
      expect((await em().findOneOrFail(OutboxMessage, { kind: 'appointment.apology' })).manageUrl ?? null).to.equal(null);
    } finally {
      await worker?.close();
      await sink.close();
    }
  });

  it('lets staff correct a missed appointment only to what happened, with a reason the audit keeps', async () => {
    const path = `/api/v1/appointments/${ids.withoutEmail}/status`;
    const noReason = await operator.post(path, { status: 'no_show' });
    expect(noReason.status).to.equal(400);
    expect((await noReason.json()).errors).to.deep.equal([{ path: 'reason', message: 'Γράψτε τον λόγο της διόρθωσης: το ραντεβού είχε καταγραφεί ως χαμένο από την υπηρεσία.' }]);
    const undo = await operator.post(path, { status: 'booked', reason: 'λάθος' });
    expect([undo.status, (await undo.json()).type]).to.deep.equal([409, 'urn:rantevou:problem:not-after-the-fact']);
    expect(await status(ids.withoutEmail)).to.equal('missed_by_staff');

    const fixed = await operator.post(path, { status: 'no_show', reason: 'Ο πολίτης δεν ήρθε· δεν το σημειώσαμε εγκαίρως' });
    expect(fixed.status).to.equal(200);
    const view = await fixed.json();
    expect([view.status, view.statusReason, view.statusChangedBy]).to.deep.equal(['no_show', 'Ο πολίτης δεν ήρθε· δεν το σημειώσαμε εγκαίρως', 'demo-operator-a']);
    const history = await (await operator.get(`/api/v1/appointments/${ids.withoutEmail}/history`)).json();
    const last = history.items.at(-1);
    expect([last.actor, last.changes.status, last.changes.statusReason]).to.deep.equal([
      'demo-operator-a',
      { from: 'missed_by_staff', to: 'no_show' },
      { from: null, to: 'Ο πολίτης δεν ήρθε· δεν το σημειώσαμε εγκαίρως' },
    ]);
  });
  it('does not send the apology when staff corrected the missed appointment before it went out', async () => {
    clock.set(athens(`${day(38)}T20:00`));
    const r = await runEndOfDay(system.orm, athens(`${day(38)}T20:00`), settings, links());
    expect(r.ran && r.value.apologies).to.equal(1);
    const fixed = await operator.post(`/api/v1/appointments/${correctedBeforeSending}/status`, { status: 'served', reason: 'Εξυπηρετήθηκε· δεν το σημειώσαμε' });
    expect(fixed.status).to.equal(200);

    const sink = await startSmtpSink();
    let worker: Worker | undefined;
    try {
      worker = createEmailWorker({ orm: system.orm, redisUrl: system.redisUrl, mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' } });
      const row = () => em().findOneOrFail(OutboxMessage, { kind: 'appointment.apology', appointment: correctedBeforeSending });
      await eventually(async () => (await row()).status === 'skipped', 'the apology skipped');
      expect([(await row()).lastError, (await row()).manageUrl ?? null]).to.deep.equal(['Η συγγνώμη δεν στάλθηκε: το προσωπικό διόρθωσε την κατάσταση του ραντεβού.', null]);
      expect(sink.messages.filter((m) => m.text?.includes('Ευτυχία'))).to.deep.equal([]);
    } finally {
      await worker?.close();
      await sink.close();
    }
  });
});
