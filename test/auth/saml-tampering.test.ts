/**
 * Tampered SAML responses: signature wrapping (CVE-2025-54419), a moved signature, altered
 * DigestValue and SignedInfo (CVE-2025-29774/29775, also with XML comments), a comment in the NameID
 * (CVE-2017-11427), an HMAC "signature" keyed with the IdP's public key (GHSA-c27r-x354-4m68), and a
 * signature by another key. Each starts from a genuinely signed response and changes one thing.
 */
import { generateKeyPairSync } from 'node:crypto';
import { expect } from 'chai';
import { SignedXml } from 'xml-crypto';
import { buildSamlResponse, signedSamlResponse, signElement, type SamlResponseInput } from '../../examples/demo-saml-idp/saml-response.js';
import { Browser } from '../support/browser.js';
import { postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

const SIGNATURE = /<Signature xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#">[\s\S]*?<\/Signature>/;
const ASSERTION = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/;

describe('a tampered SAML response', () => {
  let system: SsoSystem;
  const attackerKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();

  before(async () => {
    system = await startSsoSystem('saml_tampering');
    system.counter.setStaff('admin@kep.gr', { kepAssignments: [{ kepCode: 'KEP-ATH-0101', position: 'head' }], directorate: false });
  });
  after(() => system?.close());

  async function started(nameId: string) {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
    const input: SamlResponseInput = { idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId };
    const signed = signedSamlResponse(input, system.testIdp.privateKeyPem, { signResponse: false });
    return { browser, input, signed };
  }

  /** Posts the response; whatever happens, the person named by the attacker is not signed in. */
  async function expectNotSignedInAs(browser: Browser, xml: string, victim: string) {
    const res = await postToAcs(browser, system.url, 'saml-test', xml);
    const who = await whoAmI(browser, system.url);
    expect(who, 'signed in as the name the attacker chose').to.not.equal(victim);
    return { res, who };
  }

  async function expectRefused(browser: Browser, xml: string, victim: string) {
    const { res, who } = await expectNotSignedInAs(browser, xml, victim);
    expect(res.status).to.equal(400);
    expect(who).to.equal(null);
  }

  it('is refused when a second, unsigned assertion names another person (before the signed one)', async () => {
    const { browser, signed } = await started('demo-operator-b');
    const genuine = ASSERTION.exec(signed)![0];
    const evil = genuine.replace(SIGNATURE, '').replace(/ID="[^"]+"/, 'ID="_evil1"').replace('>demo-operator-b<', '>demo-admin-a<');
    await expectRefused(browser, signed.replace(genuine, evil + genuine), 'demo-admin-a');
  });

  it('is refused when a second, unsigned assertion names another person (after the signed one)', async () => {
    const { browser, signed } = await started('demo-operator-b');
    const genuine = ASSERTION.exec(signed)![0];
    const evil = genuine.replace(SIGNATURE, '').replace(/ID="[^"]+"/, 'ID="_evil2"').replace('>demo-operator-b<', '>demo-admin-a<');
    await expectRefused(browser, signed.replace(genuine, genuine + evil), 'demo-admin-a');
  });

  it('is refused when the signature is moved into a forged assertion that wraps the genuine one (same ID)', async () => {
    const { browser, signed } = await started('demo-operator-b');
    const genuine = ASSERTION.exec(signed)![0];
    const signature = SIGNATURE.exec(genuine)![0];
    const wrapped = signature.replace('</Signature>', `<Object>${genuine}</Object></Signature>`);
    const forged = genuine.replace(/(<saml:NameID[^>]*>)demo-operator-b</, '$1demo-admin-a<').replace(signature, () => wrapped);
    expect(forged.indexOf('>demo-admin-a<'), 'the forged NameID is the outer one').to.be.greaterThan(forged.lastIndexOf('</Signature>'));
    await expectRefused(browser, signed.replace(genuine, forged), 'demo-admin-a');
  });

  it('is refused when the signature is moved from the assertion to the response', async () => {
    const { browser, signed } = await started('demo-admin-a');
    const signature = SIGNATURE.exec(signed)![0];
    const moved = signed.replace(signature, '').replace('</saml:Issuer><samlp:Status>', `</saml:Issuer>${signature}<samlp:Status>`);
    await expectRefused(browser, moved, 'demo-admin-a');
  });

  it('is refused when the DigestValue is altered', async () => {
    const { browser, signed } = await started('demo-admin-a');
    const altered = signed.replace(/<DigestValue>(.)/, (_m, c: string) => `<DigestValue>${c === 'A' ? 'B' : 'A'}`);
    await expectRefused(browser, altered, 'demo-admin-a');
  });

  it('is refused when SignedInfo is altered (another digest method)', async () => {
    const { browser, signed } = await started('demo-admin-a');
    const altered = signed.replace('<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"/>', '<DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha512"/>');
    expect(altered).to.not.equal(signed);
    await expectRefused(browser, altered, 'demo-admin-a');
  });

  it('is refused when the content is changed and the new digest is hidden in an XML comment inside DigestValue', async () => {
    const { browser, input, signed } = await started('demo-operator-b');
    const assertionId = /<saml:Assertion\b[^>]*\sID="([^"]+)"/.exec(signed)![1]!;
    // The digest of the forged assertion (a digest needs no key: the attacker's own signature shows it).
    const forgedUnsigned = buildSamlResponse({ ...input, nameId: 'demo-admin-a', assertionId });
    const forgedDigest = /<DigestValue>([^<]+)<\/DigestValue>/.exec(signElement(forgedUnsigned, 'Assertion', attackerKey))![1]!;
    const original = /<DigestValue>([^<]+)<\/DigestValue>/.exec(signed)![1]!;
    const tampered = signed
      .replace(/(<saml:NameID[^>]*>)demo-operator-b</, '$1demo-admin-a<')
      .replace(`<DigestValue>${original}</DigestValue>`, `<DigestValue><!--${forgedDigest}-->${original}</DigestValue>`);
    // Keep the IssueInstant etc. of the genuine response: only the NameID differs from what was signed.
    await expectRefused(browser, tampered, 'demo-admin-a');
  });

  it('reads the whole NameID when an XML comment splits it (admin@kep.gr<!---->.evil)', async () => {
    const { browser, signed } = await started('admin@kep.gr.evil');
    const tampered = signed.replace('>admin@kep.gr.evil<', '>admin@kep.gr<!---->.evil<');
    expect(tampered).to.not.equal(signed);
    const { who } = await expectNotSignedInAs(browser, tampered, 'admin@kep.gr');
    expect(who === null || who === 'admin@kep.gr.evil', `signed in as ${who}`).to.equal(true);
  });

  it('is refused when "signed" with HMAC keyed by the IdP certificate’s public key', async () => {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
    const xml = buildSamlResponse({ idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId: 'admin@kep.gr' });
    const sig = new SignedXml({
      privateKey: Buffer.from(system.testIdp.publicKeyPem),
      canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
      signatureAlgorithm: 'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
    });
    sig.enableHMAC();
    sig.addReference({
      xpath: "//*[local-name(.)='Assertion']",
      transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
      digestAlgorithm: 'http://www.w3.org/2000/09/xmldsig#sha1',
    });
    sig.computeSignature(xml, { location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
    const hmacSigned = sig.getSignedXml();
    expect(hmacSigned).to.include('hmac-sha1');
    await expectRefused(browser, hmacSigned, 'admin@kep.gr');
  });

  it('is refused when signed by a key other than the pinned one', async () => {
    const { browser, input } = await started('admin@kep.gr');
    await expectRefused(browser, signedSamlResponse(input, attackerKey, { signResponse: true }), 'admin@kep.gr');
  });

  it('still signs in the genuinely signed person (the fixture itself is sound)', async () => {
    const { browser, signed } = await started('demo-operator-b');
    expect((await postToAcs(browser, system.url, 'saml-test', signed)).status).to.equal(303);
    expect(await whoAmI(browser, system.url)).to.equal('demo-operator-b');
  });
});
