/**
 * The idle timeout is precise (issue 13, item 6): a session in use is never ended sooner than the idle
 * timeout after its last request, however the touch is throttled, in both session stores. Each store
 * runs on a clock the test moves.
 */
import type { MikroORM } from '@mikro-orm/core';
import { expect } from 'chai';
import { PostgresSessionStore } from '../../plugin/auth/postgres-session-store.js';
import { RedisSessionStore } from '../../plugin/auth/redis-session-store.js';
import type { SessionData } from '../../plugin/auth/session-data.js';
import { touchIntervalMs, type SessionLimits, type SessionStore } from '../../plugin/auth/session-store.js';
import { openDatabase } from '../../plugin/db/orm.js';
import { createTestDatabase } from '../support/test-database.js';

const SECOND = 1000;
/** SESSION_IDLE_MINUTES=1. */
const ONE_MINUTE_IDLE: SessionLimits = { idleMs: 60 * SECOND, absoluteMs: 10 * 3600 * SECOND };
const SIGNED_IN: SessionData = {
  user: { sub: 'demo-operator-a', name: 'Χειρίστρια Δοκιμής', email: null, grants: [], grantsAt: 0, csrfToken: 'x' },
};

describe('the idle timeout', () => {
  it('pushes a session back at most once a minute, and at least every quarter of the idle timeout', () => {
    expect(touchIntervalMs({ idleMs: 30 * 60 * SECOND, absoluteMs: 0 })).to.equal(60 * SECOND);
    expect(touchIntervalMs(ONE_MINUTE_IDLE)).to.equal(15 * SECOND);
  });

  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  before(async function () {
    this.timeout(60_000);
    db = await createTestDatabase('idle_timeout');
    orm = await openDatabase({ url: db.url });
  });
  after(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  const stores: [string, (clock: () => number) => Promise<SessionStore>][] = [
    ['PostgreSQL', async (clock) => new PostgresSessionStore(ONE_MINUTE_IDLE, clock)],
    ['Redis', (clock) => RedisSessionStore.open('redis://127.0.0.1:6379/3', ONE_MINUTE_IDLE, () => {}, clock)],
  ];

  for (const [name, open] of stores) {
    describe(`of sessions in ${name}, set to one minute`, () => {
      let now = Date.now();
      let store: SessionStore;
      const ids: string[] = [];
      const em = () => orm.em.fork();
      const later = (ms: number) => (now += ms);
      const signIn = async () => {
        const id = await store.create(em(), SIGNED_IN);
        ids.push(id);
        return id;
      };
      const request = async (id: string) => (await store.load(em(), id)) !== null;

      before(async () => {
        // From the real time when the tests run, not when the file was loaded: Redis expires a key at
        // an instant (PXAT) by its own clock, so a test clock minutes behind would expire it at once.
        now = Date.now();
        store = await open(() => now);
      });
      after(async () => {
        for (const id of ids) await store.destroy(em(), id);
        await store.close();
      });

      it('keeps signed in someone active every 20 seconds, past the minute', async () => {
        const id = await signIn();
        const answers: boolean[] = [];
        for (let i = 0; i < 9; i++) {
          later(20 * SECOND);
          answers.push(await request(id));
        }
        expect(answers, 'requests at 20, 40, … 180 s').to.deep.equal(Array(9).fill(true));
      });

      it('ends a session no sooner than a minute after its last request, and at most a touch interval later', async () => {
        const id = await signIn();
        later(10 * SECOND);
        expect(await request(id), 'a request inside the touch interval (not written)').to.equal(true);
        later(60 * SECOND - 1);
        expect(await request(id), 'just under a minute after the last request').to.equal(true);
        later(60 * SECOND + touchIntervalMs(ONE_MINUTE_IDLE));
        expect(await request(id), 'the idle minute and one touch interval after the last request').to.equal(false);
      });
    });
  }
});
