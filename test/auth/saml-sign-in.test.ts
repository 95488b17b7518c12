/**
 * SAML 2.0 sign-in against real signed XML (xml-crypto, RSA-SHA256). Every refusal here is a
 * regression test ../shared/SECURITY.md says we owe: each starts from a genuinely signed response
 * and changes one thing an attacker would change.
 */
import { expect } from 'chai';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { buildSamlResponse, signedSamlResponse, type SamlResponseInput } from '../../examples/demo-saml-idp/saml-response.js';
import { Browser } from '../support/browser.js';
import { postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('signing in with SAML 2.0', () => {
  let system: SsoSystem;

  before(async () => {
    system = await startSsoSystem('saml_sign_in');
    system.counter.setStaff('admin@kep.gr', { kepAssignments: [{ kepCode: 'KEP-ATH-0101', position: 'head' }], directorate: false });
  });
  after(() => system?.close());

  /** A browser that has started a sign-in at `idp`, and a response input answering it. */
  async function started(nameId: string, idp = 'saml-test') {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, idp);
    const input: SamlResponseInput = { idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(idp), inResponseTo: requestId, nameId, attributes: { displayName: 'Δοκιμαστικό Πρόσωπο', mail: 'test@kep.example.gr' } };
    return { browser, input, requestId };
  }

  const sign = (input: SamlResponseInput, opts?: { signResponse?: boolean }) => signedSamlResponse(input, system.testIdp.privateKeyPem, { signResponse: opts?.signResponse ?? false });

  async function failures(reason: string): Promise<number> {
    const events = await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_failed' });
    return events.filter((e) => (e.after as { reason?: string } | null)?.reason === reason).length;
  }

  async function expectRefused(browser: Browser, xml: string, reason?: string, idp = 'saml-test') {
    const before = reason ? await failures(reason) : 0;
    const res = await postToAcs(browser, system.url, idp, xml);
    expect(res.status, await res.clone().text()).to.equal(400);
    expect(await res.text()).to.include('Η σύνδεση δεν ολοκληρώθηκε');
    expect(await whoAmI(browser, system.url), 'nobody is signed in').to.equal(null);
    if (reason) expect(await failures(reason), `an audit event says why (${reason})`).to.equal(before + 1);
  }

  describe('through the demo SAML IdP’s pages', () => {
    it('signs the chosen person in with their roles from the counter application', async () => {
      const browser = new Browser();
      const picker = await browser.follow(`${system.url}/auth/login?idp=saml-gsis&returnTo=%2F`);
      expect(picker.res.status).to.equal(200);
      const html = await picker.res.text();
      expect(html).to.include('Δοκιμαστικός πάροχος SAML').and.include('value="demo-admin-a"');
      const action = new URL(/<form method="post" action="([^"]+)"/.exec(html)![1]!.replaceAll('&amp;', '&'));
      const requestId = /name="requestId" value="([^"]+)"/.exec(html)![1]!;
      const posted = await browser.fetch(action, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ account: 'demo-admin-a', requestId, relayState: '' }) });
      const form = await posted.text();
      expect(form).to.include(`action="${system.url}/auth/saml/saml-gsis/acs"`);
      const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(form)![1]!;
      const acs = await browser.fetch(`${system.url}/auth/saml/saml-gsis/acs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse: samlResponse }) });
      expect(acs.status).to.equal(303);
      expect(acs.headers.get('location')).to.equal('/');
      const me = await (await browser.fetch(`${system.url}/api/v1/me`)).json();
      expect(me.user).to.include({ sub: 'demo-admin-a', name: 'Γιώργος Νικολάου', email: 'georgios.nikolaou@kep.example.gr', supervisor: false });
      expect(me.stores.map((s: { code: string; role: string }) => `${s.code}:${s.role}`)).to.deep.equal(['KEP-ATH-0101:store_admin']);
    });

    it('ends the session here and at the IdP (single logout)', async () => {
      const browser = new Browser();
      const { requestId } = await startSamlSignIn(browser, system.url, 'saml-gsis');
      const picker = await browser.follow(`${system.url}/auth/login?idp=saml-gsis`);
      const html = await picker.res.text();
      const freshId = /name="requestId" value="([^"]+)"/.exec(html)![1]!;
      expect(freshId).to.not.equal(requestId);
      const posted = await browser.fetch(new URL('/saml-idp/sso/login', picker.url), { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ account: 'demo-operator-a', requestId: freshId }) });
      const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(await posted.text())![1]!;
      await browser.fetch(`${system.url}/auth/saml/saml-gsis/acs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse: samlResponse }) });
      expect(await whoAmI(browser, system.url)).to.equal('demo-operator-a');

      const out = await browser.fetch(`${system.url}/auth/logout`, { method: 'POST', headers: { origin: system.url } });
      expect(out.status).to.equal(303);
      const toIdp = new URL(out.headers.get('location')!);
      expect(toIdp.pathname).to.equal('/saml-idp/slo');
      expect(toIdp.searchParams.get('SAMLRequest')).to.be.a('string');
      const back = await browser.follow(toIdp);
      expect(back.url.href).to.equal(`${system.url}/`);
      expect(await whoAmI(browser, system.url)).to.equal(null);
    });
  });

  it('publishes SP metadata naming our ACS and asking for signed assertions', async () => {
    const res = await fetch(`${system.url}/auth/saml/saml-test/metadata`);
    expect(res.status).to.equal(200);
    const xml = await res.text();
    expect(xml).to.include(`entityID="${system.testIdp.sp().audience}"`);
    expect(xml).to.include(`Location="${system.testIdp.sp().acsUrl}"`);
    expect(xml).to.include('WantAssertionsSigned="true"');
  });

  it('accepts a valid signed assertion and starts a new session (the id changes at sign-in)', async () => {
    const browser = new Browser();
    const { requestId, pendingCookie: planted } = await startSamlSignIn(browser, system.url, 'saml-test');
    expect(planted).to.be.a('string');
    const input = { idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId: 'admin@kep.gr' };
    const res = await postToAcs(browser, system.url, 'saml-test', sign(input));
    expect(res.status).to.equal(303);
    expect(await whoAmI(browser, system.url)).to.equal('admin@kep.gr');
    const issued = sessionCookie(res);
    expect(issued).to.be.a('string').and.not.equal(planted);
    const withPlanted = await fetch(`${system.url}/api/v1/me`, { headers: { cookie: `rantevou_sid=${planted}` } });
    expect(withPlanted.status, 'a cookie from before sign-in is worthless').to.equal(401);
  });

  it('refuses an unsigned response', async () => {
    const { browser, input } = await started('admin@kep.gr');
    await expectRefused(browser, buildSamlResponse(input), 'invalid_signature');
  });

  it('refuses an assertion for another audience', async () => {
    const { browser, input } = await started('admin@kep.gr');
    await expectRefused(browser, sign({ ...input, audience: 'https://other-service.example.gr/metadata' }), 'audience');
  });

  it('refuses an expired assertion (beyond the 60 s clock skew)', async () => {
    const { browser, input } = await started('admin@kep.gr');
    await expectRefused(browser, sign({ ...input, shiftMs: -10 * 60_000, validForMs: 5 * 60_000 }), 'expired');
  });

  it('refuses an answer to a request we never sent', async () => {
    const { browser, input } = await started('admin@kep.gr');
    await expectRefused(browser, sign({ ...input, inResponseTo: '_f00dfeedf00dfeedf00dfeedf00dfeedf00dfeed' }), 'in_response_to');
  });

  it('refuses an answer to another browser’s request (login CSRF)', async () => {
    const victim = await started('admin@kep.gr');
    const attacker = await started('admin@kep.gr');
    await expectRefused(victim.browser, sign(attacker.input), 'in_response_to');
  });

  it('refuses a response posted by a browser that started no sign-in', async () => {
    const { input } = await started('admin@kep.gr');
    await expectRefused(new Browser(), sign(input), 'no_pending_login');
  });

  it('refuses a response whose Destination or Recipient is another service', async () => {
    const first = await started('admin@kep.gr');
    await expectRefused(first.browser, sign({ ...first.input, acsUrl: 'https://evil.example.com/acs' }), 'destination');
  });

  it('refuses a replayed response, and any second use of an assertion id', async () => {
    const first = await started('admin@kep.gr');
    const captured = sign({ ...first.input, assertionId: '_replay0000000000000000000000000000000001' });
    expect((await postToAcs(first.browser, system.url, 'saml-test', captured)).status).to.equal(303);
    const second = await started('admin@kep.gr');
    await expectRefused(second.browser, captured, 'in_response_to');
    const third = await started('admin@kep.gr');
    await expectRefused(third.browser, sign({ ...third.input, assertionId: '_replay0000000000000000000000000000000001' }), 'replayed');
  });

  it('insists on a signed Response where configured (saml-strict), not just a signed assertion', async () => {
    const { browser, input } = await started('admin@kep.gr', 'saml-strict');
    await expectRefused(browser, sign(input, { signResponse: false }), 'invalid_signature', 'saml-strict');
    const ok = await started('admin@kep.gr', 'saml-strict');
    expect((await postToAcs(ok.browser, system.url, 'saml-strict', sign(ok.input, { signResponse: true }))).status).to.equal(303);
  });
});

function sessionCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
}
