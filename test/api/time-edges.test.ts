import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day as workingDay, FALL_BACK, PINNED, SPRING_FORWARD, utc } from '../support/test-days.js';

// The first DST nights in Athens after the pinned clock (the last Sundays of March and October):
// staff booking has no horizon and its only rule on "now" is "not in the past".
// The public booking's horizon keeps citizens to the coming weeks: for them the refusals are
// tested (they come before any rule on "now"), the bookable times through the staff API.
const SPRING = SPRING_FORWARD;
const AUTUMN = FALL_BACK;

describe('times at the edges of the clock', () => {
  let system: PublicSystem;
  let operator: StaffClient;
  let admin: StaffClient;
  let citizen: CitizenClient;
  let store: string;
  let nightQueue: string;
  let procedureId: string;
  const written = async () => {
    const em = system.orm.em.fork();
    return { appointments: await em.count(Appointment), audit: await em.count(AuditEvent) };
  };
  const book = (startsAt: string, extra: Record<string, unknown> = {}) =>
    operator.post(`/api/v1/stores/${store}/appointments`, { firstName: 'Ελένη', lastName: 'Σταματοπούλου', queueId: nightQueue, startsAt, ...extra });

  /** PATCH or PUT with the CSRF token, as the widgets send them. */
  const send = (client: StaffClient, method: string, path: string, body: unknown) =>
    client.browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken }, body: JSON.stringify(body) });

  /** Expects a 400 problem+json whose one field error is on startsAt, matching `message`. */
  async function refusedOnStartsAt(res: Response, message: RegExp) {
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = await res.json();
    expect(problem.errors).to.have.length(1);
    expect(problem.errors[0].path).to.equal('startsAt');
    expect(problem.errors[0].message).to.match(message);
    expect(problem.detail).to.match(message);
  }

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startPublicSystem('time-edges', { redisDb: 9, clock: clock.now });
    [operator, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    store = system.stores.athens;
    citizen = await system.citizen('time-edges-citizen');
    // A queue open through the night of Sundays, so that both DST changes fall inside its hours.
    const created = await admin.post(`/api/v1/stores/${store}/queues`, { name: 'Νυχτερινή βάρδια', slotMinutes: 30, weeklyHours: { '7': [['02:00', '05:00']] } });
    expect(created.status, await created.clone().text()).to.equal(201);
    nightQueue = (await created.json()).id;
    procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${store}/procedures`)).json())[0].id;
  });
  after(async () => system?.close());

  describe('a local time the spring change skips', () => {
    it('is refused with 400 on startsAt saying the clocks go forward, and nothing is booked', async () => {
      const before = await written();
      await refusedOnStartsAt(await book(`${SPRING}T03:30`), /03:30 δεν υπάρχει στις 28\/03\/2027.*θερινή ώρα/);
      await refusedOnStartsAt(await book(`${SPRING}T03:00`), /03:00 δεν υπάρχει/);
      expect(await written()).to.deep.equal(before);
    });

    it('is refused when an appointment is moved into it, and the appointment keeps its time', async () => {
      const created = await (await book(`${SPRING}T02:30`)).json();
      expect(created.startsAt).to.equal(utc(SPRING, '02:30'));
      const moved = await send(operator, 'PATCH', `/api/v1/appointments/${created.id}`, { startsAt: `${SPRING}T03:30`, version: created.version });
      await refusedOnStartsAt(moved, /δεν υπάρχει/);
      expect((await system.orm.em.fork().findOneOrFail(Appointment, created.id)).startsAt.toISOString()).to.equal(utc(SPRING, '02:30'));
    });

    it('is refused for a citizen holding or moving to it, like for staff', async () => {
      await refusedOnStartsAt(await citizen.post('/api/v1/public/holds', { storeId: store, startsAt: `${SPRING}T03:30`, mode: 'in_person', procedureId }), /θερινή ώρα/);
      const [first] = await freeStarts(system.url, store, 'in_person', 14, PINNED);
      const { held, booked } = await citizen.holdAndBook({ storeId: store, startsAt: first, mode: 'in_person', procedureId });
      expect(held.status, await held.clone().text()).to.equal(201);
      expect(booked?.status).to.equal(201);
      const { manageUrl } = await booked!.json();
      const move = await fetch(`${manageUrl}/move`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ startsAt: `${SPRING}T03:30` }) });
      await refusedOnStartsAt(move, /θερινή ώρα/);
    });

    it('the hour after the gap is booked as written', async () => {
      const res = await book(`${SPRING}T04:00`);
      expect(res.status).to.equal(201);
      expect((await res.json()).startsAt).to.equal(`${SPRING}T01:00:00.000Z`); // 04:00 summer time
    });
  });

  describe('a local time the autumn change repeats', () => {
    const day = async () => {
      const res = await operator.get(`/api/v1/stores/${store}/availability?from=${AUTUMN}&to=${AUTUMN}&queueId=${nightQueue}`);
      expect(res.status).to.equal(200);
      return ((await res.json()).days[0]?.slots ?? []) as { start: string; label: string }[];
    };

    it('is offered twice by the free slots, once for each real instant', async () => {
      const at0330 = (await day()).filter((s) => s.label === '03:30').map((s) => s.start);
      expect(at0330).to.deep.equal([`${AUTUMN}T00:30:00.000Z`, `${AUTUMN}T01:30:00.000Z`]);
    });

    it('without an offset is read at its first occurrence, the one the free slots list first', async () => {
      const res = await book(`${AUTUMN}T03:30`);
      expect(res.status).to.equal(201);
      expect((await res.json()).startsAt).to.equal(`${AUTUMN}T00:30:00.000Z`); // 03:30 summer time (+03:00)
    });

    it('with +02:00 books the second occurrence separately, and +03:00 is the first one again (taken)', async () => {
      const second = await book(`${AUTUMN}T03:30+02:00`);
      expect(second.status).to.equal(201);
      expect((await second.json()).startsAt).to.equal(`${AUTUMN}T01:30:00.000Z`); // 03:30 winter time
      const first = await book(`${AUTUMN}T03:30+03:00`);
      expect(first.status).to.equal(409);
      expect((await day()).filter((s) => s.label === '03:30')).to.deep.equal([]);
    });

    it('is read the same way when an appointment is moved to it', async () => {
      const created = await (await book(`${AUTUMN}T02:00`)).json();
      const moved = await send(operator, 'PATCH', `/api/v1/appointments/${created.id}`, { startsAt: `${AUTUMN}T03:00`, version: created.version });
      expect(moved.status, await moved.clone().text()).to.equal(200);
      expect((await moved.json()).startsAt).to.equal(`${AUTUMN}T00:00:00.000Z`); // first 03:00
    });
  });

  describe('UTC offsets', () => {
    const date = workingDay(5); // a day the citizen above does not book on
    const offsets: [string, string][] = [
      ['+99:00, which would move the booking by four days', `${date}T09:00+99:00`],
      ['+14:30, beyond the last real offset', `${date}T09:00+14:30`],
      ['-12:30, before the first', `${date}T09:00-12:30`],
      ['minutes of 60', `${date}T09:00+02:60`],
    ];
    for (const [what, startsAt] of offsets) {
      it(`refuses ${what}, with 400 on startsAt, writing nothing`, async () => {
        const before = await written();
        await refusedOnStartsAt(await book(startsAt, { queueId: undefined }), /διαφορά ώρας από την UTC/);
        await refusedOnStartsAt(await citizen.post('/api/v1/public/holds', { storeId: store, startsAt, mode: 'in_person', procedureId }), /UTC/);
        expect(await written()).to.deep.equal(before);
      });
    }

    it('accepts a real offset and Z as the instants they name', async () => {
      const plusThree = await book(`${date}T09:00+03:00`, { queueId: undefined });
      expect(plusThree.status).to.equal(201);
      expect((await plusThree.json()).startsAt).to.equal(`${date}T06:00:00.000Z`);
      const inUtc = await book(`${date}T07:00:00Z`, { queueId: undefined });
      expect(inUtc.status).to.equal(201);
      expect((await inUtc.json()).startsAt).to.equal(`${date}T07:00:00.000Z`);
    });
  });
});
