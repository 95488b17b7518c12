/**
 * Encrypted SAML assertions (XML Encryption: AES-256-GCM, the key wrapped with RSA-OAEP to our
 * certificate), encrypted by the demo IdP's own code and decrypted by node-saml: two independent
 * implementations. The assertion must still be signed inside; where a provider wants encryption, a
 * plain assertion is refused however well signed.
 */
import { X509Certificate } from 'node:crypto';
import { expect } from 'chai';
import { createRantevou, createStaticFileRoleSource, RantevouConfigError } from '../../plugin/index.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { encryptAssertion } from '../../examples/demo-saml-idp/saml-encryption.js';
import { buildSamlResponse, signedSamlResponse, signElement, type SamlResponseInput } from '../../examples/demo-saml-idp/saml-response.js';
import { createDemoKeyAndCertificate } from '../../examples/demo-saml-idp/self-signed-certificate.js';
import { Browser } from '../support/browser.js';
import { postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

const PERSON = 'admin@kep.gr';

describe('encrypted SAML assertions', () => {
  let system: SsoSystem;
  const stranger = createDemoKeyAndCertificate('Another service');

  before(async () => {
    system = await startSsoSystem('saml_encrypted');
    system.counter.setStaff(PERSON, { kepAssignments: [{ kepCode: 'KEP-ATH-0101', position: 'head' }], directorate: false });
  });
  after(() => system?.close());

  async function started(idp: string) {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, idp);
    const input: SamlResponseInput = { idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(idp), inResponseTo: requestId, nameId: PERSON };
    return { browser, input };
  }

  const encryptedTo = (certPem: string, input: SamlResponseInput, signResponse = false) =>
    signedSamlResponse(input, system.testIdp.privateKeyPem, { signResponse, encryptFor: certPem });

  async function failures(reason: string): Promise<number> {
    const events = await system.orm.em.fork().find(AuditEvent, { action: 'staff.sign_in_failed' });
    return events.filter((e) => (e.after as { reason?: string } | null)?.reason === reason).length;
  }

  async function expectRefused(browser: Browser, idp: string, xml: string, reason: string) {
    const before = await failures(reason);
    const res = await postToAcs(browser, system.url, idp, xml);
    expect(res.status, await res.clone().text()).to.equal(400);
    expect(await whoAmI(browser, system.url), 'nobody is signed in').to.equal(null);
    expect(await failures(reason), `an audit event says why (${reason})`).to.equal(before + 1);
  }

  it('publishes our encryption certificate in the SP metadata, only where we can decrypt', async () => {
    const body = system.spKeys.certPem.replace(/-----[A-Z ]+-----|\s/g, '');
    const withKey = await (await fetch(`${system.url}/auth/saml/saml-enc/metadata`)).text();
    expect(withKey).to.match(/<KeyDescriptor use="encryption">/);
    expect(withKey.replace(/\s/g, '')).to.include(`<ds:X509Certificate>${body}</ds:X509Certificate>`);
    expect(withKey).to.include('http://www.w3.org/2009/xmlenc11#aes256-gcm');
    const withoutKey = await (await fetch(`${system.url}/auth/saml/saml-test/metadata`)).text();
    expect(withoutKey).to.not.include('use="encryption"');
  });

  it('signs in with a signed assertion encrypted to our certificate (and nothing of it travels in clear)', async () => {
    for (const signResponse of [false, true]) {
      const { browser, input } = await started('saml-enc');
      const xml = encryptedTo(system.spKeys.certPem, input, signResponse);
      expect(xml).to.include('<saml:EncryptedAssertion>').and.not.include(PERSON);
      const res = await postToAcs(browser, system.url, 'saml-enc', xml);
      expect(res.status, await res.clone().text()).to.equal(303);
      expect(await whoAmI(browser, system.url), `response signed too: ${signResponse}`).to.equal(PERSON);
    }
  });

  it('refuses an assertion encrypted to another service’s key', async () => {
    const { browser, input } = await started('saml-enc');
    await expectRefused(browser, 'saml-enc', encryptedTo(stranger.certPem, input, true), 'decryption');
  });

  it('refuses an encrypted assertion whose ciphertext was altered', async () => {
    const { browser, input } = await started('saml-enc');
    const xml = encryptedTo(system.spKeys.certPem, input);
    const values = [...xml.matchAll(/<xenc:CipherValue>([^<]+)<\/xenc:CipherValue>/g)];
    const content = values.at(-1)![1]!;
    const flipped = Buffer.from(content, 'base64');
    flipped[40]! ^= 0x01;
    await expectRefused(browser, 'saml-enc', xml.replace(content, flipped.toString('base64')), 'decryption');
  });

  it('refuses an assertion encrypted with a broken algorithm (RSA PKCS#1 v1.5 key transport, 3DES) before decrypting it', async () => {
    const XENC = 'http://www.w3.org/2001/04/xmlenc#';
    for (const [from, to] of [[`${XENC}rsa-oaep-mgf1p`, `${XENC}rsa-1_5`], ['http://www.w3.org/2009/xmlenc11#aes256-gcm', `${XENC}tripledes-cbc`]] as const) {
      const { browser, input } = await started('saml-enc');
      const xml = encryptedTo(system.spKeys.certPem, input);
      expect(xml).to.include(from);
      await expectRefused(browser, 'saml-enc', xml.replace(from, to), 'weak_encryption');
    }
  });

  it('refuses an encrypted assertion that is not signed inside, even in a signed response', async () => {
    const { browser, input } = await started('saml-enc');
    const sealedUnsigned = encryptAssertion(buildSamlResponse(input), system.spKeys.certPem);
    await expectRefused(browser, 'saml-enc', signElement(sealedUnsigned, 'Response', system.testIdp.privateKeyPem), 'invalid_signature');
  });

  it('refuses a plain signed assertion where the provider wants them encrypted, and takes the encrypted one', async () => {
    const plain = await started('saml-enc-required');
    await expectRefused(plain.browser, 'saml-enc-required', signedSamlResponse(plain.input, system.testIdp.privateKeyPem), 'not_encrypted');
    const sealed = await started('saml-enc-required');
    expect((await postToAcs(sealed.browser, system.url, 'saml-enc-required', encryptedTo(system.spKeys.certPem, sealed.input, true))).status).to.equal(303);
    expect(await whoAmI(sealed.browser, system.url)).to.equal(PERSON);
  });

  it('still takes a plain signed assertion where encryption is only possible', async () => {
    const { browser, input } = await started('saml-enc');
    expect((await postToAcs(browser, system.url, 'saml-enc', signedSamlResponse(input, system.testIdp.privateKeyPem))).status).to.equal(303);
    expect(await whoAmI(browser, system.url)).to.equal(PERSON);
  });

  it('cannot be required of a provider without our decryption key (refused at creation)', async () => {
    const err = await createRantevou({
      mode: 'production',
      database: { url: 'postgresql://postgres@127.0.0.1:5432/never-opened' },
      identityProviders: [{ id: 'saml', kind: 'saml', entryPoint: 'https://sso.example.gov.gr/sso', idpIssuer: 'https://sso.example.gov.gr', idpCert: system.spKeys.certPem, wantAssertionsEncrypted: true }],
      roleSource: createStaticFileRoleSource('examples/demo-roles.json'),
      email: { redisUrl: 'redis://127.0.0.1:6379/3' },
      publicUrl: 'https://rantevou.example.gov.gr',
    }).then(() => null, (e: unknown) => e);
    expect(err).to.be.instanceOf(RantevouConfigError);
    expect((err as Error).message).to.include('identityProviders.0.wantAssertionsEncrypted');
  });

  describe('the demo SAML IdP', () => {
    it('publishes a real X.509 certificate, the one the SP pins', async () => {
      const { idpUrl } = await startSamlSignIn(new Browser(), system.url, 'saml-gsis');
      const metadata = await (await fetch(new URL('/saml-idp/metadata', idpUrl))).text();
      const der = /<ds:X509Certificate>([^<]+)<\/ds:X509Certificate>/.exec(metadata)?.[1];
      expect(der, 'an X509Certificate in the metadata').to.be.a('string');
      const cert = new X509Certificate(Buffer.from(der!, 'base64'));
      expect(cert.subject).to.include('CN=Rantevou demo SAML IdP');
      expect(cert.verify(cert.publicKey), 'self-signed').to.equal(true);
      expect(Date.parse(cert.validTo)).to.be.above(Date.now());
    });

    it('encrypts its assertions to our certificate, and the person signs in', async () => {
      const browser = new Browser();
      const picker = await browser.follow(`${system.url}/auth/login?idp=saml-gsis&returnTo=%2F`);
      const html = await picker.res.text();
      const requestId = /name="requestId" value="([^"]+)"/.exec(html)![1]!;
      const posted = await browser.fetch(new URL('/saml-idp/sso/login', picker.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ account: 'demo-operator-a', requestId }),
      });
      const samlResponse = /name="SAMLResponse" value="([^"]+)"/.exec(await posted.text())![1]!;
      const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
      expect(xml).to.include('<saml:EncryptedAssertion>').and.not.include('demo-operator-a').and.not.include('<saml:Assertion');
      const acs = await browser.fetch(`${system.url}/auth/saml/saml-gsis/acs`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ SAMLResponse: samlResponse }) });
      expect(acs.status).to.equal(303);
      expect(await whoAmI(browser, system.url)).to.equal('demo-operator-a');
    });
  });
});
