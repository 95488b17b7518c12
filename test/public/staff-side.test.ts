import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { freeStarts, startPublicSystem, type PublicSystem } from './public-system.js';

describe('public booking seen from the KEP', () => {
  let system: PublicSystem;
  let operatorA: StaffClient;
  let adminA: StaffClient;

  before(async () => {
    system = await startPublicSystem('staffside');
    [operatorA, adminA] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
  });
  after(async () => system?.close());

  const put = (client: StaffClient, path: string, body: unknown) =>
    client.browser.fetch(`${system.url}${path}`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken }, body: JSON.stringify(body) });
  const publicNames = async () => (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json()).map((p: { name: string }) => p.name);

  describe('which procedures the KEP offers online', () => {
    it('the store administrator withdraws and offers a procedure; an operator may only read; another KEP answers 404', async () => {
      const list = await (await operatorA.get(`/api/v1/stores/${system.stores.athens}/procedures`)).json();
      const permits = list.items.find((p: { code: string }) => p.code === 'ADEIA-DIAM');
      expect(permits).to.include({ name: 'Άδεια διαμονής (ανανέωση)', offered: true, videoEligible: false });
      const path = `/api/v1/stores/${system.stores.athens}/procedures/${permits.id}`;

      expect((await put(operatorA, path, { offered: false })).status).to.equal(403);
      const withdrawn = await put(adminA, path, { offered: false });
      expect(withdrawn.status).to.equal(200);
      expect((await withdrawn.json()).offered).to.equal(false);
      expect(await publicNames()).to.not.include('Άδεια διαμονής (ανανέωση)');
      expect((await put(adminA, path, { offered: true })).status).to.equal(200);
      expect(await publicNames()).to.include('Άδεια διαμονής (ανανέωση)');
      const actions = (await system.orm.em.fork().find(AuditEvent, { entityType: 'store_procedure', entityId: permits.id }, { orderBy: { id: 'asc' } })).map((e) => [e.action, e.actor]);
      expect(actions).to.deep.equal([['store.procedure.withdraw', 'demo-admin-a'], ['store.procedure.offer', 'demo-admin-a']]);
      expect((await put(adminA, `/api/v1/stores/${system.stores.heraklion}/procedures/${permits.id}`, { offered: false })).status).to.equal(404);
    });
  });

  describe('the polite notice of circular 000', () => {
    it('emails the citizen of a video call whose procedure needs a visit what to do instead; the booking stays, and a second notice is refused', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens, 'video');
      const booked = await operatorA.post(`/api/v1/stores/${system.stores.athens}/appointments`, {
        firstName: 'Σοφία', lastName: 'Μαρκοπούλου', startsAt, queueId: system.videoQueueId, mode: 'video', email: 'sofia@citizen.example.gr', procedure: 'Επικύρωση αντιγράφων', source: 'phone',
      });
      expect(booked.status).to.equal(201);
      const { id } = await booked.json();
      const res = await operatorA.post(`/api/v1/appointments/${id}/polite-notice`, {});
      expect(res.status).to.equal(202);
      const notice = await res.json();
      expect(notice).to.include({ appointmentId: id, kind: 'appointment.video-not-eligible' });
      const em = system.orm.em.fork();
      expect((await em.findOneOrFail(OutboxMessage, notice.outboxId)).kind).to.equal('appointment.video-not-eligible');
      expect((await em.findOneOrFail(Appointment, id)).status).to.equal('booked');
      expect(await em.count(AuditEvent, { entityId: id, action: 'appointment.polite-notice', actor: 'demo-operator-a' })).to.equal(1);
      const again = await operatorA.post(`/api/v1/appointments/${id}/polite-notice`, {});
      expect(again.status).to.equal(409);
      expect((await again.json()).type).to.equal('urn:rantevou:problem:already-notified');
    });

    it('is refused for a procedure that video serves, for an in-person appointment, without the CSRF token, and for another KEP', async () => {
      const citizen = await system.citizen('citizen-notice');
      const procedures = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
      const eligible = procedures.find((p: { videoEligible: boolean }) => p.videoEligible);
      const [videoStart] = await freeStarts(system.url, system.stores.athens, 'video');
      const { booked } = await citizen.holdAndBook({ storeId: system.stores.athens, startsAt: videoStart, mode: 'video', procedureId: eligible.id });
      const video = await booked!.json();
      const refused = await operatorA.post(`/api/v1/appointments/${video.id}/polite-notice`, {});
      expect(refused.status).to.equal(409);
      expect((await refused.json()).type).to.equal('urn:rantevou:problem:video-eligible');

      const [inPersonStart] = await freeStarts(system.url, system.stores.athens);
      const inPerson = await (await operatorA.post(`/api/v1/stores/${system.stores.athens}/appointments`, { firstName: 'Α', lastName: 'Β', startsAt: inPersonStart, email: 'ab@citizen.example.gr' })).json();
      expect((await operatorA.post(`/api/v1/appointments/${inPerson.id}/polite-notice`, {})).status).to.equal(409);
      const noCsrf = await operatorA.browser.fetch(`${system.url}/api/v1/appointments/${video.id}/polite-notice`, { method: 'POST' });
      expect(noCsrf.status).to.equal(403);
      const operatorB = await signInAs(system.url, 'demo-operator-b');
      expect((await operatorB.post(`/api/v1/appointments/${video.id}/polite-notice`, {})).status).to.equal(404);
      expect(await system.orm.em.fork().count(OutboxMessage, { kind: 'appointment.video-not-eligible' })).to.equal(1);
    });
  });

  it('publishes the public API in the OpenAPI document', async () => {
    const doc = await (await fetch(`${system.url}/api/v1/openapi.json`)).json();
    for (const path of ['/api/v1/public/stores', '/api/v1/public/holds', '/api/v1/public/bookings', '/api/v1/public/manage/{token}/move', '/api/v1/stores/{storeId}/procedures/{procedureId}', '/api/v1/appointments/{id}/polite-notice']) {
      expect(doc.paths, path).to.have.property(path);
    }
  });
});
