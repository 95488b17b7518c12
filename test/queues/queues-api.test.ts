import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { ScheduleException } from '../../plugin/db/schedule-exception.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, nextWeekday, PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { send } from './send.js';

describe('queues, exceptions, holidays and free slots of a KEP', () => {
  let system: TestSystem;
  let operatorA: StaffClient;
  let adminA: StaffClient;
  let operatorB: StaffClient;
  let storeA: string;
  let defaultQueue: string;
  const base = () => `/api/v1/stores/${storeA}`;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('queues', { clock: clock.now, redisDb: 8 });
    [operatorA, adminA, operatorB] = await Promise.all(['demo-operator-a', 'demo-admin-a', 'demo-operator-b'].map((a) => signInAs(system.url, a)));
    storeA = operatorA.me.stores[0]!.id;
    const queues = await (await operatorA.get(`${base()}/queues`)).json();
    defaultQueue = queues.items[0].id;
  });
  after(async () => system?.close());

  describe('who may do what', () => {
    it("an operator reads their KEP's queues: the default one first, weekdays 08:00–15:00", async () => {
      const res = await operatorA.get(`${base()}/queues`);
      expect(res.status).to.equal(200);
      const [first] = (await res.json()).items;
      expect(first).to.include({ name: 'Κύρια ουρά', isDefault: true, active: true, slotMinutes: 15, mode: 'in_person' });
      expect(first.weeklyHours['1']).to.deep.equal([['08:00', '15:00']]);
      expect(first.weeklyHours['6']).to.equal(undefined);
    });

    it('an operator changing a queue or an exception of their own KEP gets 403 and nothing changes', async () => {
      const queuesBefore = await system.orm.em.fork().count(Queue, { store: storeA });
      const attempts = [
        await send(system, operatorA, 'PATCH', `${base()}/queues/${defaultQueue}`, { active: false }),
        await operatorA.post(`${base()}/queues`, { name: 'Δεύτερη' }),
        await send(system, operatorA, 'DELETE', `${base()}/queues/${defaultQueue}`),
        await operatorA.post(`${base()}/exceptions`, { startDate: day(1), endDate: day(1), reason: 'Απεργία' }),
      ];
      expect(attempts.map((r) => r.status)).to.deep.equal([403, 403, 403, 403]);
      expect((await attempts[0]!.json()).detail).to.match(/Διαχειριστής Καταστήματος/);
      const em = system.orm.em.fork();
      expect((await em.findOneOrFail(Queue, defaultQueue)).active).to.equal(true);
      expect(await em.count(Queue, { store: storeA })).to.equal(queuesBefore);
      expect(await em.count(ScheduleException)).to.equal(0);
    });

    it("another KEP's queues, exceptions, holidays and slots answer 404, exactly like ids that do not exist", async () => {
      const missingStore = '/api/v1/stores/00000000-0000-4000-8000-000000000000';
      const pairs: [Response, Response][] = [
        [await operatorB.get(`${base()}/queues`), await operatorB.get(`${missingStore}/queues`)],
        [await operatorB.get(`${base()}/queues/${defaultQueue}`), await operatorB.get(`${base()}/queues/00000000-0000-4000-8000-000000000000`)],
        [await send(system, operatorB, 'PATCH', `${base()}/queues/${defaultQueue}`, { active: false }), await send(system, operatorB, 'PATCH', `${missingStore}/queues/${defaultQueue}`, { active: false })],
        [await operatorB.get(`${base()}/availability`), await operatorB.get(`${missingStore}/availability`)],
        [await operatorB.get(`${base()}/exceptions`), await operatorB.get(`${missingStore}/exceptions`)],
        [await operatorB.get(`${base()}/holidays`), await operatorB.get(`${missingStore}/holidays`)],
        [await operatorB.post(`${base()}/exceptions`, { startDate: day(1), endDate: day(1), reason: 'Χ' }), await operatorB.post(`${missingStore}/exceptions`, { startDate: day(1), endDate: day(1), reason: 'Χ' })],
      ];
      for (const [foreign, missing] of pairs) {
        expect([foreign.status, missing.status]).to.deep.equal([404, 404]);
        expect(await foreign.json()).to.deep.equal(await missing.json());
      }
      expect((await system.orm.em.fork().findOneOrFail(Queue, defaultQueue)).active).to.equal(true);
    });
  });

  describe('the store administrator', () => {
    it('adds a queue with two intervals on Mondays; its free slots follow them, and an audit event is written', async () => {
      const res = await adminA.post(`${base()}/queues`, {
        name: 'Ουρά Βεβαιώσεων',
        slotMinutes: 30,
        weeklyHours: { '1': [['17:00', '19:00'], ['08:00', '14:00']] },
        employee: { sub: 'emp-1', name: 'Άννα Ιωάννου' },
      });
      expect(res.status, await res.clone().text()).to.equal(201);
      const queue = await res.json();
      expect(queue).to.include({ isDefault: false, public: false, active: true });
      expect(queue.weeklyHours).to.deep.equal({ '1': [['08:00', '14:00'], ['17:00', '19:00']] });
      const slots = await (await adminA.get(`${base()}/availability?from=${day(5)}&to=${day(6)}&queueId=${queue.id}`)).json();
      expect(slots.days.map((d: { date: string }) => d.date)).to.deep.equal([day(5), day(6)]);
      const monday = slots.days[0].slots;
      expect(monday).to.have.length(16);
      expect(monday[0]).to.deep.equal({ queueId: queue.id, start: `${day(5)}T06:00:00.000Z`, end: `${day(5)}T06:30:00.000Z`, label: '08:00' });
      expect(monday.at(-1).label).to.equal('18:30');
      expect(slots.days[1].slots).to.deep.equal([]);
      const events = await system.orm.em.fork().find(AuditEvent, { entityId: queue.id });
      expect(events.map((e) => [e.action, e.actor])).to.deep.equal([['queue.create', 'demo-admin-a']]);
    });

    it('cannot give one employee two queues of the KEP', async () => {
      const res = await adminA.post(`${base()}/queues`, { name: 'Άλλη', employee: { sub: 'emp-1', name: 'Άννα Ιωάννου' } });
      expect(res.status).to.equal(409);
      expect((await res.json()).errors[0].path).to.equal('employee');
    });

    it('gets 400 naming the field for overlapping or reversed hours', async () => {
      for (const hours of [[['08:00', '12:00'], ['11:00', '13:00']], [['14:00', '09:00']], [['8:00', '12:00']]]) {
        const res = await send(system, adminA, 'PATCH', `${base()}/queues/${defaultQueue}`, { weeklyHours: { '2': hours } });
        expect(res.status).to.equal(400);
        expect((await res.json()).errors.map((e: { path: string }) => e.path.split('.').slice(0, 2).join('.'))).to.include('weeklyHours.2');
      }
    });

    it('toggles public and active, and cannot delete the default queue; a new queue without appointments can go', async () => {
      for (const value of [false, true]) {
        const res = await send(system, adminA, 'PATCH', `${base()}/queues/${defaultQueue}`, { public: value });
        expect((await res.json()).public).to.equal(value);
        expect((await system.orm.em.fork().findOneOrFail(Queue, defaultQueue)).public).to.equal(value);
      }
      const del = await send(system, adminA, 'DELETE', `${base()}/queues/${defaultQueue}`);
      expect(del.status).to.equal(409);
      const created = await (await adminA.post(`${base()}/queues`, { name: 'Προσωρινή', mode: 'video' })).json();
      expect((await send(system, adminA, 'DELETE', `${base()}/queues/${created.id}`)).status).to.equal(204);
      expect((await operatorA.get(`${base()}/queues/${created.id}`)).status).to.equal(404);
    });

    it('closes the KEP for a day with an exception, and opening it again brings the slots back', async () => {
      const free = async () => (await (await operatorA.get(`${base()}/availability?from=${day(1)}&to=${day(1)}&queueId=${defaultQueue}`)).json()).days[0].slots.length;
      expect(await free()).to.equal(28);
      const res = await adminA.post(`${base()}/exceptions`, { startDate: day(1), endDate: day(1), reason: 'Επιμόρφωση προσωπικού' });
      expect(res.status, await res.clone().text()).to.equal(201);
      const exception = await res.json();
      expect(exception).to.include({ queueId: null, hours: null, reason: 'Επιμόρφωση προσωπικού', recursYearly: false });
      expect(await free()).to.equal(0);
      const short = await send(system, adminA, 'PATCH', `${base()}/exceptions/${exception.id}`, { hours: [['09:00', '10:00']] });
      expect(short.status).to.equal(200);
      expect(await free()).to.equal(4);
      expect((await send(system, adminA, 'DELETE', `${base()}/exceptions/${exception.id}`)).status).to.equal(204);
      expect(await free()).to.equal(28);
      const actions = (await system.orm.em.fork().find(AuditEvent, { entityId: exception.id }, { orderBy: { id: 'asc' } })).map((e) => e.action);
      expect(actions).to.deep.equal(['exception.create', 'exception.update', 'exception.delete']);
    });

    it('refuses an exception that ends before it starts', async () => {
      const res = await adminA.post(`${base()}/exceptions`, { startDate: day(2), endDate: day(1), reason: 'Χ' });
      expect(res.status).to.equal(400);
      expect((await res.json()).errors[0].path).to.equal('endDate');
    });
  });

  describe('holidays', () => {
    it("lists the year's national holidays with the moving ones of that year, and the KEP's own yearly holiday", async () => {
      const saint = await adminA.post(`${base()}/exceptions`, { startDate: '2026-11-11', endDate: '2026-11-11', reason: 'Άγιος Μηνάς (πολιούχος)', recursYearly: true });
      expect(saint.status).to.equal(201);
      const list = await (await operatorA.get(`${base()}/holidays?year=2027`)).json();
      const byDate = (date: string) => list.items.filter((h: { date: string }) => h.date === date).map((h: { nameEl: string; kind: string }) => `${h.kind}: ${h.nameEl}`);
      expect(byDate('2027-05-03')).to.deep.equal(['national: Δευτέρα του Πάσχα']);
      expect(byDate('2027-03-15')).to.deep.equal(['national: Καθαρά Δευτέρα']);
      expect(byDate('2027-11-11')).to.deep.equal(['local: Άγιος Μηνάς (πολιούχος)']);
      expect((await operatorA.get(`${base()}/holidays?year=1800`)).status).to.equal(400);
    });
  });

  describe('booking follows the schedule', () => {
    const book = (startsAt: string, queueId?: string) =>
      operatorA.post(`${base()}/appointments`, { firstName: 'Ελένη', lastName: 'Σταματοπούλου', startsAt, ...(queueId ? { queueId } : {}) });

    const refusals: [string, string, RegExp][] = [
      ['on a public holiday on a weekday (Thursday 25 March 2027)', '2027-03-25T09:00', /αργία/],
      ['on a moving holiday (Easter Monday 2027, 3 May)', '2027-05-03T09:00', /αργία/],
      ['on a Sunday', `${nextWeekday(7)}T09:00`, /εκτός του ωραρίου/],
      ['after closing time', `${day(3)}T15:00`, /εκτός του ωραρίου/],
      ['across closing time', `${day(3)}T14:50`, /εκτός του ωραρίου/],
      ['on a past day', '2020-03-03T09:00', /παρέλθει/],
      ["on the KEP's own holiday", '2027-11-11T09:00', /κλειστά/],
    ];
    for (const [what, startsAt, message] of refusals) {
      it(`refuses ${what} with 409, a Greek message at the time field and the next free slots; nothing is written`, async () => {
        const before = await system.orm.em.fork().count(Appointment);
        const res = await book(startsAt);
        expect(res.status).to.equal(409);
        const problem = await res.json();
        expect(problem.detail).to.match(message);
        expect(problem.errors).to.deep.equal([{ path: 'startsAt', message: problem.detail }]);
        if (startsAt > TODAY) expect(problem.nextFreeSlots).to.have.length(3);
        expect(await system.orm.em.fork().count(Appointment)).to.equal(before);
      });
    }

    it('books a free slot the availability offered, and then no longer offers it', async () => {
      const slotsOfDay = async () => (await (await operatorA.get(`${base()}/availability?from=${day(3)}&to=${day(3)}&queueId=${defaultQueue}`)).json()).days[0].slots;
      const slot = (await slotsOfDay())[5];
      const res = await operatorA.post(`${base()}/appointments`, { firstName: 'Νίκος', lastName: 'Ράπτης', startsAt: slot.start, queueId: slot.queueId });
      expect(res.status, await res.clone().text()).to.equal(201);
      expect((await slotsOfDay()).map((s: { start: string }) => s.start)).to.not.include(slot.start);
    });

    it('refuses a booking in an inactive queue', async () => {
      const q = await (await adminA.post(`${base()}/queues`, { name: 'Ανενεργή', active: false })).json();
      const res = await book(`${day(3)}T09:00`, q.id);
      expect(res.status).to.equal(409);
      expect((await res.json()).type).to.equal('urn:rantevou:problem:queue-inactive');
    });
  });
});
