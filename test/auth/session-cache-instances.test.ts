/**
 * Two plugin instances on one database (and one Redis), as behind a load balancer: each serves a
 * signed-in person mostly from its session cache, and a sign-out on one is refused on the other at
 * the next request — the only wait being the revocation message's delivery, which the test waits
 * for as an event. Sessions in PostgreSQL (LISTEN/NOTIFY) and in Redis (pub/sub, DB 3).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { createRantevou, createStaticFileRoleSource, type Rantevou, type RantevouOptions } from '../../plugin/index.js';
import { Browser } from '../support/browser.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { callbackFor } from './support/oidc-client.js';
import { afterRevocations } from './support/session-changes.js';

const N = 20;

/** Another instance of the plugin on the system's database and Redis, in a host of its own. */
async function secondInstance(system: TestSystem, sessions: RantevouOptions['sessions']): Promise<{ url: string; rantevou: Rantevou; close(): Promise<void> }> {
  const rantevou = await createRantevou({
    mode: 'production',
    database: { url: system.databaseUrl },
    // Sign-in happens on the first instance; this one only needs to be configured like it.
    oidc: { issuer: 'https://sso.invalid/idp', clientId: 'rantevou-test', clientSecret: 'unused-on-this-instance' },
    roleSource: createStaticFileRoleSource('examples/demo-roles.json'),
    email: { redisUrl: system.redisUrl },
    sessions,
    attendance: { runJobs: false },
    log: () => {},
  });
  const app = express().use(rantevou.router);
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    rantevou,
    async close() {
      await rantevou.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

for (const store of ['postgres', 'redis'] as const) {
  describe(`two instances with their session caches (sessions in ${store})`, () => {
    let system: TestSystem;
    let b: Awaited<ReturnType<typeof secondInstance>>;

    before(async function () {
      this.timeout(60_000);
      system = await startTestSystem(`session_cache_${store}`, { redisDb: 3, env: { SESSION_STORE: store } });
      b = await secondInstance(system, store === 'redis' ? { store, redisUrl: system.redisUrl } : {});
    });
    after(async () => {
      await b?.close();
      await system?.close();
    });

    async function signIn(): Promise<{ browser: Browser; sid: string }> {
      const browser = new Browser();
      const { callback } = await callbackFor(browser, system.url, 'demo-operator-a');
      const res = await browser.fetch(callback);
      expect(res.status, 'back from the identity provider').to.equal(303);
      const sid = res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
      expect(sid, 'a session cookie').to.be.a('string');
      return { browser, sid: sid! };
    }
    const me = (url: string, sid: string) => fetch(`${url}/api/v1/me`, { headers: { cookie: `rantevou_sid=${sid}` } });

    it(`serves ${N} authenticated GETs on each instance with at most one session read each`, async () => {
      const { sid } = await signIn();
      for (const [name, url, rantevou] of [['A', system.url, system.host.rantevou], ['B', b.url, b.rantevou]] as const) {
        const before = { ...rantevou.sessionCache };
        for (let i = 0; i < N; i++) expect((await me(url, sid)).status, `GET ${i} on ${name}`).to.equal(200);
        const lookups = rantevou.sessionCache.lookups - before.lookups;
        expect(lookups, `store reads on ${name}`).to.be.at.most(1);
        expect(rantevou.sessionCache.hits - before.hits, `cache hits on ${name}`).to.equal(N - lookups);
      }
    });

    it('refuses on B the very next request after a sign-out on A', async () => {
      const { browser, sid } = await signIn();
      expect((await me(b.url, sid)).status).to.equal(200);
      expect((await me(b.url, sid)).status, 'from B’s cache').to.equal(200);
      await afterRevocations(b.rantevou, async () => {
        const out = await browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url } });
        expect(out.status, '«Αποσύνδεση» on A').to.equal(303);
      });
      expect((await me(b.url, sid)).status, 'on B').to.equal(401);
      expect((await me(system.url, sid)).status, 'on A').to.equal(401);
    });

    if (store === 'postgres') {
      it(`reads the store on every one of ${N} GETs with the cache off (cacheSeconds: 0)`, async () => {
        const uncached = await secondInstance(system, { cacheSeconds: 0 });
        try {
          const { sid } = await signIn();
          const before = uncached.rantevou.sessionCache.lookups;
          for (let i = 0; i < N; i++) expect((await me(uncached.url, sid)).status).to.equal(200);
          expect(uncached.rantevou.sessionCache.lookups - before).to.equal(N);
          expect(uncached.rantevou.sessionCache.hits).to.equal(0);
        } finally {
          await uncached.close();
        }
      });
    }
  });
}
