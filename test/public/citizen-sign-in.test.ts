import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { CitizenToken } from '../../plugin/db/citizen-token.entity.js';
import { Browser } from '../support/browser.js';
import { chooseAccount, formAction } from '../support/staff-client.js';
import { GOVGR_ORIGIN, startPublicSystem, type PublicSystem } from './public-system.js';

const EVIL_ORIGIN = 'https://evil.example';

describe('citizen sign-in in a popup, and CORS of the public API', () => {
  let system: PublicSystem;

  before(async () => {
    system = await startPublicSystem('citizensignin');
  });
  after(async () => system?.close());

  const login = (origin: string) => `${system.url}/api/v1/public/auth/login?origin=${encodeURIComponent(origin)}`;

  describe('the popup flow over HTTP (plugin → citizen identity provider → callback)', () => {
    it('ends on a page of our origin that posts the token to the opener at the allowed origin only, under a strict CSP', async () => {
      const browser = new Browser();
      const start = await browser.fetch(login(GOVGR_ORIGIN));
      expect(start.status).to.equal(302);
      const authorize = new URL(start.headers.get('location')!);
      expect(authorize.pathname).to.match(/\/citizen-idp\/auth$/);
      expect(authorize.searchParams.get('code_challenge_method')).to.equal('S256');
      expect(authorize.searchParams.get('redirect_uri')).to.equal(`${system.url}/api/v1/public/auth/callback`);
      for (const p of ['state', 'nonce', 'code_challenge']) expect(authorize.searchParams.get(p)).to.be.a('string').with.length.above(20);

      const picker = await browser.follow(authorize);
      expect(picker.res.status).to.equal(200);
      const pickerHtml = await picker.res.text();
      expect(pickerHtml).to.include('Δημήτρης Αλεξίου');
      const landed = await chooseAccount(browser, formAction(pickerHtml, picker.url), 'citizen-123456789');
      expect(landed.url.pathname).to.equal('/api/v1/public/auth/callback');
      expect(landed.res.status).to.equal(200);
      const csp = landed.res.headers.get('content-security-policy')!;
      expect(csp).to.include("script-src 'self'");
      expect(csp).to.include("default-src 'none'");
      expect(landed.res.headers.get('cache-control')).to.equal('no-store');
      const html = await landed.res.text();
      expect(html).to.include('<script src="/api/v1/public/auth/popup.js"></script>');
      // The only other script element is an inert JSON data block: nothing inline runs.
      const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts.map((m) => m[1]!.trim())).to.deep.equal(['type="application/json" id="rantevou-result"', 'src="/api/v1/public/auth/popup.js"']);
      const data = JSON.parse(scripts[0]![2]!);
      expect(data.targetOrigin).to.equal(GOVGR_ORIGIN);
      expect(data.message).to.include({ type: 'rantevou:citizen', name: 'Δημήτρης Αλεξίου' });
      expect(Date.parse(data.message.expiresAt) - Date.now()).to.be.within(119 * 60_000, 120 * 60_000 + 1000);

      const script = await fetch(new URL('/api/v1/public/auth/popup.js', landed.url));
      expect(script.status).to.equal(200);
      expect(script.headers.get('content-type')).to.match(/^application\/javascript/);
      expect(await script.text()).to.include('window.opener.postMessage(data.message, data.targetOrigin)');

      const mine = await fetch(`${system.url}/api/v1/public/me/appointments`, { headers: { authorization: `Bearer ${data.message.token}` } });
      expect(mine.status).to.equal(200);
      expect(await mine.json()).to.deep.equal([]);
      const em = system.orm.em.fork();
      const stored = await em.find(CitizenToken, { sub: 'citizen-123456789' });
      expect(stored).to.have.length(1);
      expect(stored[0]!.tokenHash).to.not.equal(data.message.token);
      expect(await em.count(AuditEvent, { action: 'citizen.sign_in', actor: 'citizen:citizen-123456789' })).to.equal(1);
    });

    it('refuses to start for a page origin that is not configured, and a callback from another window', async () => {
      const refused = await new Browser().fetch(login(EVIL_ORIGIN));
      expect(refused.status).to.equal(400);
      expect(await refused.text()).to.not.include('rantevou-result');
      const stray = await new Browser().fetch(`${system.url}/api/v1/public/auth/callback?code=x&state=y`);
      expect(stray.status).to.equal(400);
      expect(await stray.text()).to.not.include('rantevou-result');
    });

    it('answers 401 to a made-up or expired token', async () => {
      const res = await fetch(`${system.url}/api/v1/public/me/appointments`, { headers: { authorization: `Bearer ${'a'.repeat(43)}` } });
      expect(res.status).to.equal(401);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
    });
  });

  describe('CORS', () => {
    const preflight = (origin: string) =>
      fetch(`${system.url}/api/v1/public/holds`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization, content-type, idempotency-key' },
      });

    it('lets a configured origin send the token, JSON and an idempotency key, without credentials', async () => {
      const res = await preflight(GOVGR_ORIGIN);
      expect(res.status).to.equal(204);
      expect(res.headers.get('access-control-allow-origin')).to.equal(GOVGR_ORIGIN);
      expect(res.headers.get('access-control-allow-headers')).to.equal('Authorization, Content-Type, Idempotency-Key');
      expect(res.headers.get('access-control-allow-methods')).to.equal('GET, POST, DELETE');
      expect(res.headers.get('access-control-allow-credentials')).to.equal(null);
      const read = await fetch(`${system.url}/api/v1/public/stores`, { headers: { origin: GOVGR_ORIGIN } });
      expect(read.headers.get('access-control-allow-origin')).to.equal(GOVGR_ORIGIN);
      expect(read.headers.get('vary')).to.match(/Origin/);
      const problem = await fetch(`${system.url}/api/v1/public/holds`, { method: 'POST', headers: { origin: GOVGR_ORIGIN } });
      expect(problem.status).to.equal(401);
      expect(problem.headers.get('access-control-allow-origin')).to.equal(GOVGR_ORIGIN);
    });

    it('gives any other origin nothing to read', async () => {
      const res = await preflight(EVIL_ORIGIN);
      expect(res.headers.get('access-control-allow-origin')).to.equal(null);
      expect(res.headers.get('access-control-allow-headers')).to.equal(null);
      const read = await fetch(`${system.url}/api/v1/public/stores`, { headers: { origin: EVIL_ORIGIN } });
      expect(read.headers.get('access-control-allow-origin')).to.equal(null);
    });
  });
});
