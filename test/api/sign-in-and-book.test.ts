import { expect } from 'chai';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED, utc } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('a demo operator signs in and books an appointment', () => {
  let system: TestSystem;
  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('signin', { clock: clock.now });
  });
  after(async () => system?.close());

  it('signs in through OIDC and sees only their own KEP', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    expect(staff.me.user.sub).to.equal('demo-operator-a');
    expect(staff.me.stores.map((s) => s.code)).to.deep.equal(['KEP-ATH-0101']);
    expect(staff.me.stores[0]!.role).to.equal('operator');
  });

  it('creates an appointment and lists it on its day', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    const storeId = staff.me.stores[0]!.id;
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, {
      firstName: 'Νίκος',
      lastName: 'Παπαδόπουλος',
      startsAt: `${day(1)}T09:30`,
      phone: '6912345678',
    });
    expect(res.status).to.equal(201);
    const created = await res.json();
    expect(created.startsAt).to.equal(utc(day(1), '09:30')); // winter time (UTC+2)
    const list = await (await staff.get(`/api/v1/stores/${storeId}/appointments?date=${day(1)}`)).json();
    expect(list.items.map((a: { lastName: string }) => a.lastName)).to.deep.equal(['Παπαδόπουλος']);
  });
});
