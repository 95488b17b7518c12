/**
 * The per-process cache in front of the session store (issue 14, item 3), on the real stores: it
 * keeps the idle timeout as precise as the store alone (the store still touches a session in use,
 * at most once a touch interval), serves nothing while its revocation channel is down, and drops a
 * session another instance ended as soon as the message arrives. Redis DB 3.
 */
import type { MikroORM } from '@mikro-orm/core';
import { expect } from 'chai';
import { CachedSessionStore } from '../../plugin/auth/cached-session-store.js';
import { PostgresSessionStore } from '../../plugin/auth/postgres-session-store.js';
import { RedisSessionStore } from '../../plugin/auth/redis-session-store.js';
import type { SessionData } from '../../plugin/auth/session-data.js';
import { postgresRevocations, redisRevocations } from '../../plugin/auth/session-revocations.js';
import type { SessionLimits } from '../../plugin/auth/session-store.js';
import { openDatabase } from '../../plugin/db/orm.js';
import { createTestDatabase } from '../support/test-database.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

const SECOND = 1000;
const REDIS = 'redis://127.0.0.1:6379/3';
/** SESSION_IDLE_MINUTES=1: a touch interval of 15 s, longer than the cache's 5 s. */
const ONE_MINUTE_IDLE: SessionLimits = { idleMs: 60 * SECOND, absoluteMs: 10 * 3600 * SECOND };
const SIGNED_IN: SessionData = {
  user: { sub: 'demo-operator-a', name: 'Χειρίστρια Δοκιμής', email: null, grants: [], grantsAt: 0, csrfToken: 'x' },
};
const quiet = () => {};

