/**
 * OpenID Connect sign-in against a real provider (oidc-provider): what the callback must refuse,
 * session fixation, a CSRF-safe logout, and CSRF on the API.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Browser } from '../support/browser.js';
import { signInAs } from '../support/staff-client.js';
import { callbackFor } from './support/oidc-client.js';
import { whoAmI } from './support/saml-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('signing in with OpenID Connect', () => {
  let system: SsoSystem;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startSsoSystem('oidc_sign_in', { clock: clock.now });
  });
  after(() => system?.close());

  async function failureReasons(): Promise<string[]> {
    const events = await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_failed' }, { orderBy: { id: 'asc' } });
    return events.map((e) => String((e.after as { reason?: string }).reason));
  }

  async function expectRefusedCallback(browser: Browser, callback: URL, reason: string) {
    const res = await browser.fetch(callback);
    expect(res.status).to.equal(400);
    expect(await res.text()).to.include('Ο πάροχος ταυτότητας δεν επιβεβαίωσε τη σύνδεση');
    expect(await whoAmI(browser, system.url)).to.equal(null);
    expect((await failureReasons()).at(-1)).to.equal(reason);
  }

  it('signs in through the default provider when /auth/login names none', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    expect(staff.me.user.sub).to.equal('demo-operator-a');
  });

  it('refuses a callback whose state is not the one we sent', async () => {
    const browser = new Browser();
    const { callback } = await callbackFor(browser, system.url, 'demo-operator-a');
    callback.searchParams.set('state', 'forged-state');
    await expectRefusedCallback(browser, callback, 'state');
  });

  it('refuses an ID token whose nonce is not the one we sent', async () => {
    const browser = new Browser();
    const { callback, pendingCookie } = await callbackFor(browser, system.url, 'demo-operator-a');
    // The IdP put our nonce in the token; we now expect another one, as if the token were for another sign-in.
    await system.orm.em.fork().getConnection().execute(
      `update staff_session set data = jsonb_set(data, '{login,nonce}', '"another-nonce"') where id_hash = encode(sha256(?::bytea), 'hex')`,
      [pendingCookie],
    );
    await expectRefusedCallback(browser, callback, 'nonce');
  });

  it('refuses an authorization response from another issuer (iss mix-up)', async () => {
    const browser = new Browser();
    const { callback } = await callbackFor(browser, system.url, 'demo-operator-a');
    expect(callback.searchParams.get('iss'), 'the IdP names itself (RFC 9207)').to.be.a('string');
    callback.searchParams.set('iss', 'https://evil-idp.example.com');
    await expectRefusedCallback(browser, callback, 'issuer');
  });

  it('gives a new session id at sign-in: the cookie from before is worthless', async () => {
    const browser = new Browser();
    const { callback, pendingCookie } = await callbackFor(browser, system.url, 'demo-operator-b');
    const res = await browser.fetch(callback);
    expect(res.status).to.equal(303);
    const issued = res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
    expect(issued).to.be.a('string').and.not.equal(pendingCookie);
    expect(await whoAmI(browser, system.url)).to.equal('demo-operator-b');
    const old = await fetch(`${system.url}/api/v1/me`, { headers: { cookie: `rantevou_sid=${pendingCookie}` } });
    expect(old.status).to.equal(401);
  });

  it('refuses a state-changing API request without the CSRF token', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    const storeId = staff.me.stores[0]!.id;
    const body = JSON.stringify({ firstName: 'Ιωάννα', lastName: 'Δημητρίου', startsAt: `${day(1)}T09:00` });
    const res = await staff.browser.fetch(`${system.url}/api/v1/stores/${storeId}/appointments`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    expect(res.status).to.equal(403);
    expect((await res.json()).type).to.include('csrf');
    const withToken = await staff.post(`/api/v1/stores/${storeId}/appointments`, body);
    expect(withToken.status).to.equal(201);
  });

  it('refuses a logout posted from another site, and ends the session at the IdP when asked by our page', async () => {
    const staff = await signInAs(system.url, 'demo-admin-a');
    const forged = await staff.browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: 'https://evil.example.com' } });
    expect(forged.status).to.equal(403);
    expect(await whoAmI(staff.browser, system.url)).to.equal('demo-admin-a');
    const crossSite = await staff.browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).to.equal(403);

    const out = await staff.browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url } });
    expect(out.status).to.equal(303);
    const endSession = new URL(out.headers.get('location')!);
    expect(endSession.pathname).to.equal('/idp/session/end');
    expect(endSession.searchParams.get('id_token_hint')).to.be.a('string');
    expect(await whoAmI(staff.browser, system.url)).to.equal(null);
  });

  it('offers a chooser page listing every identity provider', async () => {
    const res = await fetch(`${system.url}/auth/choose?returnTo=%2F`);
    const html = await res.text();
    expect(res.status).to.equal(200);
    for (const id of ['oidc-main', 'saml-gsis', 'saml-test']) expect(html).to.include(`login?idp=${id}&amp;returnTo=%2F`);
  });
});
