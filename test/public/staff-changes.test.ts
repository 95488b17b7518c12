import type { Worker } from 'bullmq';
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { freeStarts, startPublicSystem, type CitizenClient, type PublicSystem } from './public-system.js';

const MEETING_LINK = /^https:\/\/meet\.jit\.si\/kep-[0-9a-f]{32}$/;

describe('what staff do to public times and video calls', () => {
  let system: PublicSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  let citizen: CitizenClient;
  let other: CitizenClient;
  let procedureId: string;

  before(async () => {
    sink = await startSmtpSink();
    system = await startPublicSystem('staffchanges', { redisDb: 4 });
    worker = createEmailWorker({ orm: system.orm, redisUrl: 'redis://127.0.0.1:6379/4', mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    [citizen, other] = await Promise.all([system.citizen('citizen-staffchanges'), system.citizen('citizen-staffchanges-2')]);
    procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  const storePath = () => `/api/v1/stores/${system.stores.athens}`;
  const book = (body: Record<string, unknown>) => staff.post(`${storePath()}/appointments`, { firstName: 'Ελένη', lastName: 'Ρήγα', ...body });
  const patch = (id: string, body: Record<string, unknown>) =>
    staff.browser.fetch(`${system.url}/api/v1/appointments/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken }, body: JSON.stringify(body) });
  const hold = (startsAt: string, who = citizen) => who.post('/api/v1/public/holds', { storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId });
  const isPublic = async (startsAt: string) => (await freeStarts(system.url, system.stores.athens)).includes(startsAt);
  const lapse = (where: string, params: unknown[]) =>
    system.orm.em.fork().getConnection().execute(`update appointment set held_until = now() - interval '1 second' where status = 'held' and ${where}`, params);
  const mailTo = (address: string, subject: string) => sink.messages.find((m) => m.subject?.includes(subject) && m.to && !Array.isArray(m.to) && m.to.text === address);
  /** A citizen's appointment, cancelled online: its time is in the public cool-down. */
  const coolingDown = async (startsAt: string) => {
    const booked = await (await citizen.holdAndBook({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId })).booked!.json();
    expect((await citizen.post(`/api/v1/public/me/appointments/${booked.id}/cancel`)).status).to.equal(200);
    expect(await isPublic(startsAt)).to.equal(false);
  };

  describe('a video call booked by staff', () => {
    it('has its own meeting link, on the staff screen and in the confirmation email', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens, 'video');
      const res = await book({ startsAt, queueId: system.videoQueueId, mode: 'video', email: 'video-staff@citizen.example.gr' });
      expect(res.status).to.equal(201);
      const booked = await res.json();
      expect(booked.videoLink).to.match(MEETING_LINK);
      expect((await (await staff.get(`/api/v1/appointments/${booked.id}`)).json()).videoLink).to.equal(booked.videoLink);
      await eventually(() => !!mailTo('video-staff@citizen.example.gr', 'Επιβεβαίωση'), 'the confirmation email');
      const mail = mailTo('video-staff@citizen.example.gr', 'Επιβεβαίωση')!;
      expect(mail.text).to.include(booked.videoLink);
    });

    it('gets a link when staff move an appointment onto the video queue (in the change email too), and loses it when moved back', async () => {
      const [inPerson, back] = await freeStarts(system.url, system.stores.athens);
      const [video] = await freeStarts(system.url, system.stores.athens, 'video');
      const booked = await (await book({ startsAt: inPerson, email: 'moved-to-video@citizen.example.gr' })).json();
      expect(booked.videoLink).to.equal(null);

      const toVideo = await patch(booked.id, { version: booked.version, queueId: system.videoQueueId, startsAt: video });
      expect(toVideo.status).to.equal(200);
      const onVideo = await toVideo.json();
      expect(onVideo).to.include({ mode: 'video', startsAt: video });
      expect(onVideo.videoLink).to.match(MEETING_LINK);
      await eventually(() => !!mailTo('moved-to-video@citizen.example.gr', 'Αλλαγή'), 'the change email');
      expect(mailTo('moved-to-video@citizen.example.gr', 'Αλλαγή')!.text).to.include(onVideo.videoLink);

      const queues = (await (await staff.get(`${storePath()}/queues`)).json()).items as { id: string; mode: string }[];
      const toInPerson = await patch(booked.id, { version: onVideo.version, queueId: queues.find((q) => q.mode === 'in_person')!.id, startsAt: back });
      expect(toInPerson.status).to.equal(200);
      expect(await toInPerson.json()).to.include({ mode: 'in_person', videoLink: null });
    });
  });

  describe('a public time that staff free', () => {
    it('cools down after a staff cancellation, as after a citizen’s: hidden from the public and refused to their holds, then public again', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const booked = await (await book({ startsAt })).json();
      expect((await staff.post(`/api/v1/appointments/${booked.id}/cancel`, { reason: 'Ο πολίτης τηλεφώνησε.' })).status).to.equal(200);

      expect(await isPublic(startsAt!)).to.equal(false);
      expect((await hold(startsAt!)).status).to.equal(409);
      await lapse(`holder = 'cooldown' and starts_at = ?`, [startsAt]);
      expect(await isPublic(startsAt!)).to.equal(true);
    });

    it('cools down when staff move the appointment away from it; the new time is taken', async () => {
      const [from, to] = await freeStarts(system.url, system.stores.athens);
      const booked = await (await book({ startsAt: from })).json();
      expect((await patch(booked.id, { version: booked.version, startsAt: to })).status).to.equal(200);

      const publicNow = await freeStarts(system.url, system.stores.athens);
      expect(publicNow).to.not.include(from);
      expect(publicNow).to.not.include(to);
      expect((await hold(from!)).status).to.equal(409);
      await lapse(`holder = 'cooldown' and starts_at = ?`, [from]);
      expect(await isPublic(from!)).to.equal(true);
    });
  });

  describe('staff moving an appointment onto a time the public cannot have', () => {
    it('takes a time that is only cooling down, or held by a hold that lapsed, but not one a citizen holds right now (409)', async () => {
      const [cooling, lapsed, live, start] = await freeStarts(system.url, system.stores.athens);
      await coolingDown(cooling!);
      const { holdId: lapsedHold } = await (await hold(lapsed!)).json();
      await lapse('id = ?', [lapsedHold]);
      let a = await (await book({ startsAt: start })).json();

      const ontoCooldown = await patch(a.id, { version: a.version, startsAt: cooling });
      expect(ontoCooldown.status).to.equal(200);
      a = await ontoCooldown.json();
      expect(a.startsAt).to.equal(cooling);
      const ontoLapsed = await patch(a.id, { version: a.version, startsAt: lapsed });
      expect(ontoLapsed.status).to.equal(200);
      a = await ontoLapsed.json();
      expect(a.startsAt).to.equal(lapsed);

      expect((await hold(live!, other)).status).to.equal(201);
      const ontoLive = await patch(a.id, { version: a.version, startsAt: live });
      expect(ontoLive.status).to.equal(409);
      expect((await ontoLive.json()).type).to.equal('urn:rantevou:problem:slot-taken');
      expect((await system.orm.em.fork().findOneOrFail(Appointment, a.id)).startsAt.toISOString()).to.equal(lapsed);
    });
  });

  describe('a citizen’s hold, by its id', () => {
    it('is not an appointment staff can read, change, cancel or send a notice about (404)', async () => {
      const [startsAt] = await freeStarts(system.url, system.stores.athens);
      const { holdId } = await (await hold(startsAt!, other)).json();
      const answers = await Promise.all([
        staff.get(`/api/v1/appointments/${holdId}`),
        patch(holdId, { version: 1, notes: 'x' }),
        staff.post(`/api/v1/appointments/${holdId}/cancel`, { reason: 'δοκιμή' }),
        staff.post(`/api/v1/appointments/${holdId}/polite-notice`, {}),
      ]);
      expect(answers.map((r) => r.status)).to.deep.equal([404, 404, 404, 404]);
      const row = await system.orm.em.fork().findOneOrFail(Appointment, holdId);
      expect([row.status, row.holder]).to.deep.equal(['held', 'citizen-staffchanges-2']);
    });
  });

  describe('the free times staff see', () => {
    it('include a time in cool-down and one whose hold lapsed, not one a citizen holds right now', async () => {
      const [cooling, lapsed, live] = await freeStarts(system.url, system.stores.athens);
      await coolingDown(cooling!);
      const { holdId } = await (await hold(lapsed!)).json();
      await lapse('id = ?', [holdId]);
      expect((await hold(live!, other)).status).to.equal(201);

      const date = new Date(Date.parse(cooling!) + 3 * 3600_000).toISOString().slice(0, 10);
      const res = await staff.get(`${storePath()}/availability?from=${date}&to=${addDay(date)}&mode=in_person`);
      expect(res.status).to.equal(200);
      const starts = ((await res.json()).days as { slots: { start: string }[] }[]).flatMap((d) => d.slots.map((s) => s.start));
      expect(starts).to.include(cooling);
      expect(starts).to.include(lapsed);
      expect(starts).to.not.include(live);
      expect(await system.orm.em.fork().count(Appointment, { status: 'held', startsAt: { $in: [new Date(cooling!), new Date(lapsed!)] } })).to.equal(2);
    });
  });

  describe('a citizen holding a time while the queue is deactivated', () => {
    it('waits for the deactivation and is refused (409): no hold is left on the inactive queue', async () => {
      const admin = await signInAs(system.url, 'demo-admin-a');
      const procedures = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
      const video = { storeId: system.stores.athens, mode: 'video', procedureId: procedures.find((p: { videoEligible: boolean }) => p.videoEligible).id };
      const [first, second] = await freeStarts(system.url, system.stores.athens, 'video');
      const { holdId } = await (await other.post('/api/v1/public/holds', { ...video, startsAt: first })).json();
      const lockWaits = async (count: number, timeoutMs: number) => {
        for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((r) => setTimeout(r, 20))) {
          const [row] = await system.orm.em.fork().getConnection().execute(`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`);
          if (row.n >= count) return true;
        }
        return false;
      };

      // The other citizen's hold, locked here, stops the deactivation after it locked the queue (it lets that hold go).
      const [deactivated, held] = await system.orm.em.fork().transactional(async (em) => {
        await em.getConnection().execute('select id from appointment where id = ? for update', [holdId], 'all', em.getTransactionContext());
        const deactivation = admin.browser.fetch(`${system.url}${storePath()}/queues/${system.videoQueueId}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
          body: JSON.stringify({ active: false, onFutureAppointments: 'keep' }),
        });
        expect(await lockWaits(1, 5000)).to.equal(true);
        const hold = citizen.post('/api/v1/public/holds', { ...video, startsAt: second });
        await lockWaits(2, 1000);
        return [deactivation, hold];
      }).then((pending) => Promise.all(pending));

      expect(deactivated.status).to.equal(200);
      expect(held.status).to.equal(409);
      expect(await system.orm.em.fork().count(Appointment, { queue: system.videoQueueId, status: 'held' })).to.equal(0);
    });
  });
});

function addDay(date: string): string {
  return new Date(Date.parse(`${date}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}
