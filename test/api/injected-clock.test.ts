import { expect } from 'chai';
import { DateTime } from 'luxon';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { issueCitizenToken } from '../../plugin/public/citizen-auth.js';
import { ManageToken } from '../../plugin/db/manage-token.entity.js';
import { newManageLink } from '../../plugin/public/manage-links.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const ZONE = 'Europe/Athens';
/** The clock's day: a Monday that has passed for the machine (tests run after it), no holiday, winter time. */
const MONDAY = '2026-03-02';
const TUESDAY = '2026-03-03';
const WEDNESDAY = '2026-03-04';
const at = (date: string, hhmm: string) => DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE }).toJSDate();

/**
 * The whole system on a clock pinned in the past: every rule must read the injected clock, because
 * by the machine's clock everything here is long over (a booking "in the past", a link expired, an
 * appointment started). Sign-in stays on the machine's clock, so staff and citizens still sign in.
 */
describe('the plugin on an injected clock in the past (Monday 2 March 2026, 09:00 in Athens)', () => {
  const clock = new TestClock();
  let system: TestSystem;
  let staff: StaffClient;
  let storeId: string;

  before(async () => {
    clock.set(at(MONDAY, '09:00'));
    system = await startTestSystem('injected_clock', { clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  afterEach(() => clock.set(at(MONDAY, '09:00')));
  after(async () => system?.close());

  const citizen = async (sub: string) => {
    const { token } = await issueCitizenToken(system.orm, { sub, name: 'Δοκιμαστικός Πολίτης', email: `${sub}@citizen.example.gr` }, 60);
    return (path: string, body?: unknown, headers: Record<string, string> = {}) =>
      fetch(`${system.url}/api/v1/public${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
  };
  const manageView = async (url: string) => fetch(url, { headers: { accept: 'application/json' } });

  it('takes "today" from the clock: the staff list and availability, and the public availability from two hours on', async () => {
    const list = await (await staff.get(`/api/v1/stores/${storeId}/appointments`)).json();
    expect(list.from).to.equal(MONDAY);
    const staffSlots = await (await staff.get(`/api/v1/stores/${storeId}/availability`)).json();
    expect(staffSlots.from).to.equal(MONDAY);
    expect(staffSlots.days[0]).to.include({ date: MONDAY });
    expect(Date.parse(staffSlots.days[0].slots[0].start)).to.equal(at(MONDAY, '09:00').getTime()); // from now on
    const publicSlots = await (await fetch(`${system.url}/api/v1/public/stores/${storeId}/availability?mode=in_person`)).json();
    expect(publicSlots.from).to.equal(MONDAY);
    expect(publicSlots.days[0]).to.include({ date: MONDAY });
    expect(Date.parse(publicSlots.days[0].slots[0].startsAt)).to.equal(at(MONDAY, '11:00').getTime()); // two hours' notice
  });

  it('books by staff for the next day (the machine would call it the past)', async () => {
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Νίκος', lastName: 'Παπαδόπουλος', startsAt: `${TUESDAY}T10:00`, phone: '6912345678' });
    expect(res.status, await res.clone().text()).to.equal(201);
    expect((await res.json()).startsAt).to.equal(at(TUESDAY, '10:00').toISOString());
  });

  it('holds and books for a citizen for the next day, and the confirmation link is valid then', async () => {
    const call = await citizen('citizen-clock-1');
    const procedures = (await (await call(`/stores/${storeId}/procedures`)).json()) as { id: string }[];
    const held = await call('/holds', { storeId, startsAt: at(TUESDAY, '11:00').toISOString(), mode: 'in_person', procedureId: procedures[0]!.id });
    expect(held.status, await held.clone().text()).to.equal(201);
    const { holdId } = await held.json();
    const booked = await call('/bookings', { holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr', language: 'el' }, { 'idempotency-key': crypto.randomUUID() });
    expect(booked.status, await booked.clone().text()).to.equal(201);
    const { manageUrl } = await booked.json();
    const view = await manageView(manageUrl);
    expect(view.status).to.equal(200);
    expect(await view.json()).to.include({ status: 'booked', canChange: true });
  });

  it('keeps a manage link issued at the clock valid by the clock, and lets it lapse by the clock', async () => {
    const em = system.orm.em.fork();
    const queue = await em.findOneOrFail(Queue, { store: storeId, isDefault: true });
    const a = em.create(Appointment, {
      store: storeId,
      queue,
      startsAt: at(TUESDAY, '12:00'),
      endsAt: at(TUESDAY, '12:15'),
      firstName: 'Ελένη',
      lastName: 'Σταθοπούλου',
      mode: 'in_person',
      status: 'booked',
      source: 'online',
      createdBy: 'citizen:citizen-clock-2',
    });
    const { url, tokenHash, expiresAt } = newManageLink(system.url, { horizonDays: 60 }, clock.now());
    em.create(ManageToken, { tokenHash, appointment: a, expiresAt });
    await em.flush();
    const view = await manageView(url);
    expect(view.status).to.equal(200);
    expect(await view.json()).to.include({ status: 'booked', canChange: true }); // not started by the clock
    clock.set(at(TUESDAY, '12:00'));
    expect(await (await manageView(url)).json()).to.include({ canChange: false });
    clock.set(DateTime.fromJSDate(at(MONDAY, '09:00')).plus({ days: 91 }).toJSDate());
    expect((await manageView(url)).status).to.equal(404);
  });

  it('runs the end of day at the clock: that day\'s still-booked appointments become missed by staff, nothing else', async () => {
    const em = system.orm.em.fork();
    const store = await em.findOneOrFail(Store, storeId);
    const queue = await em.findOneOrFail(Queue, { store, isDefault: true });
    const row = (date: string, hhmm: string, status: 'booked' | 'served') =>
      em.create(Appointment, {
        store,
        queue,
        startsAt: at(date, hhmm),
        endsAt: new Date(at(date, hhmm).getTime() + 15 * 60_000),
        firstName: 'Δοκιμή',
        lastName: 'Τέλος Ημέρας',
        mode: 'in_person',
        status,
        source: 'phone',
        createdBy: 'fixture',
        createdAt: at(MONDAY, '08:00'),
      });
    const [missed, served, tomorrow] = [row(TUESDAY, '13:00', 'booked'), row(TUESDAY, '13:30', 'served'), row(WEDNESDAY, '09:00', 'booked')];
    await em.flush();
    const statuses = async () => Promise.all([missed, served, tomorrow].map(async (a) => (await system.orm.em.fork().findOneOrFail(Appointment, a.id)).status));

    clock.set(at(TUESDAY, '19:59'));
    await system.host.rantevou.attendance.tick();
    expect(await statuses()).to.deep.equal(['booked', 'served', 'booked']);
    clock.set(at(TUESDAY, '20:00'));
    await system.host.rantevou.attendance.tick();
    expect(await statuses()).to.deep.equal(['missed_by_staff', 'served', 'booked']);
  });
});
