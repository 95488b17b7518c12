import { expect } from 'chai';
import { runRetention } from '../../plugin/jobs/retention.job.js';
import { publicFreeSlots } from '../../plugin/public/public-availability.js';
import { publicQueries } from '../../plugin/public/public-queries.js';
import { hashSecret, newSecret } from '../../plugin/auth/secrets.js';
import { freeStarts, GOVGR_ORIGIN, startPublicSystem, type CitizenClient, type PublicSystem } from './public-system.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

describe('booking again first in line with a priority token (issue 8 item 3)', () => {
  let system: PublicSystem;
  let citizen: CitizenClient;
  let canceller: CitizenClient;
  let procedureId: string;
  let missed = 0;

  before(async () => {
    system = await startPublicSystem('priorityrebook', { redisDb: 7 });
    [citizen, canceller] = await Promise.all([system.citizen('citizen-priority'), system.citizen('citizen-priority-canceller')]);
    procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
  });
  after(async () => {
    await system?.close();
  });

  const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []) => system.orm.em.fork().getConnection().execute<T[]>(query, params);

  /**
   * A token as the end-of-day job gives one: for an appointment of the KEP that it missed (a past one
   * of its own, since a token belongs to one appointment), valid from now for 30 days unless told.
   */
  async function priorityToken(store: string, { validFrom = new Date(Date.now() - HOUR), expiresAt = new Date(Date.now() + 30 * DAY), usedAt = null as Date | null } = {}) {
    const token = newSecret();
    missed += 1;
    const startsAt = new Date(Date.now() - (missed + 1) * DAY);
    const [{ id }] = (await sql<{ id: string }>(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by, email)
       values (?, (select id from queue where store_id = ? and mode = 'in_person' order by is_default desc limit 1), ?, ?, 'Άννα', 'Πέτρου', 'in_person', 'missed_by_staff', 'online', 'test', 'anna@citizen.example.gr')
       returning id`,
      [store, store, startsAt, new Date(startsAt.getTime() + 15 * 60_000)],
    )) as [{ id: string }];
    await sql(`insert into priority_token (token_hash, appointment_id, store_id, valid_from, expires_at, used_at, created_at) values (?, ?, ?, ?, ?, ?, now())`, [
      hashSecret(token),
      id,
      store,
      validFrom,
      expiresAt,
      usedAt,
    ]);
    return token;
  }

  const availability = (storeId: string, priorityToken?: string) => {
    const from = new Date(Date.now() + DAY).toISOString().slice(0, 10);
    const to = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10);
    return fetch(`${system.url}/api/v1/public/stores/${storeId}/availability?from=${from}&to=${to}${priorityToken ? `&priorityToken=${encodeURIComponent(priorityToken)}` : ''}`);
  };
  const startsWith = async (priorityToken: string) => {
    const res = await availability(system.stores.athens, priorityToken);
    expect(res.status).to.equal(200);
    return ((await res.json()) as { days: { slots: { startsAt: string }[] }[] }).days.flatMap((d) => d.slots.map((s) => s.startsAt));
  };
  const hold = (startsAt: string, priorityToken?: string, who = citizen) =>
    who.post('/api/v1/public/holds', { storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId, ...(priorityToken === undefined ? {} : { priorityToken }) });
  const book = (holdId: string, who = citizen) =>
    who.post('/api/v1/public/bookings', { holdId, firstName: 'Άννα', lastName: 'Πέτρου', email: 'anna@citizen.example.gr', language: 'el' }, { 'idempotency-key': crypto.randomUUID() });
  /** A time a citizen booked and cancelled online: in the public cool-down now. */
  const coolingDown = async (startsAt: string) => {
    const booked = await (await canceller.holdAndBook({ storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId })).booked!.json();
    expect((await canceller.post(`/api/v1/public/me/appointments/${booked.id}/cancel`)).status).to.equal(200);
    expect(await freeStarts(system.url, system.stores.athens)).to.not.include(startsAt);
  };
  const expectInvalidToken = async (res: Response) => {
    expect(res.status).to.equal(400);
    const body = await res.json();
    expect(body.errors).to.have.length(1);
    expect(body.errors[0].path).to.equal('priorityToken');
    expect(body.errors[0].message).to.match(/^Ο σύνδεσμος προτεραιότητας δεν ισχύει/);
  };

  it('is explained under the public API too, with the public CORS for the gov.gr pages; unknown and expired answer 404', async () => {
    const token = await priorityToken(system.stores.athens);
    const res = await fetch(`${system.url}/api/v1/public/priority/${token}`, { headers: { origin: GOVGR_ORIGIN } });
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal(GOVGR_ORIGIN);
    const view = await res.json();
    expect(view).to.include({ storeId: system.stores.athens, storeCode: 'KEP-ATH-0101', used: false });
    expect(view).to.deep.equal(await (await fetch(`${system.url}/api/v1/priority/${token}`)).json());

    const expired = await priorityToken(system.stores.athens, { validFrom: new Date(Date.now() - 40 * DAY), expiresAt: new Date(Date.now() - DAY) });
    for (const t of [expired, newSecret(), '%3Cscript%3E']) {
      const r = await fetch(`${system.url}/api/v1/public/priority/${t}`, { headers: { origin: GOVGR_ORIGIN } });
      expect(r.status).to.equal(404);
      expect(r.headers.get('content-type')).to.match(/^application\/problem\+json/);
    }
  });

  it('offers its holder a time in a cancellation’s cool-down, which they can hold and book; the booking uses the token up', async () => {
    const token = await priorityToken(system.stores.athens);
    const [cooling] = await freeStarts(system.url, system.stores.athens);
    await coolingDown(cooling!);
    expect(await startsWith(token)).to.include(cooling);

    const withoutToken = await hold(cooling!);
    expect(withoutToken.status).to.equal(409);
    const held = await hold(cooling!, token);
    expect(held.status).to.equal(201);
    const { holdId } = await held.json();
    const [row] = await sql<{ priority_token_hash: string | null }>(`select priority_token_hash from appointment where id = ?`, [holdId]);
    expect(row!.priority_token_hash).to.equal(hashSecret(token));

    const booked = await book(holdId);
    expect(booked.status).to.equal(201);
    const body = await booked.json();
    expect(body).to.include({ id: holdId, startsAt: cooling });
    expect(body).to.not.have.property('priorityTokenHash');
    const [used] = await sql<{ used_at: string | null }>(`select used_at from priority_token where token_hash = ?`, [hashSecret(token)]);
    expect(used!.used_at).to.not.equal(null);
    expect((await (await fetch(`${system.url}/api/v1/public/priority/${token}`)).json()).used).to.equal(true);
    const mine = await (await citizen.get('/api/v1/public/me/appointments')).json();
    expect(mine.find((a: { id: string }) => a.id === holdId)).to.not.have.property('priorityTokenHash');

    // Used: no more priority, neither in the list nor for a hold.
    const [next] = await freeStarts(system.url, system.stores.athens);
    await expectInvalidToken(await availability(system.stores.athens, token));
    await expectInvalidToken(await hold(next!, token));
    await citizen.post(`/api/v1/public/me/appointments/${holdId}/cancel`);
  });

  it('is used once: of two holds placed with it, the second booking answers 409 priority-used and books nothing', async () => {
    const token = await priorityToken(system.stores.athens);
    const [a, b] = await freeStarts(system.url, system.stores.athens);
    const first = (await (await hold(a!, token)).json()).holdId;
    const secondHold = await hold(b!, token, canceller);
    expect(secondHold.status).to.equal(201);
    const second = (await secondHold.json()).holdId;
    expect((await book(first)).status).to.equal(201);

    const refused = await book(second, canceller);
    expect(refused.status).to.equal(409);
    expect(await refused.json()).to.include({ type: 'urn:rantevou:problem:priority-used', detail: 'Ο σύνδεσμος προτεραιότητας χρησιμοποιήθηκε ήδη.' });
    const [row] = await sql<{ status: string; first_name: string }>(`select status, first_name from appointment where id = ?`, [second]);
    expect(row).to.deep.equal({ status: 'held', first_name: '' });
    await citizen.post(`/api/v1/public/me/appointments/${first}/cancel`);
  });

  it('lifts the minimum notice for its holder (a time must still start in the future)', async () => {
    // The host takes no minimum-notice setting from its environment, so the clock is moved instead:
    // the same query the route runs, as if asked half an hour before a free time.
    const found = (await publicQueries.storeWithQueues(system.orm.em.fork(), system.stores.athens))!;
    const queues = found.queues.filter((q) => q.mode === 'in_person');
    const [, start] = await freeStarts(system.url, system.stores.athens);
    const now = new Date(Date.parse(start!) - 30 * 60_000);
    const date = new Date(Date.parse(start!) + 3 * HOUR).toISOString().slice(0, 10);
    const rules = { minNoticeMinutes: 120, horizonDays: 60 };
    const starts = async (priority: boolean) =>
      (await publicFreeSlots(system.orm.em.fork(), { store: found.store, queues, from: date, to: date, rules, now, priority })).flatMap((d) => d.slots.map((s) => s.start));
    const ordinary = await starts(false);
    const first = await starts(true);
    expect(ordinary).to.not.include(start);
    expect(first).to.include(start);
    expect(first.every((s) => Date.parse(s) >= now.getTime())).to.equal(true);
  });

  it('refuses, with 400 on priorityToken, a token of another KEP, an expired one, one not valid yet, and garbage; nothing is held', async () => {
    const tokens = {
      otherKep: await priorityToken(system.stores.heraklion),
      expired: await priorityToken(system.stores.athens, { validFrom: new Date(Date.now() - 40 * DAY), expiresAt: new Date(Date.now() - 60_000) }),
      notYet: await priorityToken(system.stores.athens, { validFrom: new Date(Date.now() + DAY) }),
      garbage: 'not a token at all',
      unknown: newSecret(),
    };
    const [startsAt] = await freeStarts(system.url, system.stores.athens);
    const count = async () => Number((await sql<{ n: string }>(`select count(*) as n from appointment`))[0]!.n);
    const before = await count();
    for (const [name, token] of Object.entries(tokens)) {
      await expectInvalidToken(await availability(system.stores.athens, token)).catch((err: Error) => {
        throw new Error(`availability with the ${name} token: ${err.message}`);
      });
      await expectInvalidToken(await hold(startsAt!, token)).catch((err: Error) => {
        throw new Error(`hold with the ${name} token: ${err.message}`);
      });
    }
    expect(await count()).to.equal(before);
    expect(await sql(`select id from appointment where holder = ? and status = 'held'`, ['citizen-priority'])).to.deep.equal([]);
    // The other KEP's token is good at its own KEP.
    expect((await availability(system.stores.heraklion, tokens.otherKep)).status).to.equal(200);
  });

  it('leaves the token’s hash to the retention job, which clears it with the rest', async () => {
    const token = await priorityToken(system.stores.athens);
    const [startsAt] = await freeStarts(system.url, system.stores.athens);
    const { holdId } = await (await hold(startsAt!, token)).json();
    expect((await book(holdId)).status).to.equal(201);
    await sql(`update appointment set starts_at = starts_at - interval '3 years', ends_at = ends_at - interval '3 years' where id = ?`, [holdId]);
    const r = await runRetention(system.orm, new Date(), 12);
    expect(r.ran).to.equal(true);
    const [row] = await sql<{ priority_token_hash: string | null; redacted_at: string | null }>(`select priority_token_hash, redacted_at from appointment where id = ?`, [holdId]);
    expect(row!.redacted_at).to.not.equal(null);
    expect(row!.priority_token_hash).to.equal(null);
  });
});
