import { expect } from 'chai';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { attendanceReport } from '../../plugin/reports/reports.routes.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

/**
 * Two weeks, 8–21 March 2027, counted by hand. Clean Monday (15 March) is a public holiday; the
 * Thessaloniki KEP is closed on Friday 19 March. The clock reads Wednesday 17 March, 12:00 (the
 * server's clock too).
 *
 * Athens (in person 08:00–15:00 = 420 min, video 09:00–14:00 = 300 min, weekdays):
 *   week 1: 8/3 09:00 served (lead 5 d), 09:15 served (2), 9/3 10:00 no-show (1), 10:30 missed (10),
 *           10/3 11:00 cancelled (3), 11:30 arrived 30 min (0.5), 11/3 09:00 walk-in served (no lead)
 *   week 2: 15/3 09:00 served (4), 16/3 09:00 missed (7), 17/3 09:00 booked → unrecorded (6),
 *           18/3 09:00 booked → upcoming (8), 18/3 10:00 video 20 min booked → upcoming (9)
 *   outside: 7/3 and 22/3 served; a hold on 9/3 — none counts.
 * Thessaloniki: 9/3 09:00 missed (1), 09:15 served (1). Heraklion: nothing.
 */
const FROM = '2027-03-08';
const TO = '2027-03-21';
const NOW = athens('2027-03-17T12:00');
/** No arrival, call or video wait is recorded on these appointments (test/reports/waiting-report.test.ts has them), and no search went unmet. */
const NO_WAITS = {
  waitingMinutes: { median: null, p90: null, count: 0 },
  lateVideoStarts: { count: 0, started: 0, rate: null },
  waitedNotServed: 0,
  unmetDemand: 0,
};

