import { expect } from 'chai';
import { attendanceReport } from '../../plugin/reports/reports.routes.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from '../attendance/support/attendance-system.js';
import { athens, insertAppointments, type Fixture } from '../attendance/support/fixtures.js';

/**
 * The citizens who waited, 8–21 March 2027, counted by hand. The clock reads Wednesday 17 March,
 * 12:00 (the server's too). Times are Athens times; waits in minutes.
 *
 * Athens, in person:
 *   1. 8/3 09:00 served, arrived 08:55, called 09:05 → 10
 *   2. 8/3 09:15 served, arrived 09:10, called 09:12 → 2
 *   3. 9/3 10:00 served, arrived 09:40, called 10:25 → 45
 *   4. 9/3 10:30 still arrived, arrived 10:20, never called → waited, not served
 *   5. 10/3 11:00 missed by staff, arrived 10:50 → waited, not served
 *   6. 17/3 09:00 (today) arrived 08:50, not called yet → not counted: its day is not over
 *   7. 16/3 09:00 served, no arrival recorded → nothing
 * Athens, video (the KEP's alert: 5 minutes by default):
 *   8. 8/3 10:00 served, waiting 09:58, call 10:03 → 5; on time (10:00 + 5 = 10:05)
 *   9. 9/3 11:00 served, waiting 11:02, call 11:10 → 8; late (11:02 + 5 = 11:07)
 *  10. 10/3 12:00 still booked, waiting 11:59, no call → waited, not served
 *  11. 11/3 09:00 served, call 08:58 before the citizen's «Περιμένω» at 09:01 → 0; on time
 *  12. 12/3 13:00 served, no «Περιμένω», call 13:20 → no wait; late (13:00 + 5)
 * Thessaloniki: 13. 9/3 09:00 served, arrived 08:58, called 09:30 → 32. Heraklion: nothing.
 *
 * Athens' waits 0 2 5 8 10 45: median the 3rd (5), 90% the 6th (45); 4 video calls started, 2 late;
 * 3 waited and not served. All: 0 2 5 8 10 32 45: the 4th (8) and the 7th (45).
 */
const FROM = '2027-03-08';
const TO = '2027-03-21';
const NOW = athens('2027-03-17T12:00');

