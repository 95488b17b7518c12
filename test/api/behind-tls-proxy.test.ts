/**
 * The host behind a TLS-terminating proxy (issue 13, item 1): each way of writing TRUST_PROXY that
 * Express understands makes the plugin see https and the citizen's address; anything else stops the
 * host at start with a coded error and exit code 2.
 */
import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express from 'express';
import { seedDemoData } from '../../examples/demo-data.js';
import { createDemoIdp, loadDemoAccounts } from '../../examples/demo-idp/demo-idp.js';
import { startHost } from '../../examples/server.js';
import { parseTrustProxy, RantevouConfigError } from '../../plugin/index.js';
import { SESSION_COOKIE } from '../../plugin/auth/staff-session.middleware.js';
import { chooseAccount, formAction } from '../support/staff-client.js';
import { createTestDatabase } from '../support/test-database.js';
import { CLIENT_ADDRESS_HEADER, startTlsProxy, TlsTerminatedBrowser, type TlsProxy } from '../support/tls-proxy.js';

const CLIENT = { client_id: 'rantevou-proxy-test', client_secret: 'proxy-test-secret-0123456789-abcdefghij' };

describe('TRUST_PROXY as Express means it', () => {
  it('reads hop counts, booleans, range names and lists of addresses and CIDR blocks', () => {
    expect(parseTrustProxy(undefined)).to.equal(undefined);
    expect(parseTrustProxy('  ')).to.equal(undefined);
    expect(parseTrustProxy('1')).to.equal(1);
    expect(parseTrustProxy('0')).to.equal(0);
    expect(parseTrustProxy('true')).to.equal(true);
    expect(parseTrustProxy('false')).to.equal(false);
    expect(parseTrustProxy('loopback')).to.deep.equal(['loopback']);
    expect(parseTrustProxy('loopback, linklocal,uniquelocal')).to.deep.equal(['loopback', 'linklocal', 'uniquelocal']);
    expect(parseTrustProxy('10.0.0.1, 10.1.0.0/16, fd00::/8, ::1, 192.168.0.0/255.255.0.0')).to.deep.equal([
      '10.0.0.1',
      '10.1.0.0/16',
      'fd00::/8',
      '::1',
      '192.168.0.0/255.255.0.0',
    ]);
  });

  it('refuses anything else with a coded error naming what it did not understand', () => {
    for (const bad of ['yes', 'TRUE', '1.5', '-1', 'loopback,', '10.0.0.0/33', '::1/129', '10.0.0.0/255.0.255.0', 'fd00::/ffff::', '10.0.0.256', 'proxy.example.gr']) {
      expect(() => parseTrustProxy(bad), bad).to.throw(RantevouConfigError, /^trust-proxy: TRUST_PROXY=/);
    }
    expect(() => parseTrustProxy('loopback, 10.0.0.0/40')).to.throw(/not understood: "10\.0\.0\.0\/40"/);
  });

  it('stops the host before it listens, with exit code 2 and the message', async function () {
    this.timeout(20_000);
    const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server.ts'], {
      env: { ...process.env, PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/none', TRUST_PROXY: 'yes' },
      stdio: ['ignore', 'ignore', 'pipe'],
      cwd: new URL('../..', import.meta.url),
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(stderr).to.include('Cannot start: trust-proxy: TRUST_PROXY="yes" is not a trust-proxy setting');
    expect(code).to.equal(2);
  });
});

describe('the host behind a TLS-terminating proxy', function () {
  this.timeout(60_000);
  let db: Awaited<ReturnType<typeof createTestDatabase>>;

  before(async () => {
    db = await createTestDatabase('behind_proxy');
  });
  after(async () => db?.drop());

  for (const [n, trustProxy] of ['1', 'true', 'loopback, uniquelocal', '127.0.0.0/8,::1'].entries()) {
    describe(`with TRUST_PROXY=${trustProxy}`, () => {
      let proxy: TlsProxy;
      let idpServer: Server;
      let close: () => Promise<void>;

      before(async () => {
        proxy = await startTlsProxy();
        const idpApp = express();
        idpServer = await new Promise<Server>((resolve) => {
          const s = idpApp.listen(0, '127.0.0.1', () => resolve(s));
        });
        const issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/idp`;
        const host = await startHost({
          PORT: '0',
          PUBLIC_URL: proxy.origin,
          DATABASE_URL: db.url,
          REDIS_URL: 'redis://127.0.0.1:6379/1',
          OIDC_ISSUER: issuer,
          OIDC_CLIENT_ID: CLIENT.client_id,
          OIDC_CLIENT_SECRET: CLIENT.client_secret,
          TRUST_PROXY: trustProxy,
          PUBLIC_READS_PER_MINUTE: '3',
        });
        await seedDemoData(host.rantevou.orm);
        proxy.target = (host.server.address() as AddressInfo).port;
        idpApp.use('/idp', createDemoIdp({ issuer, clients: [{ ...CLIENT, redirect_uris: [`${proxy.origin}/auth/callback`] }], accounts: loadDemoAccounts() }).handler);
        close = async () => {
          await host.close();
          await new Promise((resolve) => idpServer.close(resolve));
          await proxy.close();
        };
      });
      after(async () => close?.());

      it('gives the staff session cookie Secure, and lets a staff write and the logout pass the Origin check', async () => {
        const browser = new TlsTerminatedBrowser(proxy);
        const page = await browser.follow(`${proxy.origin}/auth/login?returnTo=%2F`);
        const landed = await chooseAccount(browser, formAction(await page.res.text(), page.url), 'demo-admin-a');
        expect(landed.url.href).to.equal(`${proxy.origin}/`);
        const session = browser.setCookies.find((line) => line.startsWith(`${SESSION_COOKIE}=`) && !line.startsWith(`${SESSION_COOKIE}=;`));
        expect(session, 'session cookie').to.be.a('string');
        expect(session!.split(';').map((a) => a.trim().toLowerCase())).to.include('secure');

        const me = await (await browser.fetch(`${proxy.origin}/api/v1/me`)).json();
        const write = await browser.fetch(`${proxy.origin}/api/v1/me/preferences`, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken, origin: proxy.origin },
          body: JSON.stringify({ dailyListStores: [] }),
        });
        expect(write.status, await write.clone().text()).to.equal(200);

        const out = await browser.fetch(`${proxy.origin}/auth/logout`, { method: 'POST', headers: { origin: proxy.origin } });
        expect(out.status, await out.clone().text()).to.equal(303);
        expect((await browser.fetch(`${proxy.origin}/api/v1/me`)).status).to.equal(401);
      });

      it("counts the public rate limit per citizen's address, not the proxy's", async () => {
        const read = (address: string) => fetch(`http://127.0.0.1:${proxy.port}/api/v1/public/stores`, { headers: { [CLIENT_ADDRESS_HEADER]: address } });
        // Addresses of each host's own: the hosts share this database and Redis, so one count per address.
        const first = [];
        for (let i = 0; i < 4; i++) first.push((await read(`203.0.113.${10 + n}`)).status);
        expect(first).to.deep.equal([200, 200, 200, 429]);
        expect((await read(`203.0.113.${20 + n}`)).status).to.equal(200);
      });
    });
  }
});
