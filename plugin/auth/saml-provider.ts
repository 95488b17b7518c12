import { inflateRawSync } from 'node:zlib';
import type { MikroORM } from '@mikro-orm/core';
import { SAML, ValidateInResponseTo, type Profile } from '@node-saml/passport-saml';
import type { SamlProviderConfig } from './identity-provider-options.js';
import type { ClaimValue, StaffIdentity } from './role-source.js';
import { claimAssertionId, PostgresSamlCacheProvider, SAML_REQUEST_TTL_MS } from './saml-cache-provider.js';
import { checkAssertionIssuer, checkEncryptedAssertions, checkResponseIssuer, checkSignatureAlgorithms, refuseDtd } from './saml-checks.js';
import { SamlRefusal } from './saml-refusal.js';

/** What we keep of a SAML sign-in to end it later with single logout. */
export interface SamlSessionRef {
  nameId: string;
  nameIdFormat: string;
  sessionIndex?: string;
  nameQualifier?: string;
  spNameQualifier?: string;
}

export { SamlRefusal };

/** One SAML identity provider as the plugin uses it: created once at start, shared by all requests. */
export interface SamlIdentityProvider {
  config: SamlProviderConfig;
  /** Our entityID and endpoints at this IdP. */
  spEntityId: string;
  acsUrl: string;
  sloUrl: string;
  /** The SAML object itself (one per IdP, never one per request: it owns the InResponseTo cache). */
  saml: SAML;
  /** Our metadata for the IdP's administrators. */
  metadata(): string;
  /** The IdP URL to send the browser to, and the id of the AuthnRequest in it. */
  startLogin(): Promise<{ url: string; requestId: string }>;
  /** Checks a POSTed response to our ACS: no DTD, signature and its algorithms, issuer, audience, destination, times, InResponseTo, replay. */
  verifyLogin(samlResponse: string, expectedRequestId: string): Promise<{ identity: StaffIdentity; ref: SamlSessionRef }>;
}

const ASSERTION_MAX_AGE_MS = 10 * 60_000;

/** Builds the SAML object of one IdP with the safe settings of ../shared/SECURITY.md. */
export function createSamlIdentityProvider(orm: MikroORM, config: SamlProviderConfig, publicUrl: string): SamlIdentityProvider {
  const base = `${publicUrl.replace(/\/$/, '')}/auth/saml/${config.id}`;
  const acsUrl = `${base}/acs`;
  const sloUrl = `${base}/slo`;
  const spEntityId = config.spEntityId ?? `${base}/metadata`;
  const saml = new SAML({
    entryPoint: config.entryPoint,
    issuer: spEntityId,
    audience: spEntityId,
    callbackUrl: acsUrl,
    logoutCallbackUrl: sloUrl,
    ...(config.logoutUrl ? { logoutUrl: config.logoutUrl } : {}),
    idpIssuer: config.idpIssuer,
    idpCert: config.idpCert,
    wantAssertionsSigned: true,
    wantAuthnResponseSigned: config.wantAuthnResponseSigned,
    acceptedClockSkewMs: config.acceptedClockSkewMs,
    maxAssertionAgeMs: ASSERTION_MAX_AGE_MS,
    validateInResponseTo: ValidateInResponseTo.always,
    requestIdExpirationPeriodMs: SAML_REQUEST_TTL_MS,
    cacheProvider: new PostgresSamlCacheProvider(orm, config.id),
    identifierFormat: null,
    disableRequestedAuthnContext: true,
    signatureAlgorithm: 'sha256',
    digestAlgorithm: 'sha256',
    ...(config.signingKey ? { privateKey: config.signingKey, publicCert: config.signingCert } : {}),
    ...(config.decryptionKey ? { decryptionPvk: config.decryptionKey } : {}),
  });

  return {
    config,
    spEntityId,
    acsUrl,
    sloUrl,
    saml,
    metadata: () => saml.generateServiceProviderMetadata(config.decryptionCert ?? null, config.signingCert ?? null),
    async startLogin() {
      const url = await saml.getAuthorizeUrlAsync('', undefined, {});
      return { url, requestId: requestIdOf(url) };
    },
    async verifyLogin(samlResponse, expectedRequestId) {
      const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
      refuseDtd(xml);
      checkSignatureAlgorithms(xml, config.allowSha1);
      checkResponseIssuer(xml, config.idpIssuer);
      checkEncryptionAlgorithms(samlResponse);
      if (config.wantAssertionsEncrypted) checkEncrypted(samlResponse);
      await checkEncryptedAssertions(xml, config.decryptionKey, config.allowSha1);
      const result = await saml.validatePostResponseAsync({ SAMLResponse: samlResponse }).catch((err: unknown) => {
        throw new SamlRefusal(reasonOf(err));
      });
      const profile = result.profile;
      if (!profile || result.loggedOut) throw new SamlRefusal('no_assertion');
      checkDestination(samlResponse, acsUrl);
      checkAssertionIssuer((profile.getAssertion?.() as { Assertion?: Record<string, unknown> } | undefined)?.Assertion, config.idpIssuer);
      const facts = signedFacts(profile);
      // The checks node-saml leaves to us, read from the signed assertion only.
      if (facts.inResponseTo !== expectedRequestId) throw new SamlRefusal('in_response_to');
      if (facts.recipient !== acsUrl) throw new SamlRefusal('recipient');
      if (!facts.assertionId) throw new SamlRefusal('no_assertion_id');
      const keepUntil = new Date(Math.max(facts.notOnOrAfter ?? 0, Date.now() + ASSERTION_MAX_AGE_MS) + config.acceptedClockSkewMs);
      if (!(await claimAssertionId(orm, config.id, facts.assertionId, keepUntil))) throw new SamlRefusal('replayed');
      return { identity: identityOf(profile, config), ref: sessionRefOf(profile) };
    },
  };
}

