/**
 * Staff sessions in Redis (`SESSION_STORE=redis`), through the reference host and real HTTP: only
 * the SHA-256 of the cookie names a key, the key expires with the session (idle, capped by the
 * absolute timeout), logout ends it server-side, and sign-in always issues a new id. Redis DB 3.
 */
import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { createRantevou, createStaticFileRoleSource, RantevouConfigError, type RantevouOptions } from '../../plugin/index.js';
import { Browser } from '../support/browser.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { callbackFor } from './support/oidc-client.js';
import { afterRevocations, SESSION_ENDED_CHANNEL } from './support/session-changes.js';

const MINUTE = 60_000;
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Stored session fields the tests move back in time. */
interface Stored {
  data: { user?: { sub: string; grantsAt: number } };
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

describe('staff sessions kept in Redis', () => {
  let system: TestSystem;
  let redis: Redis;

  before(async () => {
    system = await startTestSystem('redis_sessions', { redisDb: 3, env: { SESSION_STORE: 'redis' } });
    redis = new Redis(system.redisUrl);
  });
  after(async () => {
    if (redis) {
      const keys = [...(await redis.keys('rantevou:session:*')), ...(await redis.keys('rantevou:saml:*'))];
      if (keys.length) await redis.del(...keys);
      redis.disconnect();
    }
    await system?.close();
  });

  /** Signs in through the OIDC flow; returns the browser, the cookie it got, and the cookie it had before. */
  async function signIn(account = 'demo-operator-a') {
    const browser = new Browser();
    const { callback, pendingCookie } = await callbackFor(browser, system.url, account);
    const res = await browser.fetch(callback);
    expect(res.status, 'back from the identity provider').to.equal(303);
    const sid = res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
    expect(sid, 'a session cookie').to.be.a('string');
    return { browser, sid: sid!, pendingCookie, key: `rantevou:session:${sha256(sid!)}` };
  }

  const me = (sid: string) => fetch(`${system.url}/api/v1/me`, { headers: { cookie: `rantevou_sid=${sid}` } });

  async function stored(key: string): Promise<Stored> {
    const raw = await redis.get(key);
    expect(raw, `${key} exists`).to.be.a('string');
    return JSON.parse(raw!) as Stored;
  }

  /** Rewrites a stored session as if time had passed, leaving its key's TTL alone. */
  /** Changes a stored session by hand and, as an operator must, announces it to the session caches. */
  async function age(key: string, change: (s: Stored) => void): Promise<void> {
    const s = await stored(key);
    change(s);
    await redis.call('SET', key, JSON.stringify(s), 'KEEPTTL', 'XX');
    await afterRevocations(system.host.rantevou, () => redis.publish(SESSION_ENDED_CHANNEL, key.slice('rantevou:session:'.length)));
  }

  it('stores the session in Redis under the hash of the cookie, never the cookie, and nothing in staff_session', async () => {
    const { sid, key } = await signIn();
    expect(await redis.exists(key)).to.equal(1);
    expect(await redis.exists(`rantevou:session:${sid}`)).to.equal(0);
    const everything = await redis.keys('*');
    expect(everything.filter((k) => k.includes(sid)), 'no key names the cookie').to.deep.equal([]);
    const raw = (await redis.get(key))!;
    expect(raw, 'the value holds no cookie either').to.not.include(sid);
    expect((JSON.parse(raw) as Stored).data.user?.sub).to.equal('demo-operator-a');
    const [{ count }] = await system.orm.em.fork().getConnection().execute<{ count: string }[]>('select count(*)::text as count from staff_session');
    expect(count, 'PostgreSQL holds no session').to.equal('0');
  });

  it('serves the API from that session', async () => {
    const { sid } = await signIn('demo-admin-a');
    const res = await me(sid);
    expect(res.status).to.equal(200);
    const body = (await res.json()) as { user: { sub: string }; stores: { id: string }[] };
    expect(body.user.sub).to.equal('demo-admin-a');
    const list = await fetch(`${system.url}/api/v1/stores/${body.stores[0]!.id}/appointments?date=2026-12-01`, { headers: { cookie: `rantevou_sid=${sid}` } });
    expect(list.status).to.equal(200);
  });

  it('issues a new session id at sign-in: the cookie from before is worthless (fixation)', async () => {
    const { sid, pendingCookie } = await signIn();
    expect(pendingCookie).to.be.a('string').and.not.equal(sid);
    expect(await redis.exists(`rantevou:session:${sha256(pendingCookie)}`), 'the sign-in in progress is spent').to.equal(0);
    expect((await me(pendingCookie)).status).to.equal(401);
    expect((await me(sid)).status).to.equal(200);
  });

  it('writes refreshed roles back to the Redis session without extending it', async () => {
    const { sid, key } = await signIn('demo-admin-a');
    await age(key, (s) => (s.data.user!.grantsAt = 0));
    const ttl = await redis.pttl(key);
    expect((await me(sid)).status).to.equal(200);
    expect((await stored(key)).data.user!.grantsAt, 'asked the RoleSource again and kept the answer').to.be.above(Date.now() - MINUTE);
    expect(await redis.pttl(key), 'the timeouts stay as they were').to.be.at.most(ttl);
  });

  it('ends the session in Redis at logout: the old cookie answers 401', async () => {
    const { browser, sid, key } = await signIn();
    const out = await browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url } });
    expect(out.status).to.equal(303);
    expect(await redis.exists(key)).to.equal(0);
    expect((await me(sid)).status, 'a copied cookie after logout').to.equal(401);
  });

  it('lets the key expire after the idle timeout, and pushes it back at most once a minute', async () => {
    const { sid, key } = await signIn();
    const ttl = await redis.pttl(key);
    expect(ttl, 'expires 30 minutes idle, plus the touch interval of a minute').to.be.within(30 * MINUTE, 31 * MINUTE);
    const before = await stored(key);
    expect((await me(sid)).status).to.equal(200);
    expect((await stored(key)).lastSeenAt, 'used within the minute: not rewritten').to.equal(before.lastSeenAt);

    await age(key, (s) => (s.lastSeenAt -= 2 * MINUTE));
    await redis.pexpire(key, 28 * MINUTE);
    expect((await me(sid)).status).to.equal(200);
    expect(await redis.pttl(key), 'pushed back to 30 minutes (and the touch interval) from now').to.be.above(30 * MINUTE);
  });

  it('ends a session idle for longer than the timeout, even if its key were still there', async () => {
    const { sid, key } = await signIn();
    await age(key, (s) => (s.lastSeenAt -= 31 * MINUTE));
    expect((await me(sid)).status).to.equal(401);
    expect(await redis.exists(key), 'removed').to.equal(0);
  });

  it('ends a session at the absolute timeout however much it is used', async () => {
    const { sid, key } = await signIn();
    // Ten hours less five minutes ago, last used two minutes ago: use now cannot buy 30 more minutes.
    await age(key, (s) => {
      s.createdAt -= 10 * 60 * MINUTE - 5 * MINUTE;
      s.lastSeenAt -= 2 * MINUTE;
    });
    expect((await me(sid)).status).to.equal(200);
    expect(await redis.pttl(key), 'capped at the absolute end').to.be.within(4 * MINUTE, 5 * MINUTE);

    await age(key, (s) => (s.createdAt -= 6 * MINUTE));
    expect((await me(sid)).status).to.equal(401);
    expect(await redis.exists(key)).to.equal(0);
  });
});

describe('configuring the session store', () => {
  const base: RantevouOptions = {
    mode: 'production',
    database: { url: 'postgresql://postgres@127.0.0.1:5432/never-opened' },
    oidc: { issuer: 'https://sso.example.gov.gr', clientId: 'rantevou', clientSecret: 'secret' },
    roleSource: createStaticFileRoleSource('examples/demo-roles.json'),
    email: { redisUrl: 'redis://127.0.0.1:6379/3' },
  };

  async function refusal(options: Partial<RantevouOptions>): Promise<string> {
    const err = await createRantevou({ ...base, ...options }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).to.be.instanceOf(RantevouConfigError);
    return (err as RantevouConfigError).message;
  }

  it('refuses Redis sessions without a Redis URL, before opening anything', async () => {
    expect(await refusal({ sessions: { store: 'redis' } })).to.match(/^RANTEVOU_BAD_OPTIONS: sessions\.redisUrl: store "redis" needs redisUrl/);
  });

  it('refuses an idle timeout longer than the absolute one', async () => {
    expect(await refusal({ sessions: { idleMinutes: 180, absoluteHours: 2 } })).to.include('sessions.idleMinutes');
  });
});