describe('the attendance report, against hand-counted appointments', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  let supervisor: StaffClient;

  before(async () => {
    const clock = new TestClock();
    clock.set(NOW);
    system = await startAttendanceSystem('attend_reports', { redisDb: 22, clock: clock.now });
    keps = await system.keps();
    const ath = keps.ath.queue;
    await insertAppointments(system.orm, [
      { queue: ath, at: '2027-03-08T09:00', status: 'served', leadDays: 5 },
      { queue: ath, at: '2027-03-08T09:15', status: 'served', leadDays: 2 },
      { queue: ath, at: '2027-03-09T10:00', status: 'no_show', leadDays: 1 },
      { queue: ath, at: '2027-03-09T10:30', status: 'missed_by_staff', leadDays: 10 },
      { queue: ath, at: '2027-03-10T11:00', status: 'cancelled', leadDays: 3 },
      { queue: ath, at: '2027-03-10T11:30', minutes: 30, status: 'arrived', leadDays: 0.5 },
      { queue: ath, at: '2027-03-11T09:00', status: 'served', source: 'walk_in', leadDays: 0 },
      { queue: ath, at: '2027-03-15T09:00', status: 'served', leadDays: 4 },
      { queue: ath, at: '2027-03-16T09:00', status: 'missed_by_staff', leadDays: 7 },
      { queue: ath, at: '2027-03-17T09:00', leadDays: 6 },
      { queue: ath, at: '2027-03-18T09:00', leadDays: 8 },
      { queue: keps.ath.video, at: '2027-03-18T10:00', minutes: 20, leadDays: 9 },
      { queue: ath, at: '2027-03-07T09:00', status: 'served' },
      { queue: ath, at: '2027-03-22T09:00', status: 'served' },
      { queue: ath, at: '2027-03-09T12:00', status: 'held' },
      { queue: keps.the.queue, at: '2027-03-09T09:00', status: 'missed_by_staff', leadDays: 1 },
      { queue: keps.the.queue, at: '2027-03-09T09:15', status: 'served', leadDays: 1 },
    ]);
    const em = system.orm.em.fork();
    em.create(ScheduleException, { store: keps.the.store.id, queue: null, startDate: '2027-03-19', endDate: '2027-03-19', hours: null, reason: 'Τοπική αργία', createdBy: 'fixture' });
    await em.flush();
    operator = await signInAs(system.url, 'demo-operator-a');
    supervisor = await signInAs(system.url, 'demo-supervisor');
  });
  after(async () => {
    await system?.close();
  });

  it('counts each KEP’s outcomes, lead time and use of the hours, worst first', async () => {
    const report = await attendanceReport(system.orm, [keps.ath.store.id, keps.the.store.id, keps.her.store.id], FROM, TO, NOW);
    expect(report.weeks).to.deep.equal(['2027-03-08', '2027-03-15']);
    expect(report.stores.map((s) => s.code)).to.deep.equal(['KEP-THE-0201', 'KEP-ATH-0101', 'KEP-HER-0301']);
    const [the, ath, her] = report.stores;
    const { storeId: _a, code: _b, name: _c, municipality: _d, ...athFigures } = ath!;
    expect(athFigures).to.deep.equal({
      booked: 12, cancelled: 1, served: 4, arrived: 1, noShow: 1, missedByStaff: 2, unrecorded: 1, upcoming: 2,
      missedByStaffRate: 0.2222, // 2 of the 9 due
      leadTimeDays: { median: 5, p90: 9 }, // whole days 0 1 2 3 4 5 6 7 8 9 10: the 6th and the 10th of 11
      bookedMinutes: 185, // 9 × 15 + 30 + 20 (the cancelled one freed its slot)
      offeredMinutes: 6480, // 9 working days (Clean Monday is a holiday) × (420 + 300)
      utilisation: 0.0285,
      series: { booked: [7, 5], served: [3, 1], missedByStaff: [1, 1] },
      ...NO_WAITS,
    });
    expect([the!.booked, the!.served, the!.missedByStaff, the!.missedByStaffRate, the!.leadTimeDays, the!.offeredMinutes, the!.utilisation]).to.deep.equal(
      [2, 1, 1, 0.5, { median: 1, p90: 1 }, 3360, 0.0089], // closed on 15/3 as well: 8 days × 420
    );
    expect([her!.booked, her!.missedByStaffRate, her!.leadTimeDays, her!.offeredMinutes, her!.utilisation]).to.deep.equal([0, null, { median: null, p90: null }, 3780, 0]);
    expect(report.totals).to.deep.equal({
      booked: 14, cancelled: 1, served: 5, arrived: 1, noShow: 1, missedByStaff: 3, unrecorded: 1, upcoming: 2,
      missedByStaffRate: 0.2727, // 3 of 11
      leadTimeDays: { median: 4, p90: 9 }, // those and Thessaloniki's 1, 1: the 7th and the 12th of 13
      bookedMinutes: 215, offeredMinutes: 13620, utilisation: 0.0158,
      ...NO_WAITS,
    });
  });

  it('gives the supervisor every KEP side by side, worst first', async () => {
    const res = await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}`);
    expect(res.status).to.equal(200);
    const body = await res.json();
    expect(body.stores.map((s: { code: string }) => s.code)).to.deep.equal(['KEP-THE-0201', 'KEP-ATH-0101', 'KEP-HER-0301']);
    // Through HTTP the server's clock is NOW too: the same figures.
    const ath = body.stores[1];
    expect([ath.unrecorded, ath.upcoming, ath.missedByStaffRate]).to.deep.equal([1, 2, 0.2222]);
    const one = await (await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}&storeId=${keps.her.store.id}`)).json();
    expect(one.stores.map((s: { code: string }) => s.code)).to.deep.equal(['KEP-HER-0301']);
  });

  it('lets an operator read only their own KEP: another KEP’s storeId answers 404', async () => {
    const own = await (await operator.get(`/api/v1/reports?from=${FROM}&to=${TO}`)).json();
    expect(own.stores.map((s: { code: string }) => s.code)).to.deep.equal(['KEP-ATH-0101']);
    expect(own.totals.booked).to.equal(12);
    for (const storeId of [keps.the.store.id, 'not-a-uuid', '00000000-0000-4000-8000-000000000000']) {
      const res = await operator.get(`/api/v1/reports?from=${FROM}&to=${TO}&storeId=${storeId}`);
      expect(res.status, storeId).to.equal(404);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }
    const csv = await operator.get(`/api/v1/reports?from=${FROM}&to=${TO}&storeId=${keps.the.store.id}&format=csv`);
    expect(csv.status).to.equal(404);
  });

  it('lets the supervisor change nothing', async () => {
    const list = await (await supervisor.get(`/api/v1/stores/${keps.ath.store.id}/appointments?from=${FROM}&to=${TO}`)).json();
    const target = list.items.find((a: { status: string }) => a.status === 'booked');
    expect(target, 'the supervisor reads the KEP’s appointments').to.be.an('object');
    const writes = await Promise.all([
      supervisor.post(`/api/v1/appointments/${target.id}/status`, { status: 'served' }),
      supervisor.post(`/api/v1/appointments/${target.id}/call-started`, {}),
      supervisor.post(`/api/v1/stores/${keps.ath.store.id}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: '2027-04-06T09:00' }),
    ]);
    expect(writes.map((r) => r.status)).to.deep.equal([403, 403, 403]);
    const prefs = await supervisor.browser.fetch(`${system.url}/api/v1/me/preferences`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', 'x-csrf-token': supervisor.csrfToken },
      body: JSON.stringify({ dailyListStores: [keps.ath.store.id] }),
    });
    expect(prefs.status, 'no day lists of KEPs one does not work in').to.equal(404);
    const after = await (await supervisor.get(`/api/v1/appointments/${target.id}`)).json();
    expect(after.status).to.equal('booked');
  });

  it('exports the same figures as CSV for Excel with Greek settings, and as a printable page', async () => {
    const res = await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}&format=csv`);
    expect(res.headers.get('content-type')).to.equal('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).to.include('rantevou-anafora-2027-03-08-2027-03-21.csv');
    const bytes = Buffer.from(await res.arrayBuffer());
    expect([...bytes.subarray(0, 3)], 'a UTF-8 BOM (fetch’s text() would hide it)').to.deep.equal([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString('utf8');
    expect(text.startsWith('Κωδικός ΚΕΠ;ΚΕΠ;Δήμος;Ραντεβού;')).to.equal(true);
    const lines = text.trim().split('\n');
    expect(lines).to.have.length(5);
    expect(lines[1]!.split(';').slice(0, 9)).to.deep.equal(['KEP-THE-0201', 'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς)', 'Θεσσαλονίκης', '2', '1', '0', '0', '1', '50']);
    expect(lines[2]!.split(';')[8], 'a decimal comma').to.equal('22,2');
    expect(lines[4]!.startsWith(';Σύνολο 2027-03-08 – 2027-03-21;')).to.equal(true);

    const html = await (await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}&format=html`)).text();
    expect(html).to.include('<title>Αναφορά προσέλευσης 08/03/2027 – 21/03/2027</title>');
    expect(html.indexOf('KEP-THE-0201')).to.be.lessThan(html.indexOf('KEP-ATH-0101'));
    expect(html).to.include('<td>50% ▲ Υψηλό</td>');
    expect(html, 'the worst KEP is marked in print too').to.match(/<tr class="high"><th scope="row">ΚΕΠ Δήμου Θεσσαλονίκης[^<]*<br><small>[^<]*<\/small><br><strong>▲ Υψηλό ποσοστό χαμένων<\/strong>/);
    expect(html).to.include('Ποσοστό χαμένων: ▲ Υψηλό 5% και πάνω · ◆ Μέτριο 2% έως κάτω από 5% · ● Χαμηλό κάτω από 2% · ✓ Κανένα 0%');
  });

  it('refuses a period longer than a year, or the wrong way round', async () => {
    const long = await operator.get('/api/v1/reports?from=2027-01-01&to=2028-01-02');
    expect([long.status, (await long.json()).errors]).to.deep.equal([400, [{ path: 'to', message: 'Η αναφορά καλύπτει έως 366 ημέρες.' }]]);
    const backwards = await operator.get('/api/v1/reports?from=2027-02-01&to=2027-01-01');
    expect(backwards.status).to.equal(400);
  });
});
