import { expect } from 'chai';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { availabilityComputations } from '../../plugin/public/availability-cache.js';
import { attendanceReport } from '../../plugin/reports/reports.routes.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { PINNED, TODAY } from '../support/test-days.js';
import { startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';

/**
 * Unmet demand against hand-counted searches. The clock reads Monday 11 January 2027, 08:00; the
 * days are the default 14 (11–24 January). Heraklion is closed on all of them (and open from Monday
 * 25); Thessaloniki in the first week only; Athens is open. Every count below is written next to the
 * request that makes it.
 */
describe('unmet demand: public searches that found no time within the days', () => {
  let system: PublicSystem;
  let citizen: CitizenClient;
  let her: string;
  let the: string;
  let ath: string;
  let procedureId: string;
  const week = TODAY; // a Monday: the ISO week of every search here

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startPublicSystem('unmet_demand', { clock: clock.now });
    const em = system.orm.em.fork();
    const stores = await em.find(Store, {});
    const code = (c: string) => stores.find((s) => s.code === c)!.id;
    [ath, the, her] = [code('KEP-ATH-0101'), code('KEP-THE-0201'), code('KEP-HER-0301')];
    const closed = (store: string, days: number) =>
      em.create(ScheduleException, { store, queue: null, startDate: TODAY, endDate: addDays(TODAY, days - 1), hours: null, reason: 'Ανακαίνιση', createdBy: 'fixture' });
    closed(her, 14);
    closed(the, 7);
    await em.flush();
    const procedures: { id: string; name: string }[] = await (await fetch(`${system.url}/api/v1/public/stores/${her}/procedures`)).json();
    procedureId = procedures.find((p) => p.name.startsWith('Έκδοση πιστοποιητικού οικογενειακής'))!.id;
    citizen = await system.citizen('citizen-unmet-1');
  });
  after(async () => system?.close());

  const search = async (store: string, query: Record<string, string>) => {
    const res = await fetch(`${system.url}/api/v1/public/stores/${store}/availability?${new URLSearchParams(query)}`);
    expect(res.status, JSON.stringify(query)).to.equal(200);
    return (await res.json()) as { days: { slots: unknown[] }[] };
  };
  const counters = async () =>
    (await system.orm.em.fork().getConnection().execute(
      `select store_id, procedure_id, mode, to_char(week, 'YYYY-MM-DD') as week, searches, holds from unmet_demand order by store_id, procedure_id nulls last, mode`,
    )) as { store_id: string; procedure_id: string | null; mode: string; week: string; searches: number; holds: number }[];

  it('counts a search with no time within the days once per search id, and every search without one', async () => {
    const full = { from: TODAY, to: addDays(TODAY, 13), procedureId };
    await search(her, { ...full, searchId: 'flow-aaaaaaaa' }); // 1
    await search(her, { ...full, searchId: 'flow-aaaaaaaa' }); // the same burst: still 1
    await search(her, { procedureId, searchId: 'flow-bbbbbbbb' }); // the default two weeks, another flow: 2
    await search(her, { procedureId }); // 3
    await search(her, { procedureId }); // 4
    await search(her, { from: addDays(TODAY, 3), to: addDays(TODAY, 5) }); // a part of the days, no procedure: 1 on its own row
    expect(await counters()).to.deep.equal([
      { store_id: her, procedure_id: procedureId, mode: 'in_person', week, searches: 4, holds: 0 },
      { store_id: her, procedure_id: null, mode: 'in_person', week, searches: 1, holds: 0 },
    ]);
  });

  it('does not count a search that starts after the days, one of a mode the KEP does not offer, or a KEP with a time within the days', async () => {
    const later = await search(her, { from: addDays(TODAY, 14), to: addDays(TODAY, 27), procedureId });
    expect(later.days.some((d) => d.slots.length > 0), 'Heraklion has times from the 25th').to.equal(true);
    await search(her, { from: addDays(TODAY, 20), procedureId });
    await search(her, { mode: 'video', procedureId });
    // Thessaloniki's first week is empty, but its second has times: not unmet.
    const firstWeek = await search(the, { from: TODAY, to: addDays(TODAY, 6), procedureId });
    expect(firstWeek.days.every((d) => d.slots.length === 0)).to.equal(true);
    await search(the, { procedureId });
    await search(ath, { procedureId });
    expect((await counters()).map((r) => [r.store_id, r.searches])).to.deep.equal([[her, 4], [her, 1]]);
  });

  it('costs a cached answer with a time nothing: no computation and no counter', async () => {
    await search(ath, { procedureId });
    const before = availabilityComputations.count;
    await search(ath, { procedureId, searchId: 'flow-cccccccc' });
    expect(availabilityComputations.count - before).to.equal(0);
    expect((await counters()).some((r) => r.store_id === ath)).to.equal(false);
  });

  it('counts a hold refused with nothing else free within the days, once per search id', async () => {
    const body = { storeId: her, startsAt: `${addDays(TODAY, 2)}T09:00`, mode: 'in_person', procedureId, searchId: 'flow-dddddddd' };
    expect((await citizen.post('/api/v1/public/holds', body)).status).to.equal(409);
    expect((await citizen.post('/api/v1/public/holds', body)).status).to.equal(409); // the same flow
    // Athens refuses a Saturday, but has other times: not unmet.
    expect((await citizen.post('/api/v1/public/holds', { ...body, storeId: ath, startsAt: `${addDays(TODAY, 5)}T09:00` })).status).to.equal(409);
    expect(await counters()).to.deep.equal([
      { store_id: her, procedure_id: procedureId, mode: 'in_person', week, searches: 4, holds: 1 },
      { store_id: her, procedure_id: null, mode: 'in_person', week, searches: 1, holds: 0 },
    ]);
  });

  it('shows the counts in the report beside the missed-by-staff rate, in the week of the searches', async () => {
    const report = await attendanceReport(system.orm, [ath, the, her], TODAY, addDays(TODAY, 6), PINNED);
    const line = (id: string) => report.stores.find((s) => s.storeId === id)!;
    expect([line(her).unmetDemand, line(the).unmetDemand, line(ath).unmetDemand, report.totals.unmetDemand]).to.deep.equal([6, 0, 0, 6]); // 4 + 1 searches, 1 hold
    expect(report.unmetDemand.map((r) => [r.procedureId, r.mode, r.week, r.searches, r.holds])).to.deep.equal([
      [procedureId, 'in_person', week, 4, 1],
      [null, 'in_person', week, 1, 0],
    ]);
    const nextWeek = await attendanceReport(system.orm, [her], addDays(TODAY, 7), addDays(TODAY, 13), PINNED);
    expect(nextWeek.totals.unmetDemand).to.equal(0);
  });

  type Nearby = { days: number; firstFree: { date: string; label: string } | null; stores: { id: string; distanceKm: number | null; firstFree: { date: string; label: string } }[] };
  const nearby = async (store: string, query: Record<string, string> = { procedureId }) => {
    const res = await fetch(`${system.url}/api/v1/public/stores/${store}/nearby?${new URLSearchParams(query)}`);
    return { status: res.status, body: (await res.json()) as Nearby };
  };

  describe('the nearest KEPs with an earlier time', () => {

    it('suggests the KEPs nearest to one with no time within the days, each with its first free time', async () => {
      const { status, body } = await nearby(her);
      expect(status).to.equal(200);
      expect([body.days, body.firstFree]).to.deep.equal([14, null]);
      // Heraklion – Athens about 318 km, Heraklion – Thessaloniki about 618 km, as the crow flies.
      expect(body.stores.map((s) => [s.id, Math.round(s.distanceKm! / 10) * 10])).to.deep.equal([[ath, 320], [the, 620]]);
      expect(body.stores.map((s) => [s.firstFree.date, s.firstFree.label])).to.deep.equal([[TODAY, '10:00'], [addDays(TODAY, 7), '08:00']]);
      const athens = await nearby(ath);
      expect(athens.body.firstFree).to.deep.include({ date: TODAY, label: '10:00' });
    });

    it('falls back to the same municipality or prefecture when a KEP has no coordinates', async () => {
      const em = system.orm.em.fork();
      await em.nativeUpdate(Store, { id: her }, { latitude: null, longitude: null });
      expect((await nearby(her)).body.stores).to.deep.equal([]);
      await em.nativeUpdate(Store, { id: the }, { prefecture: 'Ηρακλείου' });
      const { body } = await nearby(her);
      expect(body.stores.map((s) => [s.id, s.distanceKm])).to.deep.equal([[the, null]]);
    });

    it('answers 404 for a KEP that takes no bookings and 400 for a bad mode', async () => {
      expect((await nearby('00000000-0000-4000-8000-000000000000')).status).to.equal(404);
      expect((await nearby(her, { mode: 'fax' })).status).to.equal(400);
      const doc = await (await fetch(`${system.url}/api/v1/openapi.json`)).json();
      expect(doc.paths['/api/v1/public/stores/{storeId}/nearby'].get.responses).to.have.keys('200', '400', '404', '429');
      expect(doc.paths['/api/v1/public/stores/{storeId}/availability'].get.parameters.map((p: { name: string }) => p.name)).to.include.members(['procedureId', 'searchId']);
    });
  });

  describe('where a KEP is: GET, PUT /stores/:storeId/location', () => {
    const put = (client: StaffClient, store: string, body: unknown) =>
      client.browser.fetch(`${system.url}/api/v1/stores/${store}/location`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
        body: JSON.stringify(body),
      });

    it('lets the KEP’s staff read it and only its store administrator set it, both coordinates or neither, audited', async () => {
      const operator = await signInAs(system.url, 'demo-operator-a');
      const admin = await signInAs(system.url, 'demo-admin-a');
      expect(await (await operator.get(`/api/v1/stores/${ath}/location`)).json()).to.deep.equal({ latitude: 37.9886, longitude: 23.7244, prefecture: 'Κεντρικού Τομέα Αθηνών' });
      expect((await put(operator, ath, { latitude: 38, longitude: 23.7, prefecture: null })).status).to.equal(403);
      expect((await put(admin, the, { latitude: 38, longitude: 23.7, prefecture: null })).status, 'another KEP').to.equal(404);
      const half = await put(admin, ath, { latitude: 38, longitude: null, prefecture: null });
      expect(half.status).to.equal(400);
      expect((await half.json()).errors).to.deep.equal([{ path: 'longitude', message: 'Συμπληρώστε και το πλάτος και το μήκος, ή κανένα από τα δύο.' }]);
      expect((await put(admin, ath, { latitude: 91, longitude: 23.7, prefecture: null })).status).to.equal(400);
      // Moved, for this test, next to Heraklion (Knossos): now Heraklion's nearest.
      const moved = await put(admin, ath, { latitude: 35.298, longitude: 25.163, prefecture: ' ' });
      expect(await moved.json()).to.deep.equal({ latitude: 35.298, longitude: 25.163, prefecture: null });
      const [audit] = await system.orm.em.fork().getConnection().execute(`select actor, after from audit_event where action = 'store.location' and entity_id = ?`, [ath]);
      expect([audit.actor, audit.after]).to.deep.equal([admin.me.user.sub, { latitude: 35.298, longitude: 25.163, prefecture: null }]);
      await system.orm.em.fork().nativeUpdate(Store, { id: her }, { latitude: 35.3393, longitude: 25.1347 });
      const { body } = await nearby(her);
      expect(body.stores.map((s) => [s.id, Math.round(s.distanceKm!)])).to.deep.equal([[ath, 5], [the, 619]]);
    });
  });
});
