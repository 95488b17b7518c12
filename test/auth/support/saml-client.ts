import { createSign } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { expect } from 'chai';
import { samlId } from '../../../examples/demo-saml-idp/saml-response.js';
import type { Browser } from '../../support/browser.js';

/** Starts a SAML sign-in as a browser would and returns the AuthnRequest id the plugin sent. */
export async function startSamlSignIn(browser: Browser, baseUrl: string, idp: string): Promise<{ requestId: string; idpUrl: URL; pendingCookie?: string }> {
  const res = await browser.fetch(`${baseUrl}/auth/login?idp=${idp}&returnTo=%2F`);
  expect(res.status, 'redirect to the SAML IdP').to.equal(302);
  const idpUrl = new URL(res.headers.get('location')!);
  const xml = inflateRawSync(Buffer.from(idpUrl.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
  const requestId = /\sID="([^"]+)"/.exec(xml)?.[1];
  expect(requestId, 'AuthnRequest ID').to.be.a('string');
  const pendingCookie = res.headers.getSetCookie().map((c) => /^rantevou_sid=([^;]+)/.exec(c)?.[1]).find(Boolean);
  return { requestId: requestId!, idpUrl, ...(pendingCookie ? { pendingCookie } : {}) };
}

/** POSTs a response to the plugin's ACS, as the IdP's self-submitting form makes the browser do. */
export function postToAcs(browser: Browser, baseUrl: string, idp: string, responseXml: string): Promise<Response> {
  return browser.fetch(`${baseUrl}/auth/saml/${idp}/acs`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ SAMLResponse: Buffer.from(responseXml).toString('base64') }),
  });
}

/** Who the browser is signed in as, or null. */
export async function whoAmI(browser: Browser, baseUrl: string): Promise<string | null> {
  const res = await browser.fetch(`${baseUrl}/api/v1/me`);
  if (res.status === 401) return null;
  expect(res.status).to.equal(200);
  return ((await res.json()) as { user: { sub: string } }).user.sub;
}

/**
 * An IdP-initiated HTTP-Redirect LogoutRequest to our SLO endpoint at `idp`, signed as the binding
 * says (RSA-SHA256 over the query) when `privateKeyPem` is given.
 */
export function logoutRequestUrl(
  baseUrl: string,
  idp: string,
  request: { issuer: string; nameId: string; sessionIndex?: string; privateKeyPem?: string },
): string {
  const xml =
    `<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${samlId()}" Version="2.0" ` +
    `IssueInstant="${new Date().toISOString()}" Destination="${baseUrl}/auth/saml/${idp}/slo">` +
    `<saml:Issuer>${request.issuer}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${request.nameId}</saml:NameID>` +
    (request.sessionIndex ? `<samlp:SessionIndex>${request.sessionIndex}</samlp:SessionIndex>` : '') +
    `</samlp:LogoutRequest>`;
  let query = `SAMLRequest=${encodeURIComponent(deflateRawSync(xml).toString('base64'))}`;
  if (request.privateKeyPem) {
    query += `&SigAlg=${encodeURIComponent('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256')}`;
    const signature = createSign('RSA-SHA256').update(query).sign(request.privateKeyPem, 'base64');
    query += `&Signature=${encodeURIComponent(signature)}`;
  }
  return `${baseUrl}/auth/saml/${idp}/slo?${query}`;
}
