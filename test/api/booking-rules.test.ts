import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED, utc } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('booking rules', () => {
  let system: TestSystem;
  let operatorA: StaffClient;
  let operatorB: StaffClient;
  let storeA: string;
  const count = () => system.orm.em.fork().count(Appointment);

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('rules', { clock: clock.now });
    operatorA = await signInAs(system.url, 'demo-operator-a');
    operatorB = await signInAs(system.url, 'demo-operator-b');
    storeA = operatorA.me.stores[0]!.id;
  });
  after(async () => system?.close());

  const book = (client: StaffClient, body: Record<string, unknown>, store = storeA) =>
    client.post(`/api/v1/stores/${store}/appointments`, { firstName: 'Ελένη', lastName: 'Σταματοπούλου', ...body });

  describe('booking a taken slot', () => {
    it('answers 409 with the next free slots and writes nothing', async () => {
      expect((await book(operatorA, { startsAt: `${day(1)}T10:00` })).status).to.equal(201);
      const before = await count();
      const res = await book(operatorA, { startsAt: `${day(1)}T10:05` });
      expect(res.status).to.equal(409);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.detail).to.match(/κλείστηκε|επικαλύπτεται/);
      expect(problem.nextFreeSlots[0]).to.equal(utc(day(1), '10:15'));
      expect(await count()).to.equal(before);
    });

    it('lets exactly one of 20 concurrent requests for the same slot win', async () => {
      const before = await count();
      const results = await Promise.all(Array.from({ length: 20 }, () => book(operatorA, { startsAt: `${day(2)}T11:00` })));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses.filter((s) => s === 201)).to.have.length(1);
      expect(statuses.filter((s) => s === 409)).to.have.length(19);
      expect(await count()).to.equal(before + 1);
    });

    it('writes an audit event in the same transaction as the appointment', async () => {
      const res = await book(operatorA, { startsAt: `${day(3)}T08:00` });
      const created = await res.json();
      const events = await system.orm.em.fork().find(AuditEvent, { entityId: created.id });
      expect(events.map((e) => [e.action, e.actor])).to.deep.equal([['appointment.create', 'demo-operator-a']]);
    });
  });

  describe('another KEP', () => {
    it("answers 404 for another KEP's appointments, the same as for a KEP that does not exist", async () => {
      const foreign = await operatorB.get(`/api/v1/stores/${storeA}/appointments?date=${day(1)}`);
      const missing = await operatorB.get(`/api/v1/stores/00000000-0000-4000-8000-000000000000/appointments?date=${day(1)}`);
      expect(foreign.status).to.equal(404);
      expect(missing.status).to.equal(404);
      expect(await foreign.json()).to.deep.equal(await missing.json());
    });

    it("cannot book in another KEP and nothing is written", async () => {
      const before = await count();
      const res = await book(operatorB, { startsAt: `${day(4)}T09:00` });
      expect(res.status).to.equal(404);
      expect(await count()).to.equal(before);
    });
  });

  describe('bad input', () => {
    const cases: [string, unknown, string][] = [
      ['missing names', { startsAt: `${day(5)}T09:00` }, 'firstName'],
      ['an invalid date', { firstName: 'Α', lastName: 'Β', startsAt: '2027-02-30T09:00' }, 'startsAt'],
      ['a name of 10,000 characters', { firstName: 'Α'.repeat(10_000), lastName: 'Β', startsAt: `${day(5)}T09:00` }, 'firstName'],
      ['an email without @', { firstName: 'Α', lastName: 'Β', startsAt: `${day(5)}T09:00`, email: 'citizen.example.gr' }, 'email'],
      ['an unknown field', { firstName: 'Α', lastName: 'Β', startsAt: `${day(5)}T09:00`, admin: true }, ''],
    ];
    for (const [what, body, field] of cases) {
      it(`answers 400 problem+json for ${what} and writes nothing`, async () => {
        const before = await count();
        const res = await operatorA.post(`/api/v1/stores/${storeA}/appointments`, body);
        expect(res.status).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = await res.json();
        expect(problem.detail).to.be.a('string').and.not.empty;
        if (field) expect(problem.errors.map((e: { path: string }) => e.path)).to.include(field);
        expect(await count()).to.equal(before);
      });
    }

    it('answers 400 for a body that is not JSON', async () => {
      const res = await operatorA.post(`/api/v1/stores/${storeA}/appointments`, '{"firstName": ');
      expect(res.status).to.equal(400);
      expect((await res.json()).detail).to.match(/JSON/);
    });

    it('stores hostile HTML in a name as plain text', async () => {
      const res = await book(operatorA, { firstName: '<img src=x onerror=alert(1)>', startsAt: `${day(6)}T09:00` });
      expect(res.status).to.equal(201);
      expect((await res.json()).firstName).to.equal('<img src=x onerror=alert(1)>');
    });
  });

  describe('CSRF', () => {
    it('refuses a write without the CSRF token', async () => {
      const before = await count();
      const res = await operatorA.browser.fetch(`${system.url}/api/v1/stores/${storeA}/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Α', lastName: 'Β', startsAt: `${day(7)}T09:00` }),
      });
      expect(res.status).to.equal(403);
      expect(await count()).to.equal(before);
    });

    it('refuses a write from a foreign Origin even with the token', async () => {
      const res = await book(operatorA, { startsAt: `${day(7)}T10:00` });
      expect(res.status).to.equal(201);
      const foreign = await operatorA.post(
        `/api/v1/stores/${storeA}/appointments`,
        { firstName: 'Α', lastName: 'Β', startsAt: `${day(7)}T11:00` },
        { origin: 'https://evil.example' },
      );
      expect(foreign.status).to.equal(403);
    });
  });

  it('answers 401 problem+json when not signed in', async () => {
    const res = await fetch(`${system.url}/api/v1/me`);
    expect(res.status).to.equal(401);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
  });
});
