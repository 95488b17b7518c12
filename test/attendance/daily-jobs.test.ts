import { readFileSync, writeFileSync } from 'node:fs';
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { createStaticFileRoleSource } from '../../plugin/auth/static-file-role-source.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { attendanceSettings } from '../../plugin/jobs/attendance-options.js';
import { sendMorningLists } from '../../plugin/jobs/morning-list.job.js';
import { startAttendanceJobs } from '../../plugin/jobs/scheduler.js';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED } from '../support/test-days.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

describe('the morning day list and the scheduler that runs every job once', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  const em = () => system.orm.em.fork();
  const roles = () => createStaticFileRoleSource(system.rolesFile);
  const put = (client: StaffClient, body: unknown) =>
    client.browser.fetch(`${system.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
      body: JSON.stringify(body),
    });
  const dayLists = (date: string) => em().find(OutboxMessage, { kind: 'staff.day-list', forDate: date });

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startAttendanceSystem('attend_daily', { clock: clock.now, redisDb: 23 });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await system?.close();
  });

  it('is opt-in per person and KEP where they work, with the address of their sign-in, and audited', async () => {
    expect(await (await operator.get('/api/v1/me/preferences')).json()).to.deep.equal({ dailyListStores: [], email: 'maria.papadopoulou@kep.example.gr' });
    const other = await put(operator, { dailyListStores: [keps.the.store.id] });
    expect(other.status, 'another KEP: 404').to.equal(404);
    const res = await put(operator, { dailyListStores: [keps.ath.store.id] });
    expect(res.status).to.equal(200);
    expect(await res.json()).to.deep.equal({ dailyListStores: [keps.ath.store.id], email: 'maria.papadopoulou@kep.example.gr' });
    const audit = await em().find(AuditEvent, { action: 'staff.preferences' });
    expect(audit.map((e) => [e.actor, e.before, e.after])).to.deep.equal([['demo-operator-a', { dailyListStores: [] }, { dailyListStores: [keps.ath.store.id] }]]);
  });

  it('writes each subscriber’s list once a day, and the email lists the day without contact details', async () => {
    await insertAppointments(system.orm, [
      { queue: keps.ath.queue, at: `${day(1)}T09:00`, firstName: 'Ελένη', lastName: 'Αργυρού', phone: '+306900000001', email: 'eleni@citizen.example.gr' },
      { queue: keps.ath.video, at: `${day(1)}T10:00`, minutes: 20, firstName: 'Νίκος', lastName: 'Βέρρας' },
      { queue: keps.ath.queue, at: `${day(1)}T11:00`, status: 'cancelled', lastName: 'Ακυρωμένος' },
      { queue: keps.the.queue, at: `${day(1)}T09:00`, lastName: 'Θεσσαλονικιός' },
    ]);
    expect(await sendMorningLists(system.orm, day(1), roles())).to.deep.equal({ written: 1, unconfirmed: 0, ran: true });
    expect(await sendMorningLists(system.orm, day(1), roles())).to.deep.equal({ written: 0, unconfirmed: 0, ran: true });
    const [row] = await dayLists(day(1));
    expect([row?.recipient, row?.storeId]).to.deep.equal(['maria.papadopoulou@kep.example.gr', keps.ath.store.id]);

    const sink = await startSmtpSink();
    try {
      const outcome = await sendOutboxEmail(system.orm, { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' }, row!.id);
      expect(outcome).to.equal('sent');
      const mail = sink.messages[0]!;
      expect(mail.subject).to.equal(`Ραντεβού Τρίτη ${dmy(day(1))} — ΚΕΠ Δήμου Αθηναίων (Λιοσίων) (2 ραντεβού)`);
      expect(mail.text).to.match(/09:00–09:15 {2}Αργυρού Ε\. {2}\(Κύρια ουρά\) {2}[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}/); // with the booking reference
      expect(mail.text).to.match(/10:00–10:20 {2}Βέρρας Ν\. {2}\(myKEPLive\) {2}[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3} {2}βιντεοκλήση \(myKEPLive\)/);
      for (const absent of ['Ακυρωμένος', 'Θεσσαλονικιός', '+306900000001', 'eleni@citizen.example.gr']) expect(mail.text).not.to.include(absent);
      expect(mail.html).to.include('<th scope="col"');
    } finally {
      await sink.close();
    }
  });

  it('sends nothing to someone the counter application no longer places at that KEP', async () => {
    const original = readFileSync(system.rolesFile, 'utf8');
    const moved = { ...JSON.parse(original), 'demo-operator-a': [{ storeCode: 'KEP-THE-0201', role: 'operator' }] };
    writeFileSync(system.rolesFile, JSON.stringify(moved));
    try {
      expect(await sendMorningLists(system.orm, day(2), roles())).to.deep.equal({ written: 0, unconfirmed: 1, ran: true });
    } finally {
      writeFileSync(system.rolesFile, original);
    }
  });

  it('runs every job once when two plugin instances tick at the same moment (injected clock)', async () => {
    const [late] = await insertAppointments(system.orm, [{ queue: keps.her.queue, at: `${day(3)}T09:00`, email: 'late@citizen.example.gr' }]);
    let now = athens(`${day(3)}T07:30`);
    const settings = attendanceSettings({ runJobs: false });
    const instances = [1, 2].map(() =>
      startAttendanceJobs({ orm: system.orm, settings, clock: () => now, roleSource: roles(), publicUrl: system.url, afterWrite: () => {}, onError: (m, e) => { throw new Error(`${m}: ${String(e)}`); } }),
    );
    try {
      await Promise.all(instances.map((i) => i.tick()));
      expect((await dayLists(day(3))).map((m) => m.recipient)).to.deep.equal(['maria.papadopoulou@kep.example.gr']);

      now = athens(`${day(3)}T09:15`);
      await Promise.all(instances.map((i) => i.tick()));
      expect((await em().find(OutboxMessage, { kind: 'staff.attention', aboutAppointmentId: late!.id })).map((m) => m.recipient)).to.deep.equal(['kep@heraklion.example.gr']);
      expect((await em().findOneOrFail(Appointment, late!.id)).attentionAt?.toISOString()).to.equal(now.toISOString());

      now = athens(`${day(3)}T20:00`);
      await Promise.all(instances.map((i) => i.tick()));
      expect((await em().findOneOrFail(Appointment, late!.id)).status).to.equal('missed_by_staff');
      expect(await em().count(OutboxMessage, { kind: 'appointment.apology', appointment: late!.id })).to.equal(1);
      expect(await em().count(AuditEvent, { entityId: late!.id, action: 'appointment.status' })).to.equal(1);
      expect(await dayLists(day(3)), 'still one day list').to.have.length(1);
    } finally {
      await Promise.all(instances.map((i) => i.stop()));
    }
  });
});
