/**
 * XML Encryption of a SAML assertion to the SP's certificate, as an IdP does it: AES-256-GCM for the
 * assertion, its key wrapped with RSA-OAEP (MGF1, SHA-1 digest: the XML Encryption default every SP
 * reads). Written with node:crypto rather than the SP's own library, so a test that decrypts it
 * proves two independent implementations agree.
 */
import { constants, createCipheriv, publicEncrypt, randomBytes } from 'node:crypto';

const XENC = 'http://www.w3.org/2001/04/xmlenc#';
const DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const ASSERTION = /<saml:Assertion\b[\s\S]*<\/saml:Assertion>/;

/** The EncryptedData element holding `xml`, readable only with the private key of `certPem`. */
export function encryptElement(xml: string, certPem: string): string {
  const key = randomBytes(32);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([iv, cipher.update(xml, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  const wrapped = publicEncrypt({ key: certPem, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha1' }, key);
  const cert = certPem.replace(/-----[A-Z ]+-----|\s/g, '');
  return (
    `<xenc:EncryptedData xmlns:xenc="${XENC}" Type="${XENC}Element">` +
    `<xenc:EncryptionMethod Algorithm="http://www.w3.org/2009/xmlenc11#aes256-gcm"/>` +
    `<ds:KeyInfo xmlns:ds="${DSIG}"><xenc:EncryptedKey>` +
    `<xenc:EncryptionMethod Algorithm="${XENC}rsa-oaep-mgf1p"><ds:DigestMethod Algorithm="${DSIG}sha1"/></xenc:EncryptionMethod>` +
    // Which of the SP's keys it is for (an SP rolling its key has two).
    `<ds:KeyInfo><ds:X509Data><ds:X509Certificate>${cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${wrapped.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedKey></ds:KeyInfo>` +
    `<xenc:CipherData><xenc:CipherValue>${body.toString('base64')}</xenc:CipherValue></xenc:CipherData>` +
    `</xenc:EncryptedData>`
  );
}

/**
 * Replaces the (already signed) assertion of a response built by `buildSamlResponse` with an
 * EncryptedAssertion: the signature travels inside, so the SP checks it after decrypting.
 */
export function encryptAssertion(responseXml: string, spCertPem: string): string {
  const assertion = ASSERTION.exec(responseXml)?.[0];
  if (!assertion) throw new Error('no assertion to encrypt');
  return responseXml.replace(assertion, `<saml:EncryptedAssertion>${encryptElement(assertion, spCertPem)}</saml:EncryptedAssertion>`);
}
