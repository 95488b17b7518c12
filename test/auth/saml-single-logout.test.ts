/**
 * IdP-initiated single logout: a LogoutRequest signed by the pinned IdP key ends the person's
 * sessions; an unsigned one (which node-saml alone would accept in the Redirect binding) ends nothing.
 */
import { createSign } from 'node:crypto';
import { deflateRawSync } from 'node:zlib';
import { expect } from 'chai';
import { samlId, signedSamlResponse } from '../../examples/demo-saml-idp/saml-response.js';
import { Browser } from '../support/browser.js';
import { postToAcs, startSamlSignIn, whoAmI } from './support/saml-client.js';
import { startSsoSystem, type SsoSystem } from './support/sso-system.js';

describe('single logout started by the SAML IdP', () => {
  let system: SsoSystem;

  before(async () => {
    system = await startSsoSystem('saml_slo');
  });
  after(() => system?.close());

  async function signedIn(nameId: string) {
    const browser = new Browser();
    const { requestId } = await startSamlSignIn(browser, system.url, 'saml-test');
    const xml = signedSamlResponse({ idpEntityId: system.testIdp.entityId, ...system.testIdp.sp(), inResponseTo: requestId, nameId, sessionIndex: '_idp-session-1' }, system.testIdp.privateKeyPem);
    expect((await postToAcs(browser, system.url, 'saml-test', xml)).status).to.equal(303);
    expect(await whoAmI(browser, system.url)).to.equal(nameId);
    return browser;
  }

  /** An HTTP-Redirect LogoutRequest from the IdP, optionally signed as the binding says (RSA-SHA256 over the query). */
  function logoutRequestUrl(nameId: string, sign: boolean): string {
    const xml =
      `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" ` +
      `IssueInstant="${new Date().toISOString()}" Destination="${system.url}/auth/saml/saml-test/slo">` +
      `<saml:Issuer>${system.testIdp.entityId}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${nameId}</saml:NameID>` +
      `<samlp:SessionIndex>_idp-session-1</samlp:SessionIndex></samlp:LogoutRequest>`;
    let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`;
    if (sign) {
      query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
      const signature = createSign('RSA-SHA256').update(query).sign(system.testIdp.privateKeyPem, 'base64');
      query += `&Signature=${encodeURIComponent(signature)}`;
    }
    return `${system.url}/auth/saml/saml-test/slo?${query}`;
  }

  it('ignores an unsigned LogoutRequest: the session lives on', async () => {
    const browser = await signedIn('demo-operator-a');
    const res = await fetch(logoutRequestUrl('demo-operator-a', false), { redirect: 'manual' });
    expect(res.status).to.equal(400);
    expect(await whoAmI(browser, system.url)).to.equal('demo-operator-a');
  });

  it('ends the person’s session on a signed LogoutRequest and answers the IdP', async () => {
    const browser = await signedIn('demo-operator-b');
    const res = await fetch(logoutRequestUrl('demo-operator-b', true), { redirect: 'manual' });
    expect(res.status).to.equal(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('SAMLResponse')).to.be.a('string');
    expect(await whoAmI(browser, system.url)).to.equal(null);
  });
});
