import type { Worker } from 'bullmq';
import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { offerFreedTimes, type WaitlistDeps } from '../../plugin/waitlist/waitlist-offers.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { startPublicSystem, type CitizenClient, type PublicSystem } from '../public/public-system.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED, TODAY } from '../support/test-days.js';
import { fillDay, sqlOn, waitlistRules } from './waitlist-fixtures.js';

const REDIS_DB = 2;
const OFFER_MINUTES = 20;
const COOLDOWN_MS = 10 * 60_000;
/** The day the citizens wait for: every public time of it is taken before they join. */
const FULL_DAY = day(3);
const LINK = /\/api\/v1\/public\/waitlist\/([A-Za-z0-9_-]{20,100})/;

describe('the waitlist for freed times', () => {
  const clock = new TestClock();
  let system: PublicSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  let procedures: string[];
  /** The appointments that fill FULL_DAY (every public in-person time), in time order. */
  let filling: { id: string; startsAt: string }[];

  before(async () => {
    clock.set(PINNED);
    sink = await startSmtpSink();
    system = await startPublicSystem('waitlist', { redisDb: REDIS_DB, clock: clock.now, env: { WAITLIST_OFFER_MINUTES: String(OFFER_MINUTES) } });
    worker = createEmailWorker({ orm: system.orm, redisUrl: `redis://127.0.0.1:6379/${REDIS_DB}`, mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    procedures = ((await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json()) as { id: string; videoEligible: boolean }[]).map((p) => p.id);
    filling = await fillDay(system.orm, system.stores.athens, FULL_DAY, clock.now());
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  const sql = <T>(query: string, params: unknown[] = []) => sqlOn(system.orm)<T>(query, params);
  const join = (who: CitizenClient, body: Record<string, unknown> = {}) =>
    who.post('/api/v1/public/waitlist', {
      storeId: system.stores.athens, procedureId: procedures[0], mode: 'in_person', from: FULL_DAY, to: FULL_DAY,
      email: `${who.token.slice(0, 8).toLowerCase()}@citizen.example.gr`, firstName: 'Άννα', lastName: 'Πολίτου', ...body,
    });
  const leave = (token: string) => fetch(`${system.url}/api/v1/public/waitlist/${token}`, { method: 'DELETE' });
  const entry = async (token: string) => (await fetch(`${system.url}/api/v1/public/waitlist/${token}`)).json();
  const tokenOf = (url: string) => LINK.exec(url)![1]!;
  const cancel = (id: string) => staff.post(`/api/v1/appointments/${id}/cancel`, { reason: 'Ο πολίτης τηλεφώνησε' });
  /** The offers now: hold, time, and whose (by the entry's citizen). */
  const offers = () =>
    sql<{ entry_id: string; citizen_sub: string; starts_at: Date; held_until: Date }>(
      `select e.id as entry_id, e.citizen_sub, a.starts_at, a.held_until from appointment a join waitlist_entry e on a.holder = 'waitlist:' || e.id::text
        where a.status = 'held' and a.held_until > ? order by a.starts_at`,
      [clock.now()],
    );
  const rules = waitlistRules(OFFER_MINUTES);
  /** A second instance's pass: its own deps over the same database, running at the same time as this process's. */
  const otherInstance: () => WaitlistDeps = () => ({ orm: system.orm, rules, now: clock.now, afterChange: () => system.host.rantevou.relay.nudge(), log: () => {} });
  const mailTo = (address: string, subject: string) => sink.messages.filter((m) => m.subject?.includes(subject) && m.to && !Array.isArray(m.to) && m.to.text === address);

  describe('joining and leaving', () => {
    it('puts a signed-in citizen on the list once per KEP and procedure, and the link takes them off', async () => {
      const anna = await system.citizen('wl-join-anna');
      const res = await join(anna);
      expect(res.status).to.equal(201);
      const joined = await res.json();
      expect(joined).to.include({ status: 'waiting', position: 1, from: FULL_DAY, to: FULL_DAY, offerMinutes: OFFER_MINUTES });
      expect(joined.linkUrl).to.match(LINK);

      const twice = await join(anna, { from: TODAY });
      expect(twice.status).to.equal(409);
      expect(twice.headers.get('content-type')).to.match(/^application\/problem\+json/);
      expect((await twice.json()).type).to.equal('urn:rantevou:problem:waitlist-already');
      expect((await join(anna, { procedureId: procedures[1] })).status, 'another procedure of the KEP').to.equal(201);

      expect(await entry(tokenOf(joined.linkUrl))).to.include({ status: 'waiting', offer: null, from: FULL_DAY });
      expect((await leave(tokenOf(joined.linkUrl))).status).to.equal(204);
      expect((await leave(tokenOf(joined.linkUrl))).status, 'leaving twice').to.equal(404);
      expect((await join(anna)).status, 'back on the list after leaving').to.equal(201);
      await sql(`update waitlist_entry set status = 'left' where citizen_sub = 'wl-join-anna'`);
    });

    it('refuses bad input with a Greek problem: not signed in, dates, mode, an unknown KEP or link', async () => {
      const babis = await system.citizen('wl-join-babis');
      const anonymous = await fetch(`${system.url}/api/v1/public/waitlist`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(anonymous.status).to.equal(401);
      const backwards = await (await join(babis, { from: day(4), to: day(2) })).json();
      expect(backwards.status).to.equal(400);
      expect(backwards.errors.map((e: { path: string }) => e.path)).to.include('to');
      const past = await join(babis, { from: '2027-01-04' });
      expect(past.status).to.equal(400);
      const problem = await past.json();
      expect(problem.errors).to.deep.include({ path: 'from', message: 'Η ημερομηνία «από» δεν μπορεί να είναι στο παρελθόν.' });
      expect((await join(babis, { to: '2027-06-30', from: day(1) })).status, 'beyond the horizon').to.equal(400);
      expect((await join(babis, { mode: 'walk' })).status).to.equal(400);
      expect((await join(babis, { email: 'not-an-email' })).status).to.equal(400);
      expect((await join(babis, { storeId: crypto.randomUUID() })).status).to.equal(404);
      expect((await leave('x'.repeat(43))).status).to.equal(404);
      expect((await fetch(`${system.url}/api/v1/public/waitlist/${'y'.repeat(43)}/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).to.equal(404);
    });
  });

  describe('offering freed times', () => {
    const people: Record<string, { client: CitizenClient; email: string; link: string }> = {};
    const emailOf = (name: string) => `wl-${name}@citizen.example.gr`;

    before(async () => {
      for (const name of ['a', 'b', 'c']) {
        const client = await system.citizen(`wl-offer-${name}`);
        const res = await join(client, { email: emailOf(name) });
        expect(res.status).to.equal(201);
        people[name] = { client, email: emailOf(name), link: (await res.json()).linkUrl };
      }
    });

    it('gives each of two times freed by concurrent cancellations to exactly one person, the first in line, after the cool-down', async () => {
      const [first, second] = [filling[1]!, filling[4]!];
      const cancelled = await Promise.all([cancel(first.id), cancel(second.id)]);
      expect(cancelled.map((r) => r.status)).to.deep.equal([200, 200]);
      expect(await system.host.rantevou.waitlist.run(), 'nothing while the times cool down').to.equal(0);

      clock.advance(COOLDOWN_MS + 1000);
      // This process's pass and two other instances' passes, at the same time.
      const made = await Promise.all([offerFreedTimes(otherInstance()), offerFreedTimes(otherInstance()), system.host.rantevou.waitlist.run()]);
      expect(made.reduce((a, b) => a + b, 0), 'offers made in all').to.equal(2);

      const now = await offers();
      expect(now.map((o) => new Date(o.starts_at).toISOString())).to.deep.equal([first.startsAt, second.startsAt]);
      expect(now.map((o) => o.citizen_sub).sort()).to.deep.equal(['wl-offer-a', 'wl-offer-b']);
      expect(now.every((o) => new Date(o.held_until).getTime() === clock.now().getTime() + OFFER_MINUTES * 60_000)).to.equal(true);
      expect(await system.host.rantevou.waitlist.run(), 'a pass again offers nothing more').to.equal(0);
      expect((await entry(tokenOf(people.c!.link))).status).to.equal('waiting');

      for (const name of ['a', 'b']) {
        await eventually(() => mailTo(people[name]!.email, 'Ελευθερώθηκε ώρα').length === 1, `the offer email to ${name}`);
        const mail = mailTo(people[name]!.email, 'Ελευθερώθηκε ώρα')[0]!;
        expect(mail.text).to.include('Κλείστε την ώρα');
        expect(mail.text).to.include('?action=leave');
        expect(mail.attachments.filter((a) => a.contentType.startsWith('text/calendar')), 'no calendar invitation for an offer').to.have.length(0);
        people[name]!.link = LINK.exec(mail.text!)![0];
      }
      // The join's link gave way to the email's.
      expect((await fetch(`${system.url}${LINK.exec(people.a!.link)![0]}`)).status).to.equal(200);
    });

    it('lets an offer lapse after its minutes: the time passes to the next in line, and the lapsed link books nothing', async () => {
      const before = await offers();
      const aTime = before.find((o) => o.citizen_sub === 'wl-offer-a')!;
      clock.advance(OFFER_MINUTES * 60_000 - 60_000);
      expect(await system.host.rantevou.waitlist.run(), 'still held a minute before').to.equal(0);
      // b books in time; a does not.
      const booked = await fetch(`${system.url}${people.b!.link}/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(booked.status).to.equal(201);

      clock.advance(2 * 60_000);
      expect(await system.host.rantevou.waitlist.run()).to.equal(1);
      const after = await offers();
      expect(after).to.have.length(1);
      expect(after[0]).to.deep.include({ citizen_sub: 'wl-offer-c' });
      expect(new Date(after[0]!.starts_at).toISOString()).to.equal(new Date(aTime.starts_at).toISOString());

      expect((await entry(tokenOf(people.a!.link))).status).to.equal('expired');
      const late = await fetch(`${system.url}${people.a!.link}/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(late.status).to.equal(409);
      expect((await late.json()).type).to.equal('urn:rantevou:problem:offer-expired');
    });

    it('books the time through the email’s link: the same row becomes the appointment, with its confirmation', async () => {
      await eventually(() => mailTo(people.c!.email, 'Ελευθερώθηκε ώρα').length === 1, 'the offer email to c');
      const link = LINK.exec(mailTo(people.c!.email, 'Ελευθερώθηκε ώρα')[0]!.text!)![0];
      const [offer] = await offers();
      const view = await entry(tokenOf(link));
      expect(view.status).to.equal('offered');
      expect(view.offer.startsAt).to.equal(new Date(offer!.starts_at).toISOString());

      const res = await fetch(`${system.url}${link}/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(res.status).to.equal(201);
      const booking = await res.json();
      expect(booking.startsAt).to.equal(view.offer.startsAt);
      expect(booking.reference).to.match(/^[A-Z0-9]{3}-[A-Z0-9]{3}$/);
      const [row] = await sql<{ status: string; citizen_sub: string; email: string; holder: string | null }>(`select status, citizen_sub, email, holder from appointment where id = ?`, [booking.id]);
      expect(row).to.deep.equal({ status: 'booked', citizen_sub: 'wl-offer-c', email: people.c!.email, holder: null });
      expect((await entry(tokenOf(link))).status).to.equal('booked');
      const again = await fetch(`${system.url}${link}/book`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect((await again.json()).type).to.equal('urn:rantevou:problem:waitlist-booked');
      await eventually(() => mailTo(people.c!.email, 'Επιβεβαίωση').length === 1, 'the confirmation email');
    });
  });

  describe('one offer per citizen', () => {
    it('never holds two offers for one citizen, even on two lists: the second time goes to the next person', async () => {
      const dora = await system.citizen('wl-one-dora');
      const eva = await system.citizen('wl-one-eva');
      expect((await join(dora)).status).to.equal(201);
      expect((await join(dora, { procedureId: procedures[1] })).status).to.equal(201);
      expect((await join(eva, { procedureId: procedures[1] })).status).to.equal(201);
      await Promise.all([cancel(filling[6]!.id), cancel(filling[7]!.id)]);
      clock.advance(COOLDOWN_MS + 1000);
      await Promise.all([offerFreedTimes(otherInstance()), offerFreedTimes(otherInstance()), system.host.rantevou.waitlist.run()]);
      const held = await offers();
      expect(held.filter((o) => o.citizen_sub === 'wl-one-dora')).to.have.length(1);
      expect(held.filter((o) => o.citizen_sub === 'wl-one-eva')).to.have.length(1);
      // The database says so too: a second offered entry of one citizen is refused.
      const second = await sql(`update waitlist_entry set status = 'offered', offer_until = now(), offer_starts_at = now() where citizen_sub = 'wl-one-dora' and status = 'waiting'`).then(
        () => null,
        (err: { code?: string }) => err.code,
      );
      expect(second).to.equal('23505');
    });
  });

  describe('what staff see', () => {
    it('counts who waits per day and procedure for the KEP’s staff, and answers 404 to another KEP and 400 to bad dates', async () => {
      const res = await staff.get(`/api/v1/stores/${system.stores.athens}/waitlist?from=${day(2)}&to=${day(4)}`);
      expect(res.status).to.equal(200);
      const body = await res.json();
      const full = body.days.find((d: { date: string }) => d.date === FULL_DAY);
      const [live] = await sql<{ n: number }>(`select count(*)::int as n from waitlist_entry where status in ('waiting', 'offered') and date_from <= ? and date_to >= ?`, [FULL_DAY, FULL_DAY]);
      expect(full.waiting).to.equal(live!.n).and.to.be.greaterThan(0);
      expect(full.procedures.reduce((n: number, p: { waiting: number }) => n + p.waiting, 0)).to.equal(full.waiting);
      expect(JSON.stringify(body)).to.not.include('citizen.example.gr');
      const stranger = await signInAs(system.url, 'demo-operator-b');
      expect((await stranger.get(`/api/v1/stores/${system.stores.athens}/waitlist?from=${day(2)}&to=${day(4)}`)).status).to.equal(404);
      expect((await staff.get(`/api/v1/stores/${system.stores.athens}/waitlist?from=${day(4)}&to=${day(2)}`)).status).to.equal(400);
    });
  });
});
