import { expect } from 'chai';
import { startPublicSystem, type PublicSystem } from '../public/public-system.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TEST_DATABASE } from '../support/test-database.js';

type Days = { days: { date: string; slots: unknown[] }[] };

/**
 * The embedded default (PGlite) once saved a closure without applying it: its `date` columns read
 * back as Date objects, so no day matched the closure. This story runs on both databases.
 */
describe(`a KEP closes a day (on ${TEST_DATABASE})`, () => {
  let system: PublicSystem;
  let admin: StaffClient;
  let store: string;
  let day: string;

  const staffSlots = async (date: string) => {
    const res = await admin.get(`/api/v1/stores/${store}/availability?from=${date}&to=${date}`);
    expect(res.status).to.equal(200);
    return ((await res.json()) as Days).days.flatMap((d) => d.slots);
  };
  const publicSlots = async (date: string) => {
    const res = await fetch(`${system.url}/api/v1/public/stores/${store}/availability?from=${date}&to=${date}&mode=in_person`);
    expect(res.status).to.equal(200);
    return ((await res.json()) as Days).days.filter((d) => d.date === date).flatMap((d) => d.slots);
  };

  before(async () => {
    system = await startPublicSystem('kep_closure');
    admin = await signInAs(system.url, 'demo-admin-a');
    store = system.stores.athens;
    expect(admin.me.stores.map((s) => s.id)).to.include(store);
    // The first day citizens can book at all: the next working day outside the minimum notice.
    const res = await fetch(`${system.url}/api/v1/public/stores/${store}/availability?mode=in_person`);
    day = ((await res.json()) as Days).days.find((d) => d.slots.length > 0)!.date;
  });
  after(async () => system?.close());

  it('the open day has free slots for staff and for citizens', async () => {
    expect(await staffSlots(day)).to.not.be.empty;
    expect(await publicSlots(day)).to.not.be.empty;
  });

  it('the administrator closes it and the exception list shows the day as a date', async () => {
    const created = await admin.post(`/api/v1/stores/${store}/exceptions`, { startDate: day, endDate: day, reason: 'Απολύμανση χώρων' });
    expect(created.status, await created.clone().text()).to.equal(201);
    expect(await created.json()).to.include({ startDate: day, endDate: day, hours: null });
    const list = await admin.get(`/api/v1/stores/${store}/exceptions`);
    expect(list.status).to.equal(200);
    const items = ((await list.json()) as { items: { startDate: string; endDate: string; reason: string }[] }).items;
    expect(items.map(({ startDate, endDate, reason }) => ({ startDate, endDate, reason }))).to.deep.equal([{ startDate: day, endDate: day, reason: 'Απολύμανση χώρων' }]);
  });

  it('the closed day has no free slot for staff and none for citizens', async () => {
    expect(await staffSlots(day)).to.deep.equal([]);
    expect(await publicSlots(day)).to.deep.equal([]);
  });
});
