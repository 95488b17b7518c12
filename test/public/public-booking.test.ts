import { expect } from 'chai';
import { videoRoomUrl } from '../../plugin/domain/video-room.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from './public-system.js';

describe('public booking by citizens', () => {
  let system: PublicSystem;
  let citizen: CitizenClient;
  let procedures: { id: string; name: string; videoEligible: boolean; alternative: string | null; bring: string[] }[];
  const procedure = (code: string) => procedures.find((p) => p.name.startsWith(code))!;
  let staffA: StaffClient;

  before(async () => {
    system = await startPublicSystem('public', { env: { PUBLIC_MAX_FUTURE_PER_CITIZEN: '3' } });
    citizen = await system.citizen('citizen-123456789', 'Δημήτρης Αλεξίου');
    procedures = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
    staffA = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => system?.close());

  const hold = (startsAt: string, extra: Record<string, unknown> = {}) => ({
    storeId: system.stores.athens,
    startsAt,
    mode: 'in_person',
    procedureId: procedure('Έκδοση πιστοποιητικού οικογενειακής').id,
    ...extra,
  });

  describe('finding a KEP, a procedure and a time', () => {
    it('finds KEPs by municipality or name whatever the accents, case or final sigma, and says which offer video', async () => {
      const search = async (q: string) => (await (await fetch(`${system.url}/api/v1/public/stores?q=${encodeURIComponent(q)}`)).json()) as { id: string; name: string; offersVideo: boolean }[];
      const athens = await search('ΑΘΗΝΑΙΩΝ');
      expect(athens.map((s) => s.id)).to.deep.equal([system.stores.athens]);
      expect(athens[0]).to.deep.equal({ id: system.stores.athens, name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', municipality: 'Αθηναίων', address: 'Λιοσίων 22, 104 38 Αθήνα', offersVideo: true });
      expect((await search('θεσσαλονικης')).map((s) => s.offersVideo)).to.deep.equal([false]);
      expect((await search('ηρακλειο')).length).to.equal(1);
      expect((await search('Αθήνα')).map((s) => s.id)).to.deep.equal([system.stores.athens]);
      expect(await search('Πάτρα')).to.deep.equal([]);
      expect((await search('')).length).to.equal(3);
    });

    it('lists the procedures of a KEP in Greek, or in English with lang=en, with what to bring and the alternative to video', async () => {
      const copies = procedure('Επικύρωση αντιγράφων');
      expect(copies.videoEligible).to.equal(false);
      expect(copies.alternative).to.match(/πρωτοτύπου/);
      expect(copies.bring).to.include('Αστυνομική ταυτότητα ή διαβατήριο');
      expect(procedure('Έκδοση πιστοποιητικού οικογενειακής').alternative).to.equal(null);
      const english = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures?lang=en`)).json();
      const copiesEn = english.find((p: { id: string }) => p.id === copies.id);
      expect(copiesEn.name).to.equal('Certified copies of documents');
      expect(copiesEn.alternative).to.match(/original/);
      const heraklion = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.heraklion}/procedures`)).json();
      expect(heraklion.map((p: { name: string }) => p.name)).to.not.include('Άδεια διαμονής (ανανέωση)');
    });

    it('offers public slots from two hours ahead, per day with local labels, and video slots separately', async () => {
      const res = await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/availability?mode=video`);
      expect(res.status).to.equal(200);
      const body = await res.json();
      const slots = body.days.flatMap((d: { slots: unknown[] }) => d.slots);
      expect(slots.length).to.be.greaterThan(0);
      expect(slots[0]).to.have.all.keys('startsAt', 'endsAt', 'label');
      expect(Date.parse(slots[0].startsAt) - Date.now()).to.be.at.least(2 * 3600_000 - 1000);
      expect(Date.parse(slots[0].endsAt) - Date.parse(slots[0].startsAt)).to.equal(20 * 60_000);
      const thessaloniki = await (await fetch(`${system.url}/api/v1/public/stores/${(await (await fetch(`${system.url}/api/v1/public/stores?q=θεσσαλονικη`)).json())[0].id}/availability?mode=video`)).json();
      expect(thessaloniki.days).to.deep.equal([]);
    });
  });

  describe('holding and booking a slot', () => {
    it('books a held slot: 201 with the contract fields, one booked row with the citizen, an audit event and the confirmation in the outbox', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const held = await citizen.post('/api/v1/public/holds', hold(startsAt!));
      expect(held.status).to.equal(201);
      const h = await held.json();
      expect(h).to.have.all.keys('holdId', 'startsAt', 'endsAt', 'expiresAt');
      expect(h.startsAt).to.equal(startsAt);
      expect(Date.parse(h.expiresAt) - Date.now()).to.be.within(4 * 60_000, 5 * 60_000 + 1000);
      expect(await freeStarts(system.url, system.stores.athens)).to.not.include(startsAt);

      const res = await citizen.post(
        '/api/v1/public/bookings',
        { holdId: h.holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr', phone: '6912345678', business: { name: 'Αλεξίου Ο.Ε.', taxId: '090000045' }, language: 'el' },
        { 'idempotency-key': crypto.randomUUID() },
      );
      expect(res.status).to.equal(201);
      const booking = await res.json();
      expect(booking).to.have.all.keys('id', 'reference', 'storeName', 'startsAt', 'endsAt', 'mode', 'procedure', 'videoLink', 'videoRoomUrl', 'manageUrl');
      expect(booking.reference).to.match(/^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);
      expect(booking).to.include({ id: h.holdId, storeName: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', startsAt, mode: 'in_person', procedure: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης', videoLink: null, videoRoomUrl: null });
      expect(booking.manageUrl).to.match(new RegExp(`^${system.url}/api/v1/public/manage/[A-Za-z0-9_-]{43}$`));

      const em = system.orm.em.fork();
      const row = await em.findOneOrFail(Appointment, booking.id);
      expect(row).to.include({ status: 'booked', source: 'online', citizenSub: 'citizen-123456789', businessName: 'Αλεξίου Ο.Ε.', businessTaxId: '090000045', phone: '+306912345678', heldUntil: null, holder: null });
      const actions = (await em.find(AuditEvent, { entityId: booking.id }, { orderBy: { id: 'asc' } })).map((e) => [e.action, e.actor]);
      expect(actions).to.deep.equal([['appointment.hold', 'citizen:citizen-123456789'], ['appointment.create', 'citizen:citizen-123456789']]);
      const outbox = await em.find(OutboxMessage, { appointment: booking.id });
      expect(outbox.map((m) => [m.kind, m.manageUrl])).to.deep.equal([['appointment.confirmation', booking.manageUrl]]);
    });
  });
  describe('a double click (Idempotency-Key)', () => {
    it('books once when the same request comes twice at the same time, and answers the same 201 to both', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const { holdId } = await (await citizen.post('/api/v1/public/holds', hold(startsAt!))).json();
      const body = { holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr', language: 'en' };
      const key = crypto.randomUUID();
      const before = await system.orm.em.fork().count(Appointment);
      const answers = await Promise.all([1, 2].map(() => citizen.post('/api/v1/public/bookings', body, { 'idempotency-key': key })));
      expect(answers.map((r) => r.status)).to.deep.equal([201, 201]);
      const [a, b] = await Promise.all(answers.map((r) => r.json()));
      expect(a).to.deep.equal(b);
      expect(a.procedure).to.equal('Family status certificate');
      expect(answers.map((r) => r.headers.get('idempotent-replayed')).sort()).to.deep.equal(['true', null].sort());
      const em = system.orm.em.fork();
      expect(await em.count(Appointment)).to.equal(before);
      expect(await em.count(OutboxMessage, { appointment: a.id })).to.equal(1);

      const again = await citizen.post('/api/v1/public/bookings', { ...body, language: 'en' }, { 'idempotency-key': key });
      expect(again.status).to.equal(201);
      expect(await again.json()).to.deep.equal(a);
    });

    it('answers 422 to the same key with another body, and 400 without a key; nothing is written', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const { holdId } = await (await citizen.post('/api/v1/public/holds', hold(startsAt!))).json();
      const body = { holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr' };
      const key = crypto.randomUUID();
      expect((await citizen.post('/api/v1/public/bookings', body, { 'idempotency-key': key })).status).to.equal(201);
      const em = system.orm.em.fork();
      const count = await em.count(Appointment);
      const other = await citizen.post('/api/v1/public/bookings', { ...body, lastName: 'Άλλος' }, { 'idempotency-key': key });
      expect(other.status).to.equal(422);
      expect(other.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const missing = await citizen.post('/api/v1/public/bookings', body);
      expect(missing.status).to.equal(400);
      expect((await missing.json()).type).to.equal('urn:rantevou:problem:idempotency-key-required');
      expect(await em.count(Appointment)).to.equal(count);
      expect((await em.findOneOrFail(Appointment, holdId)).lastName).to.equal('Αλεξίου');
    });
  });

  describe('limits and rules', () => {
    it('refuses a fourth future appointment to one citizen with 409 and a clear message, holding nothing', async () => {
      const busy = await system.citizen('citizen-limit-1');
      const starts = await freeStarts(system.url, system.stores.athens);
      for (const s of starts.slice(0, 3)) expect((await busy.holdAndBook(hold(s))).booked?.status).to.equal(201);
      const em = system.orm.em.fork();
      const before = await em.count(Appointment);
      const fourth = await busy.post('/api/v1/public/holds', hold(starts[3]!));
      expect(fourth.status).to.equal(409);
      const problem = await fourth.json();
      expect(problem).to.include({ type: 'urn:rantevou:problem:citizen-limit', limit: 3 });
      expect(problem.detail).to.match(/έως 3/);
      expect(await em.count(Appointment)).to.equal(before);
    });

    it('refuses a video call for a procedure that needs a visit, with the alternative, and holds nothing', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens, 'video');
      const em = system.orm.em.fork();
      const before = await em.count(Appointment);
      const res = await citizen.post('/api/v1/public/holds', hold(startsAt!, { mode: 'video', procedureId: procedure('Επικύρωση αντιγράφων').id }));
      expect(res.status).to.equal(400);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:not-video-eligible');
      expect(problem.alternative).to.equal(procedure('Επικύρωση αντιγράφων').alternative);
      expect(problem.detail).to.include(problem.alternative);
      expect(await em.count(Appointment)).to.equal(before);
    });

    it('gives a video appointment an unguessable meeting link, shown to the citizen and to staff', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens, 'video');
      const video = await system.citizen('citizen-video-1');
      const { booked } = await video.holdAndBook(hold(startsAt!, { mode: 'video' }));
      expect(booked!.status).to.equal(201);
      const booking = await booked!.json();
      expect(booking.mode).to.equal('video');
      expect(booking.videoLink).to.match(/^https:\/\/meet\.jit\.si\/kep-[0-9a-f]{32}$/);
      const staffView = await (await staffA.get(`/api/v1/appointments/${booking.id}`)).json();
      expect(staffView.videoLink).to.equal(booking.videoLink);
      expect(staffView.queueId).to.equal(system.videoQueueId);
      const mine = await (await video.get('/api/v1/public/me/appointments')).json();
      expect(mine.map((a: { videoLink: string }) => a.videoLink)).to.deep.equal([booking.videoLink]);
      // What the confirmation and the citizen's list link to: the waiting room, as the emails do.
      expect(booking.videoRoomUrl).to.equal(videoRoomUrl(system.url, booking.videoLink));
      expect(mine.map((a: { videoRoomUrl: string }) => a.videoRoomUrl)).to.deep.equal([booking.videoRoomUrl]);
      const room = await fetch(booking.videoRoomUrl, { headers: { accept: 'application/json' } });
      expect(room.status).to.equal(200);
      expect(await room.json()).to.include({ meetingUrl: booking.videoLink });
    });

    it('refuses a hold without a sign-in (401) and a time that is not a free slot (409 with other times)', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const anonymous = await fetch(`${system.url}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(hold(startsAt!)) });
      expect(anonymous.status).to.equal(401);
      const offGrid = new Date(Date.parse(startsAt!) + 5 * 60_000).toISOString();
      const res = await citizen.post('/api/v1/public/holds', hold(offGrid));
      expect(res.status).to.equal(409);
      const { nextFreeSlots } = await res.json();
      expect(nextFreeSlots).to.have.length(3);
      for (const s of nextFreeSlots) expect(s > offGrid).to.equal(true);
    });
  });
});
