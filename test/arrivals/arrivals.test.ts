import { expect } from 'chai';
import { hashSecret } from '../../plugin/auth/secrets.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { FAILED_KEY_LIMIT } from '../../plugin/arrivals/device-auth.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from '../attendance/support/attendance-system.js';
import { athens, insertAppointments } from '../attendance/support/fixtures.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED, TODAY } from '../support/test-days.js';

/** The reference as a citizen types it on a phone with the Greek keyboard on: lower case, look-alike Greek letters, an en dash. */
function typedOnGreekPhone(reference: string): string {
  const greek: Record<string, string> = { A: 'α', B: 'β', E: 'ε', H: 'η', K: 'κ', M: 'μ', N: 'ν', P: 'ρ', T: 'τ', X: 'χ', Y: 'υ', Z: 'ζ' };
  return ` ${[...reference].map((c) => (c === '-' ? ' – ' : (greek[c] ?? c.toLowerCase()))).join('')} `;
}

describe('arrival check-in by booking reference (issue 16 item 2; controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let admin: StaffClient;
  let operator: StaffClient;
  let stranger: StaffClient;
  let key: string;
  let deviceId: string;
  const clock = new TestClock();
  const em = () => system.orm.em.fork();
  const ath = () => keps.ath.store.id;
  const kiosk = (deviceKey: string, storeId: string, body: unknown) =>
    fetch(`${system.url}/api/v1/stores/${storeId}/arrivals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${deviceKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const booked = async (at: string, queue = keps.ath.queue) => (await insertAppointments(system.orm, [{ queue, at }]))[0]!;

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('arrivals', { redisDb: 3, clock: clock.now });
    keps = await system.keps();
    [admin, operator, stranger] = await Promise.all([signInAs(system.url, 'demo-admin-a'), signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-operator-b')]);
  });
  after(async () => {
    await system?.close();
  });

  describe('device keys', () => {
    it('are issued by the store administrator only, shown once, stored as their hash, listed without it, and audited', async () => {
      expect((await operator.post(`/api/v1/stores/${ath()}/devices`, { name: 'Κιόσκι' })).status, 'an operator').to.equal(403);
      expect((await stranger.get(`/api/v1/stores/${ath()}/devices`)).status, 'another KEP').to.equal(404);
      expect((await admin.post(`/api/v1/stores/${ath()}/devices`, { name: '' })).status, 'no name').to.equal(400);

      const res = await admin.post(`/api/v1/stores/${ath()}/devices`, { name: 'Μηχάνημα εισόδου' });
      expect(res.status, await res.clone().text()).to.equal(201);
      expect(res.headers.get('cache-control')).to.equal('no-store');
      const issued = await res.json();
      expect(issued).to.include({ name: 'Μηχάνημα εισόδου', createdBy: 'demo-admin-a', lastUsedAt: null, revokedAt: null });
      expect(issued.key).to.match(/^[A-Za-z0-9_-]{43}$/);
      key = issued.key;
      deviceId = issued.id;

      const rows = await em().getConnection().execute<{ key_hash: string }[]>('select key_hash from arrival_device where id = ?', [deviceId]);
      expect(rows[0]!.key_hash).to.equal(hashSecret(key));
      const list = await (await admin.get(`/api/v1/stores/${ath()}/devices`)).json();
      expect(list.items).to.have.length(1);
      expect(list.items[0]).to.deep.equal({ id: deviceId, name: 'Μηχάνημα εισόδου', kind: 'arrivals', createdAt: PINNED.toISOString(), createdBy: 'demo-admin-a', lastUsedAt: null, revokedAt: null });
      expect(JSON.stringify(list)).not.to.include(key);
      const audit = await em().findOneOrFail(AuditEvent, { action: 'device.issue', entityId: deviceId });
      expect(audit.actor).to.equal('demo-admin-a');
      expect(JSON.stringify(audit.after)).not.to.include(key);
    });
  });

  describe('at the kiosk', () => {
    it('marks the booked appointment arrived through the status change and prints its queue number; the same reference again prints the same ticket', async () => {
      const a = await booked(`${TODAY}T09:00`);
      clock.set(athens(`${TODAY}T08:45`));
      const res = await kiosk(key, ath(), { reference: a.reference });
      expect(res.status, await res.clone().text()).to.equal(200);
      const ticket = await res.json();
      expect(ticket).to.deep.include({ number: 1, day: TODAY, reference: a.reference, appointmentId: a.id, time: '09:00', startsAt: athens(`${TODAY}T09:00`).toISOString() });
      expect(ticket.queue).to.deep.equal({ id: keps.ath.queue.id, name: 'Κύρια ουρά' });
      const saved = await em().findOneOrFail(Appointment, a.id);
      expect([saved.status, saved.statusChangedBy]).to.deep.equal(['arrived', `device:${deviceId}`]);
      expect(await em().count(AuditEvent, { entityId: a.id, action: 'appointment.status' })).to.equal(1);

      clock.set(athens(`${TODAY}T08:50`));
      const again = await kiosk(key, ath(), { reference: typedOnGreekPhone(a.reference) });
      expect(again.status, await again.clone().text()).to.equal(200);
      expect(await again.json()).to.deep.equal(ticket);
      expect(await em().count(AuditEvent, { entityId: a.id, action: 'appointment.status' }), 'no second status change').to.equal(1);
      const device = (await (await admin.get(`/api/v1/stores/${ath()}/devices`)).json()).items[0];
      expect(device.lastUsedAt).to.equal(athens(`${TODAY}T08:50`).toISOString());
    });

    for (const junk of ['', 'hello', 'K0P-4MX', 'ΚΑΛΗΜΕΡΑ', '12345678']) {
      it(`refuses «${junk}» with 400 problem+json in Greek on «reference»`, async () => {
        const res = await kiosk(key, ath(), { reference: junk });
        expect(res.status).to.equal(400);
        expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
        const problem = await res.json();
        expect(problem.errors[0].path).to.equal('reference');
        expect(problem.errors[0].message).to.match(/κωδικ/);
      });
    }

    it('too early: 409 with the time to come back, and the appointment stays booked', async () => {
      const a = await booked(`${TODAY}T10:00`);
      clock.set(athens(`${TODAY}T09:29`));
      const res = await kiosk(key, ath(), { reference: a.reference });
      expect(res.status).to.equal(409);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:arrival-too-early');
      expect(problem.detail).to.equal('Είναι νωρίς για την άφιξή σας: το ραντεβού σας είναι στις 10:00. Ελάτε ξανά από τις 09:30.');
      expect(problem.opensAt).to.equal(athens(`${TODAY}T09:30`).toISOString());
      expect((await em().findOneOrFail(Appointment, a.id)).status).to.equal('booked');

      const tomorrow = await booked(`${day(1)}T09:00`);
      const next = await (await kiosk(key, ath(), { reference: tomorrow.reference })).json();
      expect(next.detail).to.equal('Το ραντεβού σας είναι αύριο, στις 09:00. Ελάτε εκείνη την ημέρα, από τις 08:30.');

      clock.set(athens(`${TODAY}T09:30`));
      expect((await kiosk(key, ath(), { reference: a.reference })).status, 'from 30 minutes before, as the attendance rule').to.equal(200);
    });

    it('too late: 409 sending the citizen to a walk-in ticket, from the 16th minute after the start', async () => {
      const [late, justInTime] = await insertAppointments(system.orm, [
        { queue: keps.ath.queue, at: `${TODAY}T08:15` },
        { queue: keps.ath.queue, at: `${TODAY}T08:30` },
      ]);
      clock.set(athens(`${TODAY}T08:45`));
      const res = await kiosk(key, ath(), { reference: late!.reference });
      expect(res.status).to.equal(409);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:arrival-too-late');
      expect(problem.detail).to.include('Το ραντεβού σας ήταν στις 08:15').and.include('Πάρτε εισιτήριο χωρίς ραντεβού');
      expect((await em().findOneOrFail(Appointment, late!.id)).status).to.equal('booked');
      expect((await kiosk(key, ath(), { reference: justInTime!.reference })).status, '15 minutes late is still in time').to.equal(200);
    });

    it('has a window per KEP, set by its store administrator, never earlier than the attendance rule (30 minutes)', async () => {
      const put = (client: StaffClient, body: unknown) =>
        client.browser.fetch(`${system.url}/api/v1/stores/${ath()}/arrivals/window`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken }, body: JSON.stringify(body) });
      expect(await (await operator.get(`/api/v1/stores/${ath()}/arrivals/window`)).json()).to.deep.equal({ earlyMinutes: 30, lateMinutes: 15 });
      expect((await put(operator, { earlyMinutes: 20, lateMinutes: 10 })).status, 'an operator').to.equal(403);
      expect((await put(stranger, { earlyMinutes: 20, lateMinutes: 10 })).status, 'another KEP').to.equal(404);
      const tooEarly = await put(admin, { earlyMinutes: 45, lateMinutes: 10 });
      expect(tooEarly.status).to.equal(400);
      expect((await tooEarly.json()).errors).to.deep.equal([{ path: 'earlyMinutes', message: 'Η άφιξη καταγράφεται το πολύ 30 λεπτά πριν από την ώρα του ραντεβού.' }]);
      const refused = await em()
        .getConnection()
        .execute('update store set arrival_early_minutes = 45 where id = ?', [ath()])
        .then(() => null, (err: Error) => err.message);
      expect(refused, 'the database holds the limit too').to.match(/arrival_early_minutes/);

      const saved = await put(admin, { earlyMinutes: 10, lateMinutes: 5 });
      expect(saved.status, await saved.clone().text()).to.equal(200);
      expect(await em().count(AuditEvent, { action: 'store.arrival_window', entityId: ath(), actor: 'demo-admin-a' })).to.equal(1);
      const a = await booked(`${TODAY}T16:00`);
      clock.set(athens(`${TODAY}T15:45`));
      expect((await (await kiosk(key, ath(), { reference: a.reference })).json()).detail).to.include('Ελάτε ξανά από τις 15:50');
      clock.set(athens(`${TODAY}T16:06`));
      expect((await (await kiosk(key, ath(), { reference: a.reference })).json()).type).to.equal('urn:rantevou:problem:arrival-too-late');
      expect((await put(admin, { earlyMinutes: 30, lateMinutes: 15 })).status).to.equal(200);
    });
  });

  describe('scoped to one KEP and to arrivals only', () => {
    it('answers 404 for another KEP’s reference and for another KEP’s path, and writes nothing there', async () => {
      const theirs = await booked(`${TODAY}T11:00`, keps.the.queue);
      clock.set(athens(`${TODAY}T10:55`));
      const res = await kiosk(key, ath(), { reference: theirs.reference });
      expect(res.status).to.equal(404);
      expect((await res.json()).detail).to.include('Δεν βρέθηκε ραντεβού με αυτόν τον κωδικό');
      expect((await kiosk(key, keps.the.store.id, { reference: theirs.reference })).status).to.equal(404);
      expect((await em().findOneOrFail(Appointment, theirs.id)).status).to.equal('booked');
    });

    it('cannot read or write anything else: the staff API answers the key 401', async () => {
      const bearer = { authorization: `Bearer ${key}` };
      expect((await fetch(`${system.url}/api/v1/stores/${ath()}/appointments?date=${TODAY}`, { headers: bearer })).status).to.equal(401);
      expect((await fetch(`${system.url}/api/v1/stores/${ath()}/devices`, { headers: bearer })).status).to.equal(401);
      const book = await fetch(`${system.url}/api/v1/stores/${ath()}/appointments`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/json' },
        body: JSON.stringify({ firstName: 'Α', lastName: 'Β', startsAt: `${day(1)}T10:00` }),
      });
      expect(book.status).to.equal(401);
    });

    it('answers 401 for an unknown key and for a revoked one; the revocation is audited and the device stays listed', async () => {
      const a = await booked(`${TODAY}T11:30`);
      clock.set(athens(`${TODAY}T11:10`));
      expect((await kiosk('x'.repeat(43), ath(), { reference: a.reference })).status).to.equal(401);
      const other = await (await admin.post(`/api/v1/stores/${ath()}/devices`, { name: 'Κιόσκι ορόφου' })).json();
      expect((await operator.browser.fetch(`${system.url}/api/v1/stores/${ath()}/devices/${other.id}`, { method: 'DELETE', headers: { 'x-csrf-token': operator.csrfToken } })).status, 'an operator').to.equal(403);
      const revoke = await admin.browser.fetch(`${system.url}/api/v1/stores/${ath()}/devices/${other.id}`, { method: 'DELETE', headers: { 'x-csrf-token': admin.csrfToken } });
      expect(revoke.status).to.equal(204);
      const res = await kiosk(other.key, ath(), { reference: a.reference });
      expect(res.status).to.equal(401);
      expect((await res.json()).detail).to.include('Το κλειδί της συσκευής δεν ισχύει');
      expect((await em().findOneOrFail(Appointment, a.id)).status).to.equal('booked');
      const listed = (await (await admin.get(`/api/v1/stores/${ath()}/devices`)).json()).items.find((d: { id: string }) => d.id === other.id);
      expect(listed.revokedAt).to.equal(athens(`${TODAY}T11:10`).toISOString());
      expect(await em().count(AuditEvent, { action: 'device.revoke', entityId: other.id, actor: 'demo-admin-a' })).to.equal(1);
      expect((await kiosk(key, ath(), { reference: a.reference })).status, 'the other key still works').to.equal(200);
    });
  });

  describe('at the counter', () => {
    it('staff of the KEP mark an arrival by reference with their session and CSRF token, and get the ticket', async () => {
      const a = await booked(`${TODAY}T12:00`);
      clock.set(athens(`${TODAY}T11:50`));
      const noToken = await operator.browser.fetch(`${system.url}/api/v1/stores/${ath()}/arrivals`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ reference: a.reference }) });
      expect(noToken.status, 'without the CSRF token').to.equal(403);
      expect((await stranger.post(`/api/v1/stores/${ath()}/arrivals`, { reference: a.reference })).status, 'another KEP’s operator').to.equal(404);
      const res = await operator.post(`/api/v1/stores/${ath()}/arrivals`, { reference: a.reference.toLowerCase().replace('-', '') });
      expect(res.status, await res.clone().text()).to.equal(200);
      const ticket = await res.json();
      expect(ticket).to.include({ reference: a.reference, time: '12:00' });
      expect(ticket.number).to.be.a('number');
      const saved = await em().findOneOrFail(Appointment, a.id);
      expect([saved.status, saved.statusChangedBy]).to.deep.equal(['arrived', 'demo-operator-a']);
      expect((await kiosk(key, ath(), { reference: a.reference })).status, 'the kiosk then prints the same ticket').to.equal(200);
    });
  });

  describe('queue numbers', () => {
    it('are unique and sequential under concurrent arrivals, and one reference sent twice at once gets one number', async () => {
      const wide = await admin.browser.fetch(`${system.url}/api/v1/stores/${ath()}/arrivals/window`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
        body: JSON.stringify({ earlyMinutes: 30, lateMinutes: 240 }),
      });
      expect(wide.status).to.equal(200);
      const times = ['13:00', '13:15', '13:30', '13:45', '14:00', '14:15', '14:30'].map((t) => ({ queue: keps.ath.queue, at: `${TODAY}T${t}` }));
      const video = ['12:40', '13:00', '13:20', '13:40', '14:00', '14:20'].map((t) => ({ queue: keps.ath.video, at: `${TODAY}T${t}` }));
      const appointments = await insertAppointments(system.orm, [...times, ...video]);
      clock.set(athens(`${TODAY}T14:00`));
      const [{ last }] = await em().getConnection().execute<{ last: number }[]>('select last_number as last from arrival_counter where store_id = ?', [ath()]);
      const references = [...appointments.map((a) => a.reference), appointments[0]!.reference];
      const answers = await Promise.all(references.map((reference) => kiosk(key, ath(), { reference })));
      expect(answers.map((r) => r.status)).to.deep.equal(references.map(() => 200));
      const tickets: { number: number; reference: string }[] = await Promise.all(answers.map((r) => r.json()));
      const numbers = tickets.slice(0, -1).map((t) => t.number);
      expect([...numbers].sort((x, y) => x - y)).to.deep.equal(appointments.map((_a, i) => last + 1 + i));
      expect(tickets.at(-1)!.number, 'the reference sent twice').to.equal(tickets[0]!.number);
      const statuses = await em().find(Appointment, { id: { $in: appointments.map((a) => a.id) } });
      expect(statuses.every((a) => a.status === 'arrived')).to.equal(true);
    });
  });

  describe('failed key attempts', () => {
    it(`are limited per client: after ${FAILED_KEY_LIMIT} the answer is 429`, async () => {
      const statuses: number[] = [];
      for (let i = 0; i <= FAILED_KEY_LIMIT && statuses.at(-1) !== 429; i++) statuses.push((await kiosk(`guess-${i}-${'y'.repeat(30)}`, ath(), { reference: 'K7P-4MX' })).status);
      expect(statuses.at(-1)).to.equal(429);
      expect(statuses.slice(0, -1).every((s) => s === 401)).to.equal(true);
      expect((await operator.post(`/api/v1/stores/${ath()}/arrivals`, { reference: 'K7P-4MX' })).status, 'staff are not limited by it').to.equal(404);
    });
  });
});
