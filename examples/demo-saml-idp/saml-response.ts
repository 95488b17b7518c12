/**
 * Builds and signs SAML 2.0 Responses the way a real IdP does (XML-DSig with xml-crypto: RSA-SHA256,
 * exclusive canonicalisation, enveloped signature). The demo SAML IdP uses it, and so do the tests
 * that prove a tampered response is refused: they start from a genuinely signed one.
 */
import { randomBytes } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { encryptAssertion } from './saml-encryption.js';

const NS = 'xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

/** Everything a response says. Times default to "valid now, for five minutes". */
export interface SamlResponseInput {
  idpEntityId: string;
  /** The SP's entityID: the assertion's audience. */
  audience: string;
  /** The SP's ACS URL: the response's Destination and the confirmation's Recipient. */
  acsUrl: string;
  inResponseTo: string;
  nameId: string;
  attributes?: Record<string, string | string[]>;
  sessionIndex?: string;
  assertionId?: string;
  /** Shifts every time in the assertion (negative: issued in the past). */
  shiftMs?: number;
  /** How long the assertion is valid. */
  validForMs?: number;
}

/** A fresh SAML id (XML ids must not start with a digit). */
export function samlId(): string {
  return `_${randomBytes(20).toString('hex')}`;
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The unsigned Response XML with one Assertion. */
export function buildSamlResponse(input: SamlResponseInput): string {
  const now = Date.now() + (input.shiftMs ?? 0);
  const iso = (ms: number) => new Date(ms).toISOString();
  const until = iso(now + (input.validForMs ?? 5 * 60_000));
  const attributes = Object.entries(input.attributes ?? {})
    .map(([name, v]) => {
      const values = (Array.isArray(v) ? v : [v]).map((x) => `<saml:AttributeValue>${esc(x)}</saml:AttributeValue>`).join('');
      return `<saml:Attribute Name="${esc(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:basic">${values}</saml:Attribute>`;
    })
    .join('');
  return (
    `<samlp:Response ${NS} ID="${samlId()}" Version="2.0" IssueInstant="${iso(now)}" Destination="${esc(input.acsUrl)}" InResponseTo="${esc(input.inResponseTo)}">` +
    `<saml:Issuer>${esc(input.idpEntityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    `<saml:Assertion ${NS} ID="${input.assertionId ?? samlId()}" Version="2.0" IssueInstant="${iso(now)}">` +
    `<saml:Issuer>${esc(input.idpEntityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">${esc(input.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">` +
    `<saml:SubjectConfirmationData InResponseTo="${esc(input.inResponseTo)}" NotOnOrAfter="${until}" Recipient="${esc(input.acsUrl)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${iso(now - 30_000)}" NotOnOrAfter="${until}">` +
    `<saml:AudienceRestriction><saml:Audience>${esc(input.audience)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${iso(now)}" SessionIndex="${esc(input.sessionIndex ?? samlId())}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext>` +
    `</saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion></samlp:Response>`
  );
}

/**
 * Signs one element (by local name; the first one) with an enveloped RSA-SHA256 signature placed
 * right after its Issuer, as the SAML schema wants it.
 */
export function signElement(xml: string, localName: 'Assertion' | 'Response', privateKeyPem: string): string {
  const element = `//*[local-name(.)='${localName}']`;
  const sig = new SignedXml({
    privateKey: privateKeyPem,
    canonicalizationAlgorithm: EXC_C14N,
    signatureAlgorithm: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  });
  sig.addReference({ xpath: element, transforms: [ENVELOPED, EXC_C14N], digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256' });
  sig.computeSignature(xml, { location: { reference: `${element}/*[local-name(.)='Issuer']`, action: 'after' } });
  return sig.getSignedXml();
}

/**
 * The usual IdP answer: the assertion signed, then (with `encryptFor`, the SP's certificate)
 * encrypted, then the whole response signed around it.
 */
export function signedSamlResponse(input: SamlResponseInput, privateKeyPem: string, { signResponse = true, encryptFor }: { signResponse?: boolean; encryptFor?: string } = {}): string {
  const assertionSigned = signElement(buildSamlResponse(input), 'Assertion', privateKeyPem);
  const sealed = encryptFor ? encryptAssertion(assertionSigned, encryptFor) : assertionSigned;
  return signResponse ? signElement(sealed, 'Response', privateKeyPem) : sealed;
}
