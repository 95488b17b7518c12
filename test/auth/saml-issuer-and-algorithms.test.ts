/**
 * SAML checks node-saml does not make for us (issue 13, item 3): the Issuer of the response and of
 * the assertion is the configured IdP, signatures made with SHA-1 are refused unless allowed, and a
 * document type declaration refuses the response. Also the times and InResponseTo cases an attacker
 * tries first. Each response is signed with the pinned key: only the one thing named differs.
 */
import { createSign } from 'node:crypto';
import { expect } from 'chai';
import { SignedXml } from 'xml-crypto';
import { buildSamlResponse, signElement, type SamlResponseInput } from '../../examples/demo-saml-idp/saml-response.js';
import { SamlProviderOptions } from '../../plugin/auth/identity-provider-options.js';
import { createSamlIdentityProvider, SamlRefusal } from '../../plugin/auth/saml-provider.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { Browser } from '../support/browser.js';
import { logoutRequestUrl, postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

const SHA1 = { signature: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', digest: 'http://www.w3.org/2000/09/xmldsig#sha1' };
const SHA256 = { signature: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', digest: 'http://www.w3.org/2001/04/xmlenc#sha256' };

/** Signs the assertion as an IdP would, with the algorithms given. */
function signAssertionWith(xml: string, privateKey: string, algorithms: { signature: string; digest: string }): string {
  const element = "//*[local-name(.)='Assertion']";
  const sig = new SignedXml({ privateKey, canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#', signatureAlgorithm: algorithms.signature });
  sig.addReference({ xpath: element, transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'], digestAlgorithm: algorithms.digest });
  sig.computeSignature(xml, { location: { reference: `${element}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

describe('SAML issuer, signature algorithms and document types', () => {
  let system: SsoSystem;

  before(async () => {
    system = await startSsoSystem('saml_issuer');
  });
  after(() => system?.close());

  async function started() {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
    const input: SamlResponseInput = { idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId: 'demo-admin-a' };
    return { browser, input, requestId };
  }
  const signed = (xml: string) => signElement(xml, 'Assertion', system.testIdp.privateKeyPem);

  async function failures(reason: string): Promise<number> {
    const events = await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_failed' });
    return events.filter((e) => (e.after as { reason?: string } | null)?.reason === reason).length;
  }

  async function expectRefused(browser: Browser, xml: string, reason: string) {
    const before = await failures(reason);
    const res = await postToAcs(browser, system.url, 'saml-test', xml);
    expect(res.status, await res.clone().text()).to.equal(400);
    expect(await whoAmI(browser, system.url), 'nobody is signed in').to.equal(null);
    expect(await failures(reason), `an audit event says why (${reason})`).to.equal(before + 1);
  }

  async function expectSignedIn(browser: Browser, xml: string) {
    const res = await postToAcs(browser, system.url, 'saml-test', xml);
    expect(res.status, await res.clone().text()).to.equal(303);
    expect(await whoAmI(browser, system.url)).to.equal('demo-admin-a');
  }

  describe('the Issuer', () => {
    it('refuses a response and assertion from another entity, signed with the pinned key', async () => {
      const { browser, input } = await started();
      await expectRefused(browser, signed(buildSamlResponse({ ...input, idpEntityId: 'https://other-idp.example.gov.gr/idp' })), 'issuer');
    });

    it('refuses a signed assertion from another entity inside a response naming ours', async () => {
      const { browser, input } = await started();
      const xml = buildSamlResponse(input).replace(/(<saml:Assertion\b[^>]*><saml:Issuer>)[^<]*/, '$1https://other-idp.example.gov.gr/idp');
      await expectRefused(browser, signed(xml), 'issuer');
    });

    it('refuses a response naming another entity around a genuine assertion', async () => {
      const { browser, input } = await started();
      const xml = signed(buildSamlResponse(input)).replace(/(<samlp:Response\b[^>]*><saml:Issuer>)[^<]*/, '$1https://other-idp.example.gov.gr/idp');
      await expectRefused(browser, xml, 'issuer');
    });

    it('signs in when both name the configured IdP (the fixture is sound)', async () => {
      const { browser, input } = await started();
      await expectSignedIn(browser, signed(buildSamlResponse(input)));
    });
  });

  describe('InResponseTo and times', () => {
    it('refuses an unsolicited response (no InResponseTo) while we wait for the answer to our request', async () => {
      const { browser, input } = await started();
      const xml = buildSamlResponse(input).replaceAll(` InResponseTo="${input.inResponseTo}"`, '');
      expect(xml).to.not.include('InResponseTo');
      await expectRefused(browser, signed(xml), 'in_response_to');
    });

    it('refuses a response to an InResponseTo we never issued', async () => {
      const { browser, input } = await started();
      await expectRefused(browser, signed(buildSamlResponse({ ...input, inResponseTo: '_0123456789abcdef0123456789abcdef01234567' })), 'in_response_to');
    });

    it('refuses an assertion whose NotBefore is in the future (beyond the clock skew)', async () => {
      const { browser, input } = await started();
      const future = new Date(Date.now() + 10 * 60_000).toISOString();
      const xml = buildSamlResponse(input).replace(/(<saml:Conditions NotBefore=")[^"]+/, `$1${future}`);
      await expectRefused(browser, signed(xml), 'expired');
    });

    it('refuses an assertion whose SubjectConfirmationData has expired although its Conditions have not', async () => {
      const { browser, input } = await started();
      const past = new Date(Date.now() - 3 * 60_000).toISOString();
      const xml = buildSamlResponse(input).replace(/(<saml:SubjectConfirmationData\b[^>]*NotOnOrAfter=")[^"]+/, `$1${past}`);
      expect(/<saml:Conditions[^>]*NotOnOrAfter="([^"]+)"/.exec(xml)![1]! > new Date().toISOString(), 'Conditions still valid').to.equal(true);
      await expectRefused(browser, signed(xml), 'expired');
    });

    it('refuses an assertion whose only expiry, in SubjectConfirmationData, has passed', async () => {
      const { browser, input } = await started();
      const xml = buildSamlResponse({ ...input, shiftMs: -8 * 60_000, validForMs: 5 * 60_000 }).replace(/(<saml:Conditions NotBefore="[^"]+") NotOnOrAfter="[^"]+"/, '$1');
      expect(/<saml:Conditions[^>]*>/.exec(xml)![0]).to.not.include('NotOnOrAfter');
      await expectRefused(browser, signed(xml), 'expired');
    });
  });

  describe('signature algorithms', () => {
    it('refuses an assertion signed with RSA-SHA1 and SHA-1 digests', async () => {
      const { browser, input } = await started();
      await expectRefused(browser, signAssertionWith(buildSamlResponse(input), system.testIdp.privateKeyPem, SHA1), 'weak_signature');
    });

    it('refuses an RSA-SHA256 signature over a SHA-1 digest', async () => {
      const { browser, input } = await started();
      await expectRefused(browser, signAssertionWith(buildSamlResponse(input), system.testIdp.privateKeyPem, { ...SHA256, digest: SHA1.digest }), 'weak_signature');
    });

    it('accepts SHA-1 only from an IdP configured with allowSha1', async () => {
      const options = { id: 'saml-test', kind: 'saml', entryPoint: 'https://sso.test.gov.gr/idp/sso', idpIssuer: system.testIdp.entityId, idpCert: system.testIdp.publicKeyPem, wantAuthnResponseSigned: false };
      for (const allowSha1 of [false, true]) {
        const provider = createSamlIdentityProvider(system.orm, SamlProviderOptions.parse({ ...options, allowSha1 }), system.url);
        const { requestId } = await provider.startLogin();
        const xml = signAssertionWith(buildSamlResponse({ idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId: 'demo-admin-a' }), system.testIdp.privateKeyPem, SHA1);
        const verified = provider.verifyLogin(Buffer.from(xml).toString('base64'), requestId);
        if (allowSha1) expect((await verified).identity.sub).to.equal('demo-admin-a');
        else await verified.then(() => expect.fail('accepted'), (err: unknown) => expect(err).to.be.instanceOf(SamlRefusal).with.property('reason', 'weak_signature'));
      }
    });
  });

  it('refuses a single-logout request signed with RSA-SHA1 over the Redirect binding, and the session stays', async () => {
    const { browser, input } = await started();
    await expectSignedIn(browser, signed(buildSamlResponse(input)));
    const sha256Url = logoutRequestUrl(system.url, 'saml-test', { issuer: system.testIdp.entityId, nameId: 'demo-admin-a' });
    const unsigned = new URL(sha256Url).search.slice(1);
    const query = `${unsigned}&SigAlg=${encodeURIComponent(SHA1.signature)}`;
    const signature = createSign('RSA-SHA1').update(query).sign(system.testIdp.privateKeyPem, 'base64');
    const res = await fetch(`${system.url}/auth/saml/saml-test/slo?${query}&Signature=${encodeURIComponent(signature)}`, { redirect: 'manual' });
    expect(res.status).to.equal(400);
    expect(await whoAmI(browser, system.url), 'still signed in').to.equal('demo-admin-a');
  });

  describe('a document type declaration', () => {
    it('refuses a genuinely signed response that carries a DTD with an entity, even one expanding to the signed name', async () => {
      const { browser, input } = await started();
      const genuine = signed(buildSamlResponse(input));
      const withEntity = `<!DOCTYPE samlp:Response [<!ENTITY who "demo-admin-a">]>${genuine.replace('>demo-admin-a<', '>&who;<')}`;
      await expectRefused(browser, withEntity, 'dtd');
    });
  });
});