describe('the report of the citizens who waited, against hand-made appointments', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let supervisor: StaffClient;
  let operator: StaffClient;

  before(async () => {
    const clock = new TestClock();
    clock.set(NOW);
    system = await startAttendanceSystem('waiting_report', { redisDb: 23, clock: clock.now });
    keps = await system.keps();
    const ath = keps.ath.queue;
    const video = keps.ath.video;
    type Times = { arrived?: string; called?: string; waiting?: string; call?: string };
    const rows: [Fixture, Times][] = [
      [{ queue: ath, at: '2027-03-08T09:00', status: 'served' }, { arrived: '08:55', called: '09:05' }],
      [{ queue: ath, at: '2027-03-08T09:15', status: 'served' }, { arrived: '09:10', called: '09:12' }],
      [{ queue: ath, at: '2027-03-09T10:00', status: 'served' }, { arrived: '09:40', called: '10:25' }],
      [{ queue: ath, at: '2027-03-09T10:30', status: 'arrived' }, { arrived: '10:20' }],
      [{ queue: ath, at: '2027-03-10T11:00', status: 'missed_by_staff' }, { arrived: '10:50' }],
      [{ queue: ath, at: '2027-03-17T09:00', status: 'arrived' }, { arrived: '08:50' }],
      [{ queue: ath, at: '2027-03-16T09:00', status: 'served' }, {}],
      [{ queue: video, at: '2027-03-08T10:00', minutes: 20, status: 'served' }, { waiting: '09:58', call: '10:03' }],
      [{ queue: video, at: '2027-03-09T11:00', minutes: 20, status: 'served' }, { waiting: '11:02', call: '11:10' }],
      [{ queue: video, at: '2027-03-10T12:00', minutes: 20 }, { waiting: '11:59' }],
      [{ queue: video, at: '2027-03-11T09:00', minutes: 20, status: 'served' }, { waiting: '09:01', call: '08:58' }],
      [{ queue: video, at: '2027-03-12T13:00', minutes: 20, status: 'served' }, { call: '13:20' }],
      [{ queue: keps.the.queue, at: '2027-03-09T09:00', status: 'served' }, { arrived: '08:58', called: '09:30' }],
    ];
    const made = await insertAppointments(system.orm, rows.map(([f]) => f));
    const conn = system.orm.em.fork().getConnection();
    for (const [i, [f, t]] of rows.entries()) {
      const on = (time?: string) => (time ? athens(`${f.at.slice(0, 10)}T${time}`) : null);
      await conn.execute('update appointment set arrived_at = ?, called_at = ?, video_waiting_at = ?, call_started_at = ? where id = ?', [
        on(t.arrived), on(t.called), on(t.waiting), on(t.call), made[i]!.id,
      ]);
    }
    supervisor = await signInAs(system.url, 'demo-supervisor');
    operator = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await system?.close();
  });

  const waitingOf = (r: { waitingMinutes: unknown; lateVideoStarts: unknown; waitedNotServed: number }) => ({
    waitingMinutes: r.waitingMinutes,
    lateVideoStarts: r.lateVideoStarts,
    waitedNotServed: r.waitedNotServed,
  });

  it('gives each KEP its waiting time, late video starts and who waited unserved, and all of them together', async () => {
    const report = await attendanceReport(system.orm, [keps.ath.store.id, keps.the.store.id, keps.her.store.id], FROM, TO, NOW);
    const line = (code: string) => report.stores.find((s) => s.code === code)!;
    expect(waitingOf(line('KEP-ATH-0101'))).to.deep.equal({
      waitingMinutes: { median: 5, p90: 45, count: 6 },
      lateVideoStarts: { count: 2, started: 4, rate: 0.5 },
      waitedNotServed: 3,
    });
    expect(waitingOf(line('KEP-THE-0201'))).to.deep.equal({
      waitingMinutes: { median: 32, p90: 32, count: 1 },
      lateVideoStarts: { count: 0, started: 0, rate: null },
      waitedNotServed: 0,
    });
    expect(waitingOf(line('KEP-HER-0301'))).to.deep.equal({
      waitingMinutes: { median: null, p90: null, count: 0 },
      lateVideoStarts: { count: 0, started: 0, rate: null },
      waitedNotServed: 0,
    });
    expect(waitingOf(report.totals)).to.deep.equal({
      waitingMinutes: { median: 8, p90: 45, count: 7 },
      lateVideoStarts: { count: 2, started: 4, rate: 0.5 },
      waitedNotServed: 3,
    });
  });

  it('takes each KEP’s own alert minutes for a late start', async () => {
    // At 10 minutes, 9 (11:10 < 11:12) is on time; 12 (13:20 > 13:10) is still late.
    await system.orm.em.fork().getConnection().execute('update store set video_alert_minutes = 10 where id = ?', [keps.ath.store.id]);
    const report = await attendanceReport(system.orm, [keps.ath.store.id], FROM, TO, NOW);
    expect(report.stores[0]!.lateVideoStarts).to.deep.equal({ count: 1, started: 4, rate: 0.25 });
    await system.orm.em.fork().getConnection().execute('update store set video_alert_minutes = 5 where id = ?', [keps.ath.store.id]);
  });

  it('counts today’s waiting citizen once their day is over', async () => {
    const tomorrow = athens('2027-03-18T08:00');
    const report = await attendanceReport(system.orm, [keps.ath.store.id], FROM, TO, tomorrow);
    expect(report.stores[0]!.waitedNotServed).to.equal(4);
  });

  it('gives the supervisor every KEP and the operator their own, through the API, the CSV and the printable page', async () => {
    const all = await (await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}`)).json();
    expect(all.stores.map((s: { code: string }) => s.code)).to.have.members(['KEP-ATH-0101', 'KEP-THE-0201', 'KEP-HER-0301']);
    expect(all.totals.waitingMinutes).to.deep.equal({ median: 8, p90: 45, count: 7 });
    const own = await (await operator.get(`/api/v1/reports?from=${FROM}&to=${TO}`)).json();
    expect(own.stores.map((s: { code: string }) => s.code)).to.deep.equal(['KEP-ATH-0101']);
    expect(own.totals.waitingMinutes).to.deep.equal({ median: 5, p90: 45, count: 6 });
    const csv = await (await operator.get(`/api/v1/reports?from=${FROM}&to=${TO}&format=csv`)).text();
    const [header, ath] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/).map((l) => l.split(';'));
    const cell = (name: string) => ath![header!.indexOf(name)];
    expect([
      cell('Από την άφιξη ως την κλήση: διάμεσος (λεπτά)'), cell('Από την άφιξη ως την κλήση: 90ό εκατοστημόριο (λεπτά)'), cell('Αναμονές που μετρήθηκαν'),
      cell('Βιντεοκλήσεις που ξεκίνησαν'), cell('Βιντεοκλήσεις που ξεκίνησαν με καθυστέρηση'), cell('Ποσοστό καθυστερημένων βιντεοκλήσεων (%)'),
      cell('Περίμεναν και δεν εξυπηρετήθηκαν'), cell('Αναζητήσεις χωρίς ελεύθερη ώρα'),
    ]).to.deep.equal(['5', '45', '6', '4', '2', '50', '3', '0']);
    const page = await (await supervisor.get(`/api/v1/reports?from=${FROM}&to=${TO}&format=html`)).text();
    const waiting = page.slice(page.indexOf('<h2>Οι πολίτες που περίμεναν</h2>'));
    // Worst first: Athens (3 unserved), Thessaloniki (a 32-minute wait), Heraklion.
    expect([...waiting.matchAll(/<small>(KEP-[A-Z]+-\d+)/g)].map((m) => m[1])).to.deep.equal(['KEP-ATH-0101', 'KEP-THE-0201', 'KEP-HER-0301']);
    expect(waiting).to.include('<td>5</td><td>45</td><td>6</td><td>2</td><td>4</td><td>50%</td><td>3</td>');
  });
});
