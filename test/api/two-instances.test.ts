/**
 * Two instances of the host (two plugins, as two machines behind a load balancer) on one PostgreSQL
 * database and one Redis (issue 14, item 5): races between them are decided by the database, the
 * attendance jobs run once, and a citizen's public rate limit and a guesser's failed device keys count
 * across both. Then their Redis
 * stops: public writes are refused, reads go through, and counting resumes when it is back.
 */
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { FAILED_KEY_LIMIT } from '../../plugin/arrivals/device-auth.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, stopProcess } from '../support/redis-server.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { instant, PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const at = (hhmm: string) => instant(TODAY, hhmm);

describe('two instances on one database and one Redis', function () {
  this.timeout(60_000);
  const clock = new TestClock();
  let redis: ChildProcess | null = null;
  let redisPort: number;
  let system: TestSystem;
  let hostB: Awaited<ReturnType<TestSystem['startAnotherHost']>>;
  let a: string;
  let b: string;
  let staff: StaffClient;
  let storeId: string;
  const booked: string[] = [];

  before(async () => {
    clock.set(PINNED);
    redisPort = await freePort();
    redis = await startRedisServer(redisPort);
    system = await startTestSystem('two_instances', {
      redisUrl: `redis://127.0.0.1:${redisPort}`,
      clock: clock.now,
      env: { ATTENDANCE_JOBS: '0', ESCALATE_AFTER_MINUTES: '15', ALERT_EMAILS: 'head@kep.example.gr', PUBLIC_WRITES_PER_MINUTE: '4' },
    });
    a = system.url;
    hostB = await system.startAnotherHost();
    b = hostB.url;
    staff = await signInAs(a, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => {
    await system?.close();
    if (redis) await stopProcess(redis);
  });

  /** A staff request to either instance with the one session (both read it from PostgreSQL). */
  const book = (base: string, startsAt: string, lastName: string) =>
    staff.browser.fetch(`${base}/api/v1/stores/${storeId}/appointments`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken },
      body: JSON.stringify({ firstName: 'Δοκιμή', lastName, startsAt }),
    });

  it('gives each slot to exactly one of many concurrent staff bookings split across both; the others answer 409 slot-taken', async () => {
    const slots = ['09:00', '09:15', '09:30'];
    const requests = slots.flatMap((slot) => [0, 1, 2, 3].map((i) => ({ slot, base: i % 2 === 0 ? a : b, name: `Αγώνας${slot.replace(':', '')}${i}` })));
    const answers = await Promise.all(requests.map(async (r) => ({ ...r, res: await book(r.base, `${TODAY}T${r.slot}`, r.name) })));
    for (const slot of slots) {
      const mine = answers.filter((x) => x.slot === slot);
      const statuses = mine.map((x) => x.res.status).sort();
      expect(statuses, slot).to.deep.equal([201, 409, 409, 409]);
      for (const lost of mine.filter((x) => x.res.status === 409)) expect((await lost.res.json()).type).to.equal('urn:rantevou:problem:slot-taken');
      booked.push((await mine.find((x) => x.res.status === 201)!.res.json()).id);
    }
    const live: { starts_at: Date; n: number }[] = await system.orm.em.fork().getConnection().execute(
      `select starts_at, count(*)::int as n from appointment where store_id = ? and status = 'booked' group by starts_at order by starts_at`,
      [storeId],
    );
    expect(live.map((r) => [new Date(r.starts_at).getTime(), r.n])).to.deep.equal(slots.map((s) => [at(s).getTime(), 1]));
  });

  it('runs an attendance job once when both instances run it at the same moment', async () => {
    expect(booked).to.have.length(3);
    clock.set(at('10:00'));
    const both = () => Promise.all([system.host.rantevou.attendance.tick(), hostB.rantevou.attendance.tick()]);
    await both();
    await both();
    const em = system.orm.em.fork();
    const flagged = await em.find(AuditEvent, { action: 'appointment.attention' });
    expect(flagged.map((e) => e.entityId).sort()).to.deep.equal([...booked].sort());
    const alerts = await em.find(OutboxMessage, { kind: 'staff.attention' });
    expect(alerts.map((m) => [m.recipient, m.aboutAppointmentId])).to.have.deep.members(booked.map((id) => ['head@kep.example.gr', id]));
  });

  it('counts a citizen’s public writes across both instances', async () => {
    const post = (base: string) => fetch(`${base}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const statuses: number[] = [];
    for (const base of [a, b, a, b]) statuses.push((await post(base)).status);
    expect(statuses, 'four writes in a minute (the limit), unsigned: 401').to.deep.equal([401, 401, 401, 401]);
    for (const base of [a, b]) {
      const limited = await post(base);
      expect(limited.status, base).to.equal(429);
      expect((await limited.json()).type).to.equal('urn:rantevou:problem:rate-limited');
    }
  });

  it(`counts a client’s failed device keys across both instances: after ${FAILED_KEY_LIMIT} in all, both answer 429`, async () => {
    const arrive = (base: string, i: number) =>
      fetch(`${base}/api/v1/stores/${storeId}/arrivals`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer guess-${i}-${'x'.repeat(30)}` },
        body: JSON.stringify({ reference: 'K7P-4MX' }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_KEY_LIMIT; i++) statuses.push((await arrive(i % 2 === 0 ? a : b, i)).status);
    expect(statuses, 'unknown keys, half on each instance').to.deep.equal(Array(FAILED_KEY_LIMIT).fill(401));
    for (const base of [a, b]) expect((await arrive(base, 99)).status, base).to.equal(429);
  });

  it('refuses public writes with 503 while their Redis is down, and lets reads through', async () => {
    await stopProcess(redis!);
    redis = null;
    for (const base of [a, b]) {
      const write = await fetch(`${base}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      expect(write.status, base).to.equal(503);
      expect(write.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = await write.json();
      expect(problem.type).to.equal('urn:rantevou:problem:rate-limit-unavailable');
      expect(problem.detail).to.match(/Δοκιμάστε ξανά σε λίγο/);
      expect((await fetch(`${base}/api/v1/public/stores`)).status, base).to.equal(200);
    }
  });

  it('counts again once Redis is back, also on an instance that started while it was down', async () => {
    const hold = (base: string) => fetch(`${base}/api/v1/public/holds`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    /** The status `base` answers once it is `wanted`, or the last one after 10 s (ioredis reconnects up to 2 s apart). */
    const once = async (base: string, wanted: number) => {
      let status = 0;
      for (let i = 0; i < 100 && status !== wanted; i++) {
        status = (await hold(base)).status;
        if (status !== wanted) await new Promise((r) => setTimeout(r, 100));
      }
      return status;
    };
    const c = (await system.startAnotherHost()).url;
    // Its limits' Redis scripts failed to load at its start: the store must load them again later.
    expect(await once(c, 503), 'the late instance while Redis is down').to.equal(503);
    redis = await startRedisServer(redisPort);
    for (const base of [a, b, c]) expect(await once(base, 401), base).to.equal(401);
  });
});
