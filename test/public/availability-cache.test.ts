/**
 * The public availability answers from a per-queue-and-day cache (issue 14, item 4): every write
 * of a queue invalidates its days before it answers, on every instance sharing Redis; a burst of
 * identical requests computes once; a hold that lapses frees its time with nobody writing; and
 * without Redis availability is still answered, computed.
 */
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { Queue } from '../../plugin/db/queue.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { availabilityComputations } from '../../plugin/public/availability-cache.js';
import { issueCitizenToken } from '../../plugin/public/citizen-auth.js';
import { send } from '../queues/send.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, stopProcess } from '../support/redis-server.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { TEST_DATABASE } from '../support/test-database.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { CitizenClient, GOVGR_ORIGIN } from './public-system.js';

type Answer = { days: { date: string; slots: { startsAt: string }[] }[] };

const ENV = {
  ATTENDANCE_JOBS: '0',
  PUBLIC_ORIGINS: GOVGR_ORIGIN,
  PUBLIC_READS_PER_MINUTE: '100000',
  PUBLIC_WRITES_PER_MINUTE: '100000',
  PUBLIC_MAX_FUTURE_PER_CITIZEN: '100',
};

/** The free public starts of a KEP on the days [from, to], as one instance answers them (anonymous unless `token`). */
async function starts(base: string, storeId: string, from: string, to = from, token?: string): Promise<string[]> {
  const res = await fetch(`${base}/api/v1/public/stores/${storeId}/availability?from=${from}&to=${to}&mode=in_person`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
  expect(res.status, await res.clone().text()).to.equal(200);
  return ((await res.json()) as Answer).days.flatMap((d) => d.slots.map((s) => s.startsAt));
}

/** The demo KEP of Athens, and a procedure it offers. */
async function publicStore(system: TestSystem): Promise<{ storeId: string; procedureId: string }> {
  const store = await system.orm.em.fork().findOneOrFail(Store, { code: 'KEP-ATH-0101' });
  const [procedure] = (await (await fetch(`${system.url}/api/v1/public/stores/${store.id}/procedures`)).json()) as { id: string }[];
  return { storeId: store.id, procedureId: procedure!.id };
}

async function citizen(system: TestSystem, base: string, sub: string): Promise<CitizenClient> {
  const { token } = await issueCitizenToken(system.orm, { sub, name: 'Δοκιμαστικός Πολίτης', email: `${sub}@citizen.example.gr` }, 120);
  return new CitizenClient(base, token);
}

describe(`the public availability cache (on ${TEST_DATABASE})`, function () {
  this.timeout(60_000);
  const clock = new TestClock();
  let system: TestSystem;
  let storeId: string;
  let procedureId: string;

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('availability_cache', { redisDb: 11, clock: clock.now, env: ENV });
    ({ storeId, procedureId } = await publicStore(system));
  });
  after(async () => system?.close());

  it('answers a burst of 50 identical requests with one computation', async () => {
    const before = availabilityComputations.count;
    const answers = await Promise.all(Array.from({ length: 50 }, () => starts(system.url, storeId, day(2), day(4))));
    expect(availabilityComputations.count - before).to.equal(1);
    expect(answers[0]).to.not.be.empty;
    for (const a of answers) expect(a).to.deep.equal(answers[0]);
    // And the next one is answered from the cache too.
    await starts(system.url, storeId, day(2), day(4));
    expect(availabilityComputations.count - before).to.equal(1);
  });

  it('frees the time of a hold that lapses, with nobody writing; meanwhile its holder sees it free and others do not', async () => {
    clock.set(PINNED);
    const [first] = await starts(system.url, storeId, day(5));
    const anna = await citizen(system, system.url, 'citizen-cache-anna');
    const held = await anna.post('/api/v1/public/holds', { storeId, startsAt: first, mode: 'in_person', procedureId });
    expect(held.status, await held.clone().text()).to.equal(201);
    const { expiresAt } = (await held.json()) as { expiresAt: string };
    expect(await starts(system.url, storeId, day(5))).to.not.include(first);
    expect(await starts(system.url, storeId, day(5), day(5), anna.token), 'the holder, back at the time step').to.include(first);
    expect(await starts(system.url, storeId, day(5))).to.not.include(first);

    clock.set(new Date(Date.parse(expiresAt) + 1000));
    expect(await starts(system.url, storeId, day(5))).to.include(first);
  });

  it('filters the minimum notice with the clock of each request, not of the computation', async () => {
    clock.set(PINNED);
    const all = await starts(system.url, storeId, day(1));
    expect(all).to.not.be.empty;
    const before = availabilityComputations.count;
    // Two hours of notice: at the day's first start less two hours it is offered, a minute later not.
    clock.set(new Date(Date.parse(all[0]!) - 120 * 60_000));
    expect((await starts(system.url, storeId, day(1)))[0]).to.equal(all[0]);
    clock.set(new Date(Date.parse(all[0]!) - 119 * 60_000));
    expect(await starts(system.url, storeId, day(1))).to.deep.equal(all.slice(1));
    expect(availabilityComputations.count - before, 'both from the entry computed at the first answer').to.equal(0);
    clock.set(PINNED);
  });
});