/** The ID of the AuthnRequest inside a Redirect-binding URL we just built. */
function requestIdOf(url: string): string {
  const encoded = new URL(url).searchParams.get('SAMLRequest') ?? '';
  const xml = inflateRawSync(Buffer.from(encoded, 'base64')).toString('utf8');
  const id = /\sID="([^"]+)"/.exec(xml)?.[1];
  if (!id) throw new Error('AuthnRequest without ID');
  return id;
}

/** SAML bindings 3.5.5.2: a response delivered to us must name our ACS as its Destination. */
function checkDestination(samlResponse: string, acsUrl: string): void {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  const root = /<(?:[\w-]+:)?Response\b[^>]*>/.exec(xml)?.[0] ?? '';
  const destination = /\sDestination="([^"]*)"/.exec(root)?.[1];
  if (destination !== acsUrl) throw new SamlRefusal('destination');
}

/**
 * With `wantAssertionsEncrypted`, no assertion may travel in clear. Any element named Assertion in
 * the raw XML refuses the response (EncryptedAssertion is another name); node-saml then accepts
 * exactly one assertion in all, so the one it reads is the encrypted one. Markup hidden in a comment
 * refuses too: the mistake falls on the safe side.
 */
function checkEncrypted(samlResponse: string): void {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  if (/<(?:[\w.-]+:)?Assertion[\s/>]/.test(xml)) throw new SamlRefusal('not_encrypted');
}

/**
 * XML Encryption algorithms broken in practice (RSA PKCS#1 v1.5 key transport: Bleichenbacher's
 * oracle; 3DES: retired by NIST). node-saml asks xml-encryption to decrypt whatever the response
 * names, so the response is read first. AES-CBC stays accepted because IdPs still send it; AES-GCM is
 * what our metadata asks for.
 */
const WEAK_ENCRYPTION = /Algorithm="http:\/\/www\.w3\.org\/2001\/04\/xmlenc#(?:rsa-1_5|tripledes-cbc)"/;

function checkEncryptionAlgorithms(samlResponse: string): void {
  const xml = Buffer.from(samlResponse, 'base64').toString('utf8');
  if (WEAK_ENCRYPTION.test(xml)) throw new SamlRefusal('weak_encryption');
}

type XmlJs = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const first = (v: unknown): XmlJs | undefined => (Array.isArray(v) ? (v[0] as XmlJs) : undefined);

/** Facts of the signed assertion (node-saml parsed only the signed bytes into getAssertion()). */
function signedFacts(profile: Profile) {
  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const subject = first(assertion?.Subject);
  const confirmations = (Array.isArray(subject?.SubjectConfirmation) ? subject.SubjectConfirmation : []) as XmlJs[];
  const bearer = confirmations.map((c) => first(c.SubjectConfirmationData)?.$).find((d) => d?.InResponseTo || d?.Recipient);
  // The later of the two expiries: an assertion may carry its end only in SubjectConfirmationData.
  const ends = [first(assertion?.Conditions)?.$?.NotOnOrAfter, bearer?.NotOnOrAfter].map((t) => (t ? Date.parse(t) : NaN)).filter((t) => !Number.isNaN(t));
  return {
    assertionId: assertion?.$?.ID,
    inResponseTo: bearer?.InResponseTo,
    recipient: bearer?.Recipient,
    notOnOrAfter: ends.length ? Math.max(...ends) : undefined,
  };
}

function text(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
}

function identityOf(profile: Profile, config: SamlProviderConfig): StaffIdentity {
  const attrs = (profile.attributes ?? {}) as Record<string, unknown>;
  const sub = config.attributes.sub ? text(attrs[config.attributes.sub]) : profile.nameID;
  if (!sub) throw new SamlRefusal('no_subject');
  const claims: Record<string, ClaimValue> = {};
  for (const name of config.attributes.roles) {
    const v = attrs[name];
    if (typeof v === 'string') claims[name] = v;
    else if (Array.isArray(v)) claims[name] = v.filter((x): x is string => typeof x === 'string');
  }
  return { sub, name: text(attrs[config.attributes.name]) ?? sub, email: text(attrs[config.attributes.email]), claims };
}

function sessionRefOf(profile: Profile): SamlSessionRef {
  return {
    nameId: profile.nameID,
    nameIdFormat: profile.nameIDFormat,
    ...(profile.sessionIndex ? { sessionIndex: profile.sessionIndex } : {}),
    ...(profile.nameQualifier ? { nameQualifier: profile.nameQualifier } : {}),
    ...(profile.spNameQualifier ? { spNameQualifier: profile.spNameQualifier } : {}),
  };
}

/** A short, stable reason for the audit trail from node-saml's error (its messages carry no assertion). */
function reasonOf(err: unknown): string {
  const m = err instanceof Error ? err.message : '';
  // Encrypted to another key, tampered ciphertext, or no key of ours configured.
  if (/decrypt|EncryptedAssertion|rsa routines|unable to authenticate|key length/i.test(m)) return 'decryption';
  if (/InResponseTo/i.test(m)) return 'in_response_to';
  if (/multiple assertions/i.test(m)) return 'multiple_assertions';
  if (/signature/i.test(m)) return 'invalid_signature';
  // node-saml drops a subject confirmation only for its times.
  if (/expired|not yet valid|subject confirmation/i.test(m)) return 'expired';
  if (/audience/i.test(m)) return 'audience';
  if (/issuer/i.test(m)) return 'issuer';
  if (/status|Responder|Requester/i.test(m)) return 'idp_status';
  return 'invalid_response';
}
