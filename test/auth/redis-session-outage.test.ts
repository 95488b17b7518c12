/**
 * Sessions in a Redis of the test's own, which the test stops: every request that needs a session
 * then fails closed with a 503 problem (never a 500, never access), and when Redis comes back empty
 * the old cookie is simply not signed in.
 */
import type { ChildProcess } from 'node:child_process';
import { expect } from 'chai';
import { Browser } from '../support/browser.js';
import { freePort } from '../support/free-port.js';
import { startRedisServer, stopProcess } from '../support/redis-server.js';
import { callbackFor } from './support/oidc-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('sessions in Redis while Redis is down', () => {
  let system: SsoSystem;
  let redis: ChildProcess | null = null;
  let port: number;
  const logged: string[] = [];

  before(async () => {
    port = await freePort();
    redis = await startRedisServer(port);
    system = await startSsoSystem('redis_session_outage', {
      sessions: { store: 'redis', redisUrl: `redis://127.0.0.1:${port}` },
      log: (message) => void logged.push(message),
    });
  });
  after(async () => {
    await system?.close();
    if (redis) await stopProcess(redis);
  });

  /** Redis answering (started if it was not, and the plugin reconnected to it). */
  async function redisUp(): Promise<void> {
    redis ??= await startRedisServer(port);
    for (let i = 0; i < 100; i++) {
      // ioredis reconnects on its own schedule, each connection on its own: a sign-in start answers 302
      // once the store's has, and a sign-in is announced on the revocation channel once that one has too
      // (until then a sign-in's end answers 503, as while Redis is down).
      const started = (await fetch(`${system.url}/auth/login?returnTo=%2F`, { redirect: 'manual' })).status === 302;
      if (started && system.rantevou.sessionCache.serving) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('the plugin did not reconnect to Redis');
  }

  /** Redis gone at once, as in a crash; without persistence it comes back empty. */
  async function redisDown(): Promise<void> {
    if (redis) await stopProcess(redis, 'SIGKILL');
    redis = null;
  }

  async function signIn(): Promise<{ browser: Browser; sid: string }> {
    const browser = new Browser();
    const { callback } = await callbackFor(browser, system.url, 'demo-operator-a');
    const res = await browser.fetch(callback);
    expect(res.status).to.equal(303);
    const sid = res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean)!;
    return { browser, sid };
  }

  const withCookie = (sid: string, init: RequestInit = {}) => ({ ...init, headers: { ...init.headers, cookie: `rantevou_sid=${sid}` }, redirect: 'manual' as const });

  async function expectUnavailable(res: Response) {
    expect(res.status).to.equal(503);
    expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    const problem = (await res.json()) as { type: string; detail: string };
    expect(problem.type).to.equal('urn:rantevou:problem:session-store-unavailable');
    expect(problem.detail).to.include('συνεδριών');
    expect(JSON.stringify(problem), 'nothing of the person leaks').to.not.include('demo-operator-a');
  }

  it('answers 503 to a signed-in person’s requests, reads and writes alike, and grants nothing', async () => {
    await redisUp();
    const { sid } = await signIn();
    const me = (await (await fetch(`${system.url}/api/v1/me`, withCookie(sid))).json()) as { csrfToken: string; stores: { id: string }[] };
    const reportsBefore = logged.filter((m) => m.includes('session store (Redis) unreachable')).length;
    await redisDown();

    await expectUnavailable(await fetch(`${system.url}/api/v1/me`, withCookie(sid)));
    await expectUnavailable(await fetch(`${system.url}/api/v1/stores/${me.stores[0]!.id}/appointments?date=2026-12-01`, withCookie(sid)));
    const write = await fetch(
      `${system.url}/api/v1/stores/${me.stores[0]!.id}/appointments`,
      withCookie(sid, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, origin: system.url },
        body: JSON.stringify({ firstName: 'Ελένη', lastName: 'Σταματοπούλου', startsAt: '2026-12-01T09:30' }),
      }),
    );
    await expectUnavailable(write);
    const reports = logged.filter((m) => m.includes('session store (Redis) unreachable')).length;
    expect(reports - reportsBefore, 'the outage is reported to the operator, once').to.equal(1);
  });

  it('says so at /healthz (503) while Redis is down, and ok once it is back', async () => {
    await redisUp();
    expect((await fetch(`${system.url}/healthz`)).status).to.equal(200);
    await redisDown();
    const down = await fetch(`${system.url}/healthz`);
    expect([down.status, await down.json()]).to.deep.equal([503, { status: 'session store unavailable' }]);
    await redisUp();
    const back = await fetch(`${system.url}/healthz`);
    expect([back.status, await back.json()]).to.deep.equal([200, { status: 'ok' }]);
  });

  it('answers 503 within seconds when Redis hangs instead of refusing connections', async () => {
    await redisUp();
    const { sid } = await signIn();
    redis!.kill('SIGSTOP');
    try {
      // Without a command timeout this would wait for Redis for ever (and the test time out).
      await expectUnavailable(await fetch(`${system.url}/api/v1/me`, withCookie(sid)));
    } finally {
      redis!.kill('SIGCONT');
    }
  });

  it('refuses to start a sign-in it could not finish (503, no cookie)', async () => {
    await redisDown();
    const res = await fetch(`${system.url}/auth/login?returnTo=%2F`, { redirect: 'manual' });
    await expectUnavailable(res);
    expect(res.headers.getSetCookie(), 'no cookie handed out').to.deep.equal([]);

    const page = await fetch(`${system.url}/auth/login?returnTo=%2F`, { redirect: 'manual', headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' } });
    expect([page.status, page.headers.get('content-type'), page.headers.get('retry-after')]).to.deep.equal([503, 'text/html; charset=utf-8', '5']);
    const html = await page.text();
    expect(html, 'a person following the sign-in link reads a page').to.include('Η υπηρεσία συνεδριών δεν απαντά').and.include('href="/auth/login?returnTo=%2F"');
  });

  it('signs nobody in with an old cookie when Redis comes back empty, and works again', async () => {
    await redisUp();
    const before = await signIn();
    await redisDown();
    await redisUp();
    expect((await fetch(`${system.url}/api/v1/me`, withCookie(before.sid))).status).to.equal(401);
    const fresh = await signIn();
    expect((await fetch(`${system.url}/api/v1/me`, withCookie(fresh.sid))).status).to.equal(200);
  });
});
