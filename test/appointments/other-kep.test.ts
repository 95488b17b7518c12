import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe("another KEP's appointments", () => {
  let system: TestSystem;
  let owner: StaffClient;
  let stranger: StaffClient;
  let storeA: string;
  let appointmentId: string;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('tenancy', { clock: clock.now, redisDb: 13 });
    owner = await signInAs(system.url, 'demo-operator-a');
    stranger = await signInAs(system.url, 'demo-operator-b');
    storeA = owner.me.stores[0]!.id;
    const res = await owner.post(`/api/v1/stores/${storeA}/appointments`, { firstName: 'Ιωάννα', lastName: 'Δημητρίου', startsAt: `${day(1)}T09:00` });
    appointmentId = (await res.json()).id;
  });
  after(async () => system?.close());

  const send = (client: StaffClient, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
    client.browser.fetch(`${system.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken, ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('answers 404 on every endpoint, exactly as for an id that does not exist, and changes nothing', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    const endpoints = (store: string, id: string): [string, string, unknown?, Record<string, string>?][] => [
      ['GET', `/api/v1/stores/${store}/appointments?date=${day(1)}`],
      ['GET', `/api/v1/stores/${store}/appointments?q=dimitriou`],
      ['POST', `/api/v1/stores/${store}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T10:00` }],
      ['GET', `/api/v1/stores/${store}/day-sheet?date=${day(1)}`],
      ['GET', `/api/v1/stores/${store}/day-sheet?date=${day(1)}&format=csv`],
      ['GET', `/api/v1/appointments/${id}`],
      ['PATCH', `/api/v1/appointments/${id}`, { notes: 'ξένο' }, { 'if-match': '"1"' }],
      ['POST', `/api/v1/appointments/${id}/cancel`, { reason: 'ξένο' }],
      ['POST', `/api/v1/appointments/${id}/status`, { status: 'arrived' }],
      ['GET', `/api/v1/appointments/${id}/history`],
    ];
    const foreign = endpoints(storeA, appointmentId);
    const absent = endpoints(missing, missing);
    for (let i = 0; i < foreign.length; i++) {
      const [method, path, body, headers] = foreign[i]!;
      const res = await send(stranger, method, path, body, headers);
      expect(res.status, `${method} ${path}`).to.equal(404);
      const [m2, p2, b2, h2] = absent[i]!;
      const control = await send(stranger, m2, p2, b2, h2);
      expect(control.status, `${m2} ${p2}`).to.equal(404);
      expect((await res.json()).detail, path).to.equal((await control.json()).detail);
    }
    const row = await system.orm.em.fork().findOneOrFail(Appointment, appointmentId);
    expect(row).to.include({ status: 'booked', notes: null, version: 1 });
    expect(await system.orm.em.fork().count(Appointment, { store: storeA })).to.equal(1);
  });

  it('answers 404 for a malformed id too', async () => {
    expect((await send(stranger, 'GET', '/api/v1/appointments/not-a-uuid')).status).to.equal(404);
    expect((await send(stranger, 'GET', '/api/v1/stores/not-a-uuid/appointments')).status).to.equal(404);
  });
});