/** Until `condition` holds (an event of the code under test), checking every few milliseconds. */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 10_000) throw new Error(`not within 10 s: ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('the session cache', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  const em = () => orm.em.fork();
  before(async function () {
    this.timeout(60_000);
    db = await createTestDatabase('session_cache');
    orm = await openDatabase({ url: db.url });
  });
  after(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  describe('in front of PostgreSQL, on a clock the test moves', () => {
    let now = Date.now();
    let sessions: CachedSessionStore;
    before(async () => {
      now = Date.now();
      const clock = () => now;
      sessions = await CachedSessionStore.open(new PostgresSessionStore(ONE_MINUTE_IDLE, clock), 5 * SECOND, postgresRevocations(db.url, quiet), clock);
    });
    after(() => sessions?.close());

    it('serves a session in use from the cache and still keeps it alive past the idle timeout', async () => {
      const id = await sessions.create(em(), SIGNED_IN);
      const before = { ...sessions.stats };
      const alive: boolean[] = [];
      // One request a second for three minutes: three times the idle timeout.
      for (let i = 0; i < 180; i++) {
        now += SECOND;
        alive.push((await sessions.load(em(), id)) !== null);
      }
      expect(alive.every(Boolean), 'signed in all along').to.equal(true);
      const lookups = sessions.stats.lookups - before.lookups;
      expect(lookups, 'one store read per 5 s of cache').to.be.at.most(180 / 5 + 1);
      expect(sessions.stats.hits - before.hits).to.equal(180 - lookups);
    });

    it('ends a session no sooner than the idle timeout after its last request, served from the cache or not', async () => {
      for (const pause of [1, 2, 4, 14]) {
        const id = await sessions.create(em(), SIGNED_IN);
        for (let i = 0; i < 9; i++) {
          now += pause * SECOND;
          expect(await sessions.load(em(), id), `request ${i} after ${pause} s`).to.not.equal(null);
        }
        now += 60 * SECOND - 1;
        expect(await sessions.load(em(), id), `a minute less 1 ms after the last request (every ${pause} s)`).to.not.equal(null);
        now += 76 * SECOND;
        expect(await sessions.load(em(), id), 'well past the minute and the touch interval').to.equal(null);
      }
    });

    it('never serves a session past its absolute end', async () => {
      const id = await sessions.create(em(), SIGNED_IN, 3 * SECOND);
      expect(await sessions.load(em(), id)).to.not.equal(null);
      now += 3 * SECOND;
      expect(await sessions.load(em(), id), 'at its end, with a cache of 5 s').to.equal(null);
    });
  });

  describe('in front of PostgreSQL, when its LISTEN connection is lost', () => {
    let a: CachedSessionStore;
    let b: CachedSessionStore;
    const logged: string[] = [];
    before(async () => {
      a = await CachedSessionStore.open(new PostgresSessionStore(ONE_MINUTE_IDLE), 5 * SECOND, postgresRevocations(db.url, (m) => void logged.push(m)));
      b = await CachedSessionStore.open(new PostgresSessionStore(ONE_MINUTE_IDLE), 5 * SECOND, postgresRevocations(db.url, quiet));
    });
    after(async () => {
      await a?.close();
      await b?.close();
    });

    it('turns the cache off, listens again by itself, and then hears the other instance’s sign-outs', async () => {
      const id = await a.create(em(), SIGNED_IN);
      await a.load(em(), id);
      await orm.em
        .fork()
        .getConnection()
        .execute(`select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and query = 'listen rantevou_session_ended'`);
      await until(() => logged.some((m) => m.includes('revocation channel (PostgreSQL LISTEN) lost')), 'A notices');
      await until(() => a.stats.serving && b.stats.serving, 'both listen again');
      await a.load(em(), id);
      const hits = a.stats.hits;
      expect(await a.load(em(), id)).to.not.equal(null);
      expect(a.stats.hits, 'cached again').to.equal(hits + 1);
      const applied = a.stats.revocations;
      await b.destroy(em(), id);
      await until(() => a.stats.revocations > applied, 'A applies the revocation');
      expect(await a.load(em(), id)).to.equal(null);
    });
  });

  describe('in front of Redis, with its revocation channel through a network the test cuts', () => {
    let proxy: TcpProxy;
    let a: CachedSessionStore;
    let b: CachedSessionStore;
    const logged: string[] = [];
    before(async () => {
      proxy = await startTcpProxy(6379);
      const viaProxy = `redis://127.0.0.1:${proxy.port}/3`;
      a = await CachedSessionStore.open(await RedisSessionStore.open(REDIS, ONE_MINUTE_IDLE, quiet), 5 * SECOND, redisRevocations(viaProxy, (m) => void logged.push(m)));
      b = await CachedSessionStore.open(await RedisSessionStore.open(REDIS, ONE_MINUTE_IDLE, quiet), 5 * SECOND, redisRevocations(REDIS, quiet));
    });
    after(async () => {
      await a?.close();
      await b?.close();
      await proxy?.close();
    });

    it('drops a session another instance ended when the message arrives', async () => {
      const id = await a.create(em(), SIGNED_IN);
      expect(await a.load(em(), id)).to.not.equal(null);
      const hits = a.stats.hits;
      expect(await a.load(em(), id)).to.not.equal(null);
      expect(a.stats.hits, 'the second read is a cache hit').to.equal(hits + 1);
      const applied = a.stats.revocations;
      await b.destroy(em(), id);
      await until(() => a.stats.revocations > applied, 'A applies the revocation');
      expect(await a.load(em(), id), 'signed out on B: refused on A').to.equal(null);
    });

    it('reads every request from the store while the channel is down, and caches again once it is back', async () => {
      const id = await a.create(em(), SIGNED_IN);
      expect(await a.load(em(), id)).to.not.equal(null);
      await proxy.cut();
      await until(() => !a.stats.serving, 'A notices its channel is gone');
      expect(logged.some((m) => m.includes('revocation channel (Redis) lost')), 'said once to the operator').to.equal(true);
      const lookups = a.stats.lookups;
      for (let i = 0; i < 3; i++) expect(await a.load(em(), id)).to.not.equal(null);
      expect(a.stats.lookups - lookups, 'each a store read').to.equal(3);

      // Ended on B while A cannot hear it: A still refuses it at once, since it asks the store.
      await b.destroy(em(), id);
      expect(await a.load(em(), id)).to.equal(null);

      await proxy.restore();
      await until(() => a.stats.serving, 'A subscribed again');
      const again = await a.create(em(), SIGNED_IN);
      await a.load(em(), again);
      const hits = a.stats.hits;
      await a.load(em(), again);
      expect(a.stats.hits).to.equal(hits + 1);
    });
  });
});
