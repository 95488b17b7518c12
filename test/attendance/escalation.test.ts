import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { attendanceSettings } from '../../plugin/jobs/attendance-options.js';
import { runEscalation } from '../../plugin/jobs/escalation.job.js';
import nodemailer from 'nodemailer';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

describe('an appointment nobody acts on is escalated (controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  const settings = attendanceSettings();
  const clock = new TestClock();
  const em = () => system.orm.em.fork();
  const alertsFor = (id: string) => em().find(OutboxMessage, { kind: 'staff.attention', aboutAppointmentId: id }, { orderBy: { recipient: 'asc' } });

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('attend_escalation', { redisDb: 20, clock: clock.now });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await system?.close();
  });

  it('flags it once, 15 minutes after its start, and alerts the KEP’s contact address once', async () => {
    const [late, served] = await insertAppointments(system.orm, [
      { queue: keps.ath.queue, at: `${day(1)}T09:00`, firstName: 'Ελένη', lastName: 'Αργυρού' },
      { queue: keps.ath.queue, at: `${day(1)}T09:15`, status: 'served' },
    ]);
    expect((await runEscalation(system.orm, athens(`${day(1)}T09:14`), settings)).ran).to.equal(true);
    expect((await em().findOneOrFail(Appointment, late!.id)).attentionAt ?? null).to.equal(null);

    const at = athens(`${day(1)}T09:15`);
    const first = await runEscalation(system.orm, at, settings);
    expect(first).to.deep.equal({ ran: true, value: { flagged: 1, alerts: 1 } });
    expect((await em().findOneOrFail(Appointment, late!.id)).attentionAt?.toISOString()).to.equal(at.toISOString());
    expect((await em().findOneOrFail(Appointment, served!.id)).attentionAt ?? null).to.equal(null);

    const again = await runEscalation(system.orm, athens(`${day(1)}T09:40`), settings);
    expect(again).to.deep.equal({ ran: true, value: { flagged: 0, alerts: 0 } });
    const alerts = await alertsFor(late!.id);
    expect(alerts.map((m) => [m.recipient, m.storeId, m.status])).to.deep.equal([['kep.liosion@athens.example.gr', keps.ath.store.id, alerts[0]!.status]]);
    const audit = await em().find(AuditEvent, { entityId: late!.id, action: 'appointment.attention' });
    expect(audit.map((e) => [e.actor, e.storeId])).to.deep.equal([['system:escalation', keps.ath.store.id]]);
  });

  it('shows it as needing attention on the staff screen, and attention=1 lists only such appointments', async () => {
    const listed = await (await operator.get(`/api/v1/stores/${keps.ath.store.id}/appointments?date=${day(1)}`)).json();
    expect(listed.items.map((a: { startsAt: string; needsAttention: boolean }) => [a.startsAt, a.needsAttention])).to.deep.equal([
      [athens(`${day(1)}T09:00`).toISOString(), true],
      [athens(`${day(1)}T09:15`).toISOString(), false],
    ]);
    const res = await operator.get(`/api/v1/stores/${keps.ath.store.id}/appointments?date=${day(1)}&attention=1`);
    const only = await res.json();
    expect(res.status).to.equal(200);
    expect(only.items.map((a: { lastName: string }) => a.lastName)).to.deep.equal(['Αργυρού']);

    clock.set(athens(`${day(1)}T09:30`));
    const marked = await operator.post(`/api/v1/appointments/${only.items[0].id}/status`, { status: 'arrived' });
    expect(marked.status).to.equal(200);
    expect((await marked.json()).needsAttention).to.equal(false);
    const after = await (await operator.get(`/api/v1/stores/${keps.ath.store.id}/appointments?date=${day(1)}&attention=1`)).json();
    expect(after.items).to.deep.equal([]);
  });

  it('records who started a video call and when; such an appointment is not escalated', async () => {
    const [video, inPerson] = await insertAppointments(system.orm, [
      { queue: keps.ath.video, at: `${day(2)}T09:00`, minutes: 20 },
      { queue: keps.ath.queue, at: `${day(2)}T11:00` },
    ]);
    const started = await operator.post(`/api/v1/appointments/${video!.id}/call-started`, {});
    expect(started.status, await started.clone().text()).to.equal(200);
    const view = await started.json();
    expect(view.callStartedBy).to.equal('demo-operator-a');
    expect(view.callStartedAt).to.be.a('string');
    const again = await (await operator.post(`/api/v1/appointments/${video!.id}/call-started`, {})).json();
    expect(again.callStartedAt, 'a second start keeps the first time').to.equal(view.callStartedAt);
    const notVideo = await operator.post(`/api/v1/appointments/${inPerson!.id}/call-started`, {});
    expect([notVideo.status, (await notVideo.json()).type]).to.deep.equal([409, 'urn:rantevou:problem:not-video']);
    const history = await (await operator.get(`/api/v1/appointments/${video!.id}/history`)).json();
    expect(history.items.map((e: { actor: string; action: string }) => [e.actor, e.action])).to.deep.equal([['demo-operator-a', 'appointment.call_started']]);

    const r = await runEscalation(system.orm, athens(`${day(2)}T09:30`), settings);
    expect(r).to.deep.equal({ ran: true, value: { flagged: 0, alerts: 0 } });
  });

  it('another KEP’s operator cannot start the call: 404, as for an id that does not exist', async () => {
    const [video] = await insertAppointments(system.orm, [{ queue: keps.ath.video, at: `${day(2)}T10:00`, minutes: 20 }]);
    const other = await signInAs(system.url, 'demo-operator-b');
    const res = await other.post(`/api/v1/appointments/${video!.id}/call-started`, {});
    expect(res.status).to.equal(404);
    expect((await em().findOneOrFail(Appointment, video!.id)).callStartedAt ?? null).to.equal(null);
  });

  it('two plugin instances checking at the same moment alert once', async () => {
    const [a] = await insertAppointments(system.orm, [{ queue: keps.the.queue, at: `${day(7)}T10:00` }]);
    const now = athens(`${day(7)}T10:20`);
    const results = await Promise.all([runEscalation(system.orm, now, settings), runEscalation(system.orm, now, settings)]);
    const flagged = results.map((r) => (r.ran ? r.value.flagged : 0));
    expect(flagged.reduce((x, y) => x + y, 0)).to.equal(1);
    expect((await alertsFor(a!.id)).map((m) => m.recipient)).to.deep.equal(['kep@thessaloniki.example.gr']);
  });

  it('alerts the configured administrator addresses instead, when the KEP has some', async () => {
    const [a] = await insertAppointments(system.orm, [{ queue: keps.her.queue, at: `${day(3)}T11:00` }]);
    const custom = attendanceSettings({ escalateAfterMinutes: 5, alertAddresses: { 'KEP-HER-0301': ['Head@Heraklion.example.gr', 'lead@heraklion.example.gr'] } });
    expect((await runEscalation(system.orm, athens(`${day(3)}T11:04`), custom)).ran).to.equal(true);
    expect(await alertsFor(a!.id)).to.have.length(0);
    await runEscalation(system.orm, athens(`${day(3)}T11:05`), custom);
    expect((await alertsFor(a!.id)).map((m) => m.recipient)).to.deep.equal(['head@heraklion.example.gr', 'lead@heraklion.example.gr']);
  });

  it('the alert email names the time and the queue, not the citizen, and is skipped once someone acted', async () => {
    const [a] = await insertAppointments(system.orm, [{ queue: keps.her.queue, at: `${day(8)}T12:00`, firstName: 'Κυριακή', lastName: 'Ψαρρού' }]);
    await runEscalation(system.orm, athens(`${day(8)}T12:15`), settings);
    const [alert] = await alertsFor(a!.id);
    const sink = await startSmtpSink();
    try {
      const mail = { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' };
      expect(await sendOutboxEmail(system.orm, mail, alert!.id)).to.equal('sent');
      const sent = sink.messages[0]!;
      expect(sent.subject).to.equal('Ραντεβού χωρίς ενέργεια: 12:00 — ΚΕΠ Δήμου Ηρακλείου');
      expect(sent.text).to.include(`Το ραντεβού Πέμπτη ${dmy(day(8))}, 12:00 στην ουρά «Κύρια ουρά» δεν έχει καμία ενέργεια 15 λεπτά μετά την έναρξή του.`);
      expect(sent.text).not.to.include('Ψαρρού');

      const [b] = await insertAppointments(system.orm, [{ queue: keps.her.queue, at: `${day(8)}T13:00` }]);
      await runEscalation(system.orm, athens(`${day(8)}T13:15`), settings);
      const row = (await alertsFor(b!.id))[0]!;
      const tx = em();
      (await tx.findOneOrFail(Appointment, b!.id)).status = 'served'; // staff acted before the alert went out
      await tx.flush();
      expect(await sendOutboxEmail(system.orm, mail, row.id)).to.equal('skipped');
      expect(sink.messages).to.have.length(1);
    } finally {
      await sink.close();
    }
  });
});
