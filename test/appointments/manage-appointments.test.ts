import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { CLEAN_MONDAY, day, instant, PINNED, utc } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('managing appointments through the day', () => {
  let system: TestSystem;
  let staff: StaffClient;
  let admin: StaffClient;
  let storeId: string;
  const clock = new TestClock();

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('manage', { redisDb: 11, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    admin = await signInAs(system.url, 'demo-admin-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => system?.close());
  // Each test starts at the pinned time (mocha runs this suite's own tests, which move the clock, before its nested ones).
  beforeEach(() => clock.set(PINNED));

  async function book(startsAt: string, extra: Record<string, unknown> = {}) {
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Κατερίνα', lastName: 'Λαμπράκη', startsAt, ...extra });
    expect(res.status, await res.clone().text()).to.equal(201);
    return res.json();
  }
  const patch = (id: string, body: unknown, version?: number, client = staff) =>
    client.browser.fetch(`${system.url}/api/v1/appointments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken, ...(version ? { 'if-match': `"${version}"` } : {}) },
      body: JSON.stringify(body),
    });
  const load = async (id: string) => system.orm.em.fork().findOneOrFail(Appointment, id);

  it('records every field, normalising the phone and checking the tax id', async () => {
    const a = await book(`${day(1)}T09:00`, {
      email: 'katerina@citizen.example.gr',
      phone: '69 1234 5678',
      taxId: '090000045',
      businessName: 'Λαμπράκη Α.Ε.',
      businessTaxId: '094019245',
      procedure: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης',
      source: 'email',
      notes: 'Θα φέρει την αστυνομική ταυτότητα.\nΚαι το εκκαθαριστικό.',
      durationMinutes: 30,
    });
    expect(a).to.include({ phone: '+306912345678', taxId: '090000045', procedure: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης', source: 'email', durationMinutes: 30 });
    expect(a.business).to.deep.equal({ name: 'Λαμπράκη Α.Ε.', taxId: '094019245' });
    const bad = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T11:00`, taxId: '090000046' });
    expect(bad.status).to.equal(400);
    expect((await bad.json()).errors[0]).to.include({ path: 'taxId' });
    const halfBusiness = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T11:00`, businessName: 'Χ' });
    expect(halfBusiness.status).to.equal(400);
  });

  describe('editing', () => {
    it('refuses a stale edit with 412 and overwrites nothing', async () => {
      const a = await book(`${day(2)}T09:00`);
      const first = await patch(a.id, { notes: 'Πρώτη αλλαγή' }, a.version);
      expect(first.status).to.equal(200);
      const second = await patch(a.id, { notes: 'Παλιά οθόνη' }, a.version);
      expect(second.status).to.equal(412);
      expect((await load(a.id)).notes).to.equal('Πρώτη αλλαγή');
    });

    it('refuses a move onto a public holiday (Clean Monday) with 409 and changes nothing', async () => {
      const a = await book(`${day(2)}T12:00`);
      const res = await patch(a.id, { startsAt: `${CLEAN_MONDAY}T09:00` }, a.version);
      expect(res.status).to.equal(409);
      expect((await load(a.id)).startsAt.toISOString()).to.equal(a.startsAt);
    });

    it('asks for the version when none is sent (428)', async () => {
      const a = await book(`${day(2)}T09:15`);
      expect((await patch(a.id, { notes: 'χωρίς έκδοση' })).status).to.equal(428);
    });

    it('moves to a free time, and refuses a taken one with 409 changing nothing', async () => {
      const a = await book(`${day(2)}T10:00`, { email: 'move@citizen.example.gr' });
      await book(`${day(2)}T11:00`);
      const moved = await patch(a.id, { startsAt: `${day(2)}T10:30` }, a.version);
      expect(moved.status).to.equal(200);
      const movedBody = await moved.json();
      expect(movedBody.startsAt).to.equal(utc(day(2), '10:30'));
      const clash = await patch(a.id, { startsAt: `${day(2)}T11:05` }, movedBody.version);
      expect(clash.status).to.equal(409);
      expect((await load(a.id)).startsAt.toISOString()).to.equal(utc(day(2), '10:30'));
      const kinds = (await system.orm.em.fork().find(OutboxMessage, { appointment: a.id })).map((m) => m.kind).sort();
      expect(kinds).to.deep.equal(['appointment.change', 'appointment.confirmation']);
    });
  });

  describe('cancelling', () => {
    it('keeps the record with the reason, frees the slot at once, and tells the citizen', async () => {
      const a = await book(`${day(3)}T09:00`, { email: 'cancel@citizen.example.gr' });
      const res = await staff.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'Ο πολίτης ζήτησε ακύρωση τηλεφωνικά.' });
      expect(res.status).to.equal(200);
      expect(await res.json()).to.include({ status: 'cancelled', cancelledReason: 'Ο πολίτης ζήτησε ακύρωση τηλεφωνικά.', statusChangedBy: 'demo-operator-a' });
      await book(`${day(3)}T09:00`);
      expect(await system.orm.em.fork().count(OutboxMessage, { appointment: a.id, kind: 'appointment.cancellation' })).to.equal(1);
      const again = await staff.post(`/api/v1/appointments/${a.id}/cancel`, { reason: 'ξανά' });
      expect(again.status).to.equal(409);
    });

    it('requires a reason', async () => {
      const a = await book(`${day(3)}T10:00`);
      const res = await staff.post(`/api/v1/appointments/${a.id}/cancel`, { reason: '  ' });
      expect(res.status).to.equal(400);
      expect((await load(a.id)).status).to.equal('booked');
    });
  });

  it('records attendance with who and when, and lists the history', async () => {
    const a = await book(`${day(4)}T09:00`);
    clock.set(instant(day(4), '09:05')); // attendance is recorded from the appointment's time on
    const arrived = await (await staff.post(`/api/v1/appointments/${a.id}/status`, { status: 'arrived' })).json();
    expect(arrived).to.include({ status: 'arrived', statusChangedBy: 'demo-operator-a' });
    const served = await (await admin.post(`/api/v1/appointments/${a.id}/status`, { status: 'served' })).json();
    expect(served).to.include({ status: 'served', statusChangedBy: 'demo-admin-a' });
    expect((await staff.post(`/api/v1/appointments/${a.id}/status`, { status: 'missed_by_staff' })).status).to.equal(400);
    const history = await (await staff.get(`/api/v1/appointments/${a.id}/history`)).json();
    expect(history.items.map((e: { action: string; actor: string }) => `${e.action} ${e.actor}`)).to.deep.equal([
      'appointment.create demo-operator-a',
      'appointment.status demo-operator-a',
      'appointment.status demo-admin-a',
    ]);
    expect(history.items[2].changes).to.deep.equal({ status: { from: 'arrived', to: 'served' } });
  });
});