describe('the public availability cache on two instances sharing Redis and PostgreSQL', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  let system: TestSystem;
  let a: string;
  let b: string;
  let storeId: string;
  let procedureId: string;

  before(async function () {
    // One PGlite belongs to one process: two instances need PostgreSQL.
    if (TEST_DATABASE === 'pglite') this.skip();
    clock.set(PINNED);
    system = await startTestSystem('availability_two', { redisDb: 12, clock: clock.now, env: ENV });
    a = system.url;
    b = (await system.startAnotherHost()).url;
    ({ storeId, procedureId } = await publicStore(system));
  });
  after(async () => system?.close());

  it('shows a booking made on one, a cancellation made on the other, a closure and new hours in the next answer of both', async () => {
    const date = day(3);
    const before = availabilityComputations.count;
    const [first] = await starts(a, storeId, date);
    expect(await starts(b, storeId, date)).to.include(first);
    expect(availabilityComputations.count - before, 'B answered from the entry A computed, through Redis').to.equal(1);

    const onA = await citizen(system, a, 'citizen-cache-two');
    const { booked } = await onA.holdAndBook({ storeId, startsAt: first, mode: 'in_person', procedureId });
    expect(booked?.status).to.equal(201);
    const { id } = (await booked!.json()) as { id: string };
    expect(await starts(a, storeId, date), 'booked, on A').to.not.include(first);
    expect(await starts(b, storeId, date), 'booked, on B').to.not.include(first);

    const onB = new CitizenClient(b, onA.token);
    expect((await onB.post(`/api/v1/public/me/appointments/${id}/cancel`)).status).to.equal(200);
    // The cancelled time cools down before the public sees it: by the clock, with nobody writing.
    clock.set(new Date(PINNED.getTime() + 11 * 60_000));
    expect(await starts(a, storeId, date), 'cancelled, on A').to.include(first);
    expect(await starts(b, storeId, date), 'cancelled, on B').to.include(first);

    const admin = await signInAs(a, 'demo-admin-a');
    const closed = await admin.post(`/api/v1/stores/${storeId}/exceptions`, { startDate: date, endDate: date, reason: 'Απολύμανση χώρων' });
    expect(closed.status, await closed.clone().text()).to.equal(201);
    expect(await starts(a, storeId, date), 'closed, on A').to.deep.equal([]);
    expect(await starts(b, storeId, date), 'closed, on B').to.deep.equal([]);

    const step = async (base: string) => {
      const [x, y] = await starts(base, storeId, day(6));
      return (Date.parse(y!) - Date.parse(x!)) / 60_000;
    };
    expect([await step(a), await step(b)]).to.deep.equal([15, 15]);
    const queue = await system.orm.em.fork().findOneOrFail(Queue, { store: storeId, isDefault: true });
    const changed = await send(system, admin, 'PATCH', `/api/v1/stores/${storeId}/queues/${queue.id}`, { slotMinutes: 30 });
    expect(changed.status, await changed.clone().text()).to.equal(200);
    expect([await step(a), await step(b)], 'half-hour slots, on A and on B').to.deep.equal([30, 30]);
  });
});

describe('the public availability while its Redis is down', function () {
  this.timeout(60_000);
  let redis: ChildProcess | null = null;
  let system: TestSystem;
  let storeId: string;

  before(async () => {
    const port = await freePort();
    redis = await startRedisServer(port);
    system = await startTestSystem('availability_no_redis', { redisUrl: `redis://127.0.0.1:${port}`, env: ENV });
    ({ storeId } = await publicStore(system));
  });
  after(async () => {
    await system?.close();
    if (redis) await stopProcess(redis);
  });

  it('is still answered, computed without the cache, with the same times', async () => {
    const cached = await starts(system.url, storeId, day(2), day(3));
    expect(cached).to.not.be.empty;
    await stopProcess(redis!);
    redis = null;
    const before = availabilityComputations.count;
    expect(await starts(system.url, storeId, day(2), day(3))).to.deep.equal(cached);
    expect(availabilityComputations.count - before).to.equal(1);
  });
});
