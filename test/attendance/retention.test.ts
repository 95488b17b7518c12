import { expect } from 'chai';
import pg from 'pg';
import { attendanceReport } from '../../plugin/reports/reports.routes.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { recordAudit } from '../../plugin/db/record-audit.js';
import { attendanceSettings } from '../../plugin/jobs/attendance-options.js';
import { runEndOfDay } from '../../plugin/jobs/end-of-day.job.js';
import { runRetention } from '../../plugin/jobs/retention.job.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

/** Everything personal the fixtures hold; none of it may survive the retention job. */
const PERSONAL = [
  'Ανδρομάχη', 'Βασιλακοπούλου', 'andromachi@citizen.example.gr', '+306944111222',
  'Περικλής', 'Ζερβουδάκης', 'pericles@citizen.example.gr', '+306977333444', '090000045',
  'Ευανθία', 'Μαυρογιάννη', 'evanthia@citizen.example.gr', 'taxisnet-citizen-4711', 'Ακαδημίας 1',
];

describe('retention: personal data goes after 12 months, the counts stay', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  let recentId: string;
  const em = () => system.orm.em.fork();
  // The appointments are on the days after the pinned clock; retention runs a year and a month later.
  const NOW = athens('2028-01-27T03:00');
  const clock = new TestClock();
  const stores = () => [keps.ath.store.id, keps.the.store.id, keps.her.store.id];

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('attend_retention', { redisDb: 20, clock: clock.now });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
    const storeId = keps.ath.store.id;
    // Through the API, so the audit trail holds the personal data as staff typed it.
    const booked = await (await operator.post(`/api/v1/stores/${storeId}/appointments`, {
      firstName: 'Ανδρομάχη', lastName: 'Βασιλακοπούλου', startsAt: `${day(1)}T09:00`, email: 'andromachi@citizen.example.gr', phone: '6944111222', notes: 'Φέρνει έγγραφα για την Ευανθία Μαυρογιάννη',
    })).json();
    await operator.browser.fetch(`${system.url}/api/v1/appointments/${booked.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': operator.csrfToken, 'if-match': `"${booked.version}"` },
      body: JSON.stringify({ phone: '6977333444' }),
    });
    clock.set(athens(`${day(1)}T09:20`)); // served at the time of the appointment
    await operator.post(`/api/v1/appointments/${booked.id}/status`, { status: 'served' });
    const second = await (await operator.post(`/api/v1/stores/${storeId}/appointments`, {
      firstName: 'Περικλής', lastName: 'Ζερβουδάκης', startsAt: `${day(1)}T10:00`, email: 'pericles@citizen.example.gr',
    })).json();
    await operator.post(`/api/v1/appointments/${second.id}/cancel`, { reason: 'Ο κ. Ζερβουδάκης ζήτησε ακύρωση' });
    const [direct, missed, recent] = await insertAppointments(system.orm, [
      { queue: keps.the.queue, at: `${day(2)}T09:00`, status: 'no_show', firstName: 'Περικλής', lastName: 'Ζερβουδάκης', taxId: '090000045', notes: 'Ακαδημίας 1' },
      { queue: keps.ath.queue, at: `${day(3)}T09:00`, firstName: 'Ευανθία', lastName: 'Μαυρογιάννη', email: 'evanthia@citizen.example.gr' },
      { queue: keps.ath.queue, at: '2027-12-20T09:00', firstName: 'Ευανθία', lastName: 'Μαυρογιάννη', email: 'evanthia@citizen.example.gr' },
    ]);
    recentId = recent!.id;
    // A citizen's own action in the audit (as public booking writes it), and the end of the day's apology with its priority token.
    const tx = em();
    recordAudit(tx, { actor: 'citizen:taxisnet-citizen-4711', action: 'appointment.update', entityType: 'appointment', entityId: direct!.id, storeId: keps.the.store.id, before: { email: null }, after: { email: 'evanthia@citizen.example.gr' } });
    await tx.flush();
    await runEndOfDay(system.orm, athens(`${day(3)}T20:00`), attendanceSettings(), { publicUrl: system.url });
    expect((await em().findOneOrFail(Appointment, missed!.id)).status).to.equal('missed_by_staff');
    // A mail server's reply may quote the address.
    await tx.getConnection().execute(`update outbox_message set last_error = '550 5.1.1 <evanthia@citizen.example.gr>: no such user' where kind = 'appointment.apology'`);
  });
  after(async () => {
    await system?.close();
  });

  it('leaves every report figure as it was', async () => {
    const before = await attendanceReport(system.orm, stores(), '2027-01-01', '2027-12-31', NOW);
    let batches = 0;
    for (;;) {
      const r = await runRetention(system.orm, NOW, 12);
      batches++;
      if (!r.ran || !r.value.more) break;
    }
    expect(batches).to.equal(1);
    const after = await attendanceReport(system.orm, stores(), '2027-01-01', '2027-12-31', NOW);
    expect(after).to.deep.equal(before);
    expect(before.totals.booked).to.equal(5);
  });

  it('leaves no fixture name, email, phone, tax id or citizen id in the appointment, audit, outbox or token tables', async () => {
    const client = new pg.Client({ connectionString: system.databaseUrl });
    await client.connect();
    try {
      for (const table of ['appointment', 'audit_event', 'outbox_message', 'priority_token', 'manage_token']) {
        const { rows } = await client.query(`select t::text as row from ${table} t where t::text ilike any($1)`, [PERSONAL.map((p) => `%${p}%`)]);
        const leaks = rows.map((r) => r.row as string).filter((row) => !row.includes(recentId));
        expect(leaks, `personal data left in ${table}`).to.deep.equal([]);
      }
      const tokens = await client.query(`select count(*)::int as n from priority_token`);
      expect(tokens.rows[0].n, 'link secrets of redacted appointments are deleted').to.equal(0);
    } finally {
      await client.end();
    }
  });

  it('keeps who did what, when — without the personal data — and records the redaction itself', async () => {
    const redacted = await em().find(Appointment, { redactedAt: { $ne: null } }, { orderBy: { startsAt: 'asc' } });
    expect(redacted.map((a) => [a.firstName, a.lastName, a.email ?? null, a.phone ?? null, a.searchKey, a.redactedAt?.toISOString()])).to.deep.equal(
      Array.from({ length: 4 }, () => ['—', '—', null, null, '', NOW.toISOString()]),
    );
    expect((await em().findOneOrFail(Appointment, recentId)).firstName, 'an appointment of last month keeps its data').to.equal('Ευανθία');
    const first = redacted[0]!;
    const trail = await em().find(AuditEvent, { entityType: 'appointment', entityId: first.id }, { orderBy: { id: 'asc' } });
    expect(trail.map((e) => [e.actor, e.action])).to.deep.equal([
      ['demo-operator-a', 'appointment.create'],
      ['demo-operator-a', 'appointment.update'],
      ['demo-operator-a', 'appointment.status'],
      ['system:retention', 'appointment.redact'],
    ]);
    expect(trail[2]!.before?.status).to.equal('booked');
    expect(trail[2]!.after?.status).to.equal('served');
    const citizen = await em().find(AuditEvent, { actor: { $like: 'citizen%' } });
    expect(citizen.map((e) => e.actor)).to.deep.equal(['citizen']);
    const view = await (await operator.get(`/api/v1/appointments/${first.id}`)).json();
    expect([view.firstName, view.lastName, view.status]).to.deep.equal(['—', '—', 'served']);
  });

  it('finds nothing more to do on the next night', async () => {
    expect(await runRetention(system.orm, new Date(NOW.getTime() + 86_400_000), 12)).to.deep.equal({ ran: true, value: { redacted: 0, more: false } });
  });
});
