import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from './public-system.js';

/** Field names that belong to staff and must never reach a citizen. */
const STAFF_FIELDS = ['createdBy', 'statusChangedBy', 'statusChangedAt', 'notes', 'version', 'queueId', 'queueName', 'cancelledReason', 'taxId', 'source', 'citizenSub', 'holder'];

describe('holds, cancellations and manage links', () => {
  let system: PublicSystem;
  let anna: CitizenClient;
  let babis: CitizenClient;
  let staffA: StaffClient;
  let procedureId: string;

  before(async () => {
    system = await startPublicSystem('holds');
    [anna, babis] = await Promise.all([system.citizen('citizen-anna', 'Άννα Κ.'), system.citizen('citizen-babis', 'Μπάμπης Λ.')]);
    staffA = await signInAs(system.url, 'demo-operator-a');
    procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
  });
  after(async () => system?.close());

  const hold = (startsAt: string) => ({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId });
  const em = () => system.orm.em.fork();
  /** Lets a hold or cool-down lapse now, as the clock would after its minutes. */
  const lapse = (where: string, params: unknown[]) =>
    system.orm.em.fork().getConnection().execute(`update appointment set held_until = now() - interval '1 second' where status = 'held' and ${where}`, params);
  const isPublic = async (startsAt: string) => (await freeStarts(system.url, system.stores.athens)).includes(startsAt);

  describe('a hold', () => {
    it('keeps the slot from others (409 with other times) until it lapses; then the slot is free again and the lapsed hold cannot be booked', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const held = await (await anna.post('/api/v1/public/holds', hold(startsAt!))).json();
      const lost = await babis.post('/api/v1/public/holds', hold(startsAt!));
      expect(lost.status).to.equal(409);
      const problem = await lost.json();
      expect(problem.type).to.equal('urn:rantevou:problem:slot-taken');
      expect(problem.nextFreeSlots).to.have.length(3);
      expect(problem.nextFreeSlots).to.not.include(startsAt);
      expect(await isPublic(startsAt!)).to.equal(false);

      await lapse('id = ?', [held.holdId]);
      expect(await isPublic(startsAt!)).to.equal(true);
      const late = await anna.post('/api/v1/public/bookings', { holdId: held.holdId, firstName: 'Άννα', lastName: 'Κ.', email: 'anna@citizen.example.gr' }, { 'idempotency-key': crypto.randomUUID() });
      expect(late.status).to.equal(409);
      expect((await late.json()).type).to.equal('urn:rantevou:problem:hold-expired');
      const won = await babis.post('/api/v1/public/holds', hold(startsAt!));
      expect(won.status).to.equal(201);
      expect(await em().count(Appointment, { id: held.holdId })).to.equal(0);
    });

    it('is one per citizen: holding another time lets the first go', async () => {
      const starts = await freeStarts(system.url, system.stores.athens);
      const first = await (await anna.post('/api/v1/public/holds', hold(starts[0]!))).json();
      expect((await anna.post('/api/v1/public/holds', hold(starts[1]!))).status).to.equal(201);
      expect(await em().count(Appointment, { id: first.holdId })).to.equal(0);
      expect(await isPublic(starts[0]!)).to.equal(true);
    });

    it('is no appointment for staff: the day list and its counts leave it out', async () => {
      const [startsAt, next] = await freeStarts(system.url, system.stores.athens);
      expect((await babis.post('/api/v1/public/holds', hold(startsAt!))).status).to.equal(201);
      expect((await staffA.post(`/api/v1/stores/${system.stores.athens}/appointments`, { firstName: 'Ελένη', lastName: 'Ρήγα', startsAt: next })).status).to.equal(201);
      const date = new Date(Date.parse(startsAt!) + 3 * 3600_000).toISOString().slice(0, 10);
      const list = await (await staffA.get(`/api/v1/stores/${system.stores.athens}/appointments?date=${date}`)).json();
      const times = list.items.map((a: { startsAt: string }) => a.startsAt);
      expect(times).to.include(next);
      expect(times).to.not.include(startsAt);
      expect(list.counts.held).to.equal(undefined);
    });
  });

  describe('cancelling', () => {
    it('by the citizen: only their own (404 for another’s), the record stays, and the freed slot cools down before the public sees it', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const booking = await (await anna.holdAndBook(hold(startsAt!))).booked!.json();
      const foreign = await babis.post(`/api/v1/public/me/appointments/${booking.id}/cancel`);
      expect(foreign.status).to.equal(404);
      expect((await em().findOneOrFail(Appointment, booking.id)).status).to.equal('booked');

      const res = await anna.post(`/api/v1/public/me/appointments/${booking.id}/cancel`);
      expect(res.status).to.equal(200);
      const view = await res.json();
      expect(view).to.include({ id: booking.id, status: 'cancelled', canChange: false });
      for (const field of STAFF_FIELDS) expect(view).to.not.have.property(field);
      expect((await anna.post(`/api/v1/public/me/appointments/${booking.id}/cancel`)).status).to.equal(409);

      expect(await isPublic(startsAt!)).to.equal(false);
      expect((await babis.post('/api/v1/public/holds', hold(startsAt!))).status).to.equal(409);
      await lapse(`holder = 'cooldown' and starts_at = ?`, [startsAt]);
      expect(await isPublic(startsAt!)).to.equal(true);
      const actions = (await em().find(AuditEvent, { entityId: booking.id }, { orderBy: { id: 'asc' } })).map((e) => e.action);
      expect(actions).to.deep.equal(['appointment.hold', 'appointment.create', 'appointment.cancel']);
    });

    it('lets staff book a slot in its cool-down at once', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const booking = await (await babis.holdAndBook(hold(startsAt!))).booked!.json();
      await babis.post(`/api/v1/public/me/appointments/${booking.id}/cancel`);
      expect(await isPublic(startsAt!)).to.equal(false);
      const staffBooking = await staffA.post(`/api/v1/stores/${system.stores.athens}/appointments`, { firstName: 'Ελένη', lastName: 'Ρήγα', startsAt });
      expect(staffBooking.status).to.equal(201);
      expect(await em().count(Appointment, { status: 'held', startsAt: new Date(startsAt!) })).to.equal(0);
    });
  });

  describe('the manage link of the confirmation', () => {
    it('shows the appointment without staff data, cancels it, and the slot comes back after the cool-down', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const booking = await (await anna.holdAndBook(hold(startsAt!))).booked!.json();
      const manage = booking.manageUrl as string;
      const seen = await fetch(manage);
      expect(seen.status).to.equal(200);
      const view = await seen.json();
      expect(view).to.include({ id: booking.id, status: 'booked', canChange: true, storeName: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', startsAt });
      for (const field of STAFF_FIELDS) expect(view).to.not.have.property(field);

      const cancelled = await fetch(`${manage}/cancel`, { method: 'POST' });
      expect(cancelled.status).to.equal(200);
      expect((await cancelled.json()).status).to.equal('cancelled');
      expect((await em().findOneOrFail(Appointment, booking.id)).statusChangedBy).to.equal('manage-link');
      await lapse(`holder = 'cooldown' and starts_at = ?`, [startsAt]);
      expect((await babis.post('/api/v1/public/holds', hold(startsAt!))).status).to.equal(201);
      expect((await fetch(`${manage}/cancel`, { method: 'POST' })).status).to.equal(409);
    });

    it('moves the appointment to another free time, and a wrong link answers 404', async () => {
      const starts = await freeStarts(system.url, system.stores.athens);
      const booking = await (await anna.holdAndBook(hold(starts[0]!))).booked!.json();
      const moved = await fetch(`${booking.manageUrl}/move`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ startsAt: starts[1] }) });
      expect(moved.status).to.equal(200);
      expect((await moved.json()).startsAt).to.equal(starts[1]);
      expect(await isPublic(starts[0]!)).to.equal(false); // cooling down
      const taken = await fetch(`${booking.manageUrl}/move`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ startsAt: starts[0] }) });
      expect(taken.status).to.equal(409);
      expect((await fetch(`${system.url}/api/v1/public/manage/${'x'.repeat(43)}`)).status).to.equal(404);
      expect((await fetch(`${system.url}/api/v1/public/manage/short`)).status).to.equal(404);
    });
  });

  describe('my appointments', () => {
    it('lists only the citizen’s own, without staff data', async () => {
      const mine = await (await anna.get('/api/v1/public/me/appointments')).json();
      expect(mine.length).to.be.greaterThan(0);
      const rows = await em().find(Appointment, { id: { $in: mine.map((a: { id: string }) => a.id) } });
      expect(rows.every((r) => r.citizenSub === 'citizen-anna')).to.equal(true);
      for (const a of mine) for (const field of STAFF_FIELDS) expect(a).to.not.have.property(field);
      expect((await fetch(`${system.url}/api/v1/public/me/appointments`)).status).to.equal(401);
    });
  });
});
