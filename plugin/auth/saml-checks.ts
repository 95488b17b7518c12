// node-saml's own decryption (the package has no exports map; this is the function it decrypts with).
import { decryptXml } from '@node-saml/node-saml/lib/xml.js';
import { SamlRefusal } from './saml-refusal.js';

/**
 * Checks of a SAML message that node-saml does not make, read from its XML before (and, for an
 * encrypted assertion, after) node-saml validates it. Each refuses with a short reason for the audit.
 */

/**
 * A document type declaration has no place in SAML (the profiles forbid it): its entities could
 * expand into the signed text or the NameID, or blow up (billion laughs). Refused outright.
 */
export function refuseDtd(xml: string): void {
  if (/<!DOCTYPE|<!ENTITY/i.test(xml)) throw new SamlRefusal('dtd');
}

const SHA1_ALGORITHMS = new Set([
  'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
  'http://www.w3.org/2000/09/xmldsig#dsa-sha1',
  'http://www.w3.org/2000/09/xmldsig#hmac-sha1',
  'http://www.w3.org/2000/09/xmldsig#sha1',
  'http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha1',
]);

/** Whether a signature algorithm named in the HTTP-Redirect binding's `SigAlg` is a SHA-1 one. */
export function isSha1Algorithm(uri: string | undefined): boolean {
  return uri !== undefined && SHA1_ALGORITHMS.has(uri.trim());
}

/**
 * Refuses signatures made with SHA-1 (RSA-SHA1, or SHA-1 digests of the signed parts): collisions in
 * SHA-1 are practical, and node-saml accepts whatever the signature names. Only the `SignedInfo` of a
 * signature is read: an encrypted key's OAEP digest (SHA-1 by default, and harmless there) is not a
 * signature. `allowSha1` is for an IdP that cannot do better; the plugin says so in its log at start.
 */
export function checkSignatureAlgorithms(xml: string, allowSha1: boolean): void {
  if (allowSha1) return;
  for (const [signedInfo] of xml.matchAll(/<(?:[\w.-]+:)?SignedInfo\b[\s\S]*?<\/(?:[\w.-]+:)?SignedInfo\s*>/g)) {
    for (const m of signedInfo.matchAll(/\sAlgorithm\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
      if (isSha1Algorithm(decodeXmlText(m[1] ?? m[2] ?? ''))) throw new SamlRefusal('weak_signature');
    }
  }
}

/**
 * The Response's own Issuer, when it has one (it is optional), must be the configured IdP: node-saml
 * compares issuers only for logout messages. The assertion's Issuer is checked from the signed
 * assertion itself ({@link checkAssertionIssuer}).
 */
export function checkResponseIssuer(xml: string, idpIssuer: string): void {
  const first = /<(?:[\w.-]+:)?Response\b[^>]*>\s*(?:<!--[\s\S]*?-->\s*)*<(?:[\w.-]+:)?Issuer\b[^>]*>([^<]*)<\//.exec(xml);
  if (first && decodeXmlText(first[1]!).trim() !== idpIssuer) throw new SamlRefusal('issuer');
}

/** The signed assertion's Issuer (as node-saml parsed the signed bytes) must be the configured IdP. */
export function checkAssertionIssuer(assertion: Record<string, unknown> | undefined, idpIssuer: string): void {
  const issuer = Array.isArray(assertion?.Issuer) ? (assertion.Issuer[0] as unknown) : undefined;
  const value = typeof issuer === 'string' ? issuer : (issuer as { _?: unknown } | undefined)?._;
  if (typeof value !== 'string' || value.trim() !== idpIssuer) throw new SamlRefusal('issuer');
}

function decodeXmlText(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_m, dec: string) => String.fromCodePoint(Number(dec)))
    .replace(/&(lt|gt|quot|apos|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!);
}

/**
 * The checks above on what an encrypted assertion hides: the signature inside it (node-saml keeps the
 * decrypted text to itself, so it is decrypted here once more with node-saml's own function). A
 * response that does not decrypt is left to node-saml, which refuses it.
 */
export async function checkEncryptedAssertions(xml: string, decryptionKey: string | undefined, allowSha1: boolean): Promise<void> {
  if (!decryptionKey) return;
  for (const [encrypted] of xml.matchAll(/<(?:[\w.-]+:)?EncryptedAssertion\b[\s\S]*?<\/(?:[\w.-]+:)?EncryptedAssertion\s*>/g)) {
    const plain = await decryptXml(encrypted, decryptionKey).catch(() => null);
    if (plain === null) continue;
    refuseDtd(plain);
    checkSignatureAlgorithms(plain, allowSha1);
  }
}
