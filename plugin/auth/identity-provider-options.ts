import { z } from 'zod';

const ProviderId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, 'an id of lower-case letters, digits and dashes');

/** An OpenID Connect provider (discovery, code flow with PKCE, state and nonce). */
export const OidcProviderOptions = z.object({
  id: ProviderId,
  kind: z.literal('oidc'),
  /** Shown on the chooser page, e.g. «Ενιαία Ψηφιακή Πύλη (OpenID Connect)». */
  label: z.string().min(1).optional(),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scope: z.string().default('openid profile email'),
  /** Tolerated clock difference for ID-token times, in seconds. */
  clockToleranceSeconds: z.number().int().min(0).max(300).default(30),
  /** ID-token claims kept for a claims RoleSource. */
  roleClaims: z.array(z.string().min(1)).default(['kep_assignments', 'kep_directorate']),
  /** Marks the bundled demo provider; refused in production. */
  demo: z.boolean().default(false),
});

/** Which SAML attributes hold who the person is. */
const SamlAttributeNames = z
  .object({
    /** The stable id the RoleSource knows; unset: the NameID. */
    sub: z.string().min(1).optional(),
    name: z.string().min(1).default('displayName'),
    email: z.string().min(1).default('mail'),
    /** Attributes kept for a claims RoleSource (e.g. `kep_assignments`, `kep_directorate`). */
    roles: z.array(z.string().min(1)).default(['kep_assignments', 'kep_directorate']),
  })
  .default({ name: 'displayName', email: 'mail', roles: ['kep_assignments', 'kep_directorate'] });

/** A SAML 2.0 identity provider (HTTP-Redirect AuthnRequest, HTTP-POST response to our ACS). */
export const SamlProviderOptions = z.object({
  id: ProviderId,
  kind: z.literal('saml'),
  label: z.string().min(1).optional(),
  /** The IdP's single sign-on URL. */
  entryPoint: z.url(),
  /** The IdP's entityID: responses naming another issuer are refused. */
  idpIssuer: z.string().min(1),
  /** The IdP's signing certificate(s), pinned: PEM or base64 DER. Several while it rolls its key. */
  idpCert: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  /** Our entityID; default `{publicUrl}/auth/saml/{id}/metadata`. */
  spEntityId: z.string().min(1).optional(),
  /** The IdP's single logout URL, when it offers single logout. */
  logoutUrl: z.url().optional(),
  /** Our key and certificate to sign AuthnRequests and LogoutRequests (PEM). */
  signingKey: z.string().min(1).optional(),
  signingCert: z.string().min(1).optional(),
  /** Our key and certificate for encrypted assertions (PEM); the certificate is published in our metadata. */
  decryptionKey: z.string().min(1).optional(),
  decryptionCert: z.string().min(1).optional(),
  /** Refuse any assertion that did not come encrypted to us (node-saml alone accepts both). */
  wantAssertionsEncrypted: z.boolean().default(false),
  /** Require the whole Response signed too (assertions are always required signed). */
  wantAuthnResponseSigned: z.boolean().default(true),
  acceptedClockSkewMs: z.number().int().min(0).max(300_000).default(60_000),
  /**
   * Accept signatures made with SHA-1 (RSA-SHA1, SHA-1 digests), refused by default: only for an IdP
   * that cannot sign with SHA-256; the plugin logs it at start.
   */
  allowSha1: z.boolean().default(false),
  attributes: SamlAttributeNames,
  demo: z.boolean().default(false),
}).superRefine((p, ctx) => {
  // Our metadata must tell the IdP what to encrypt to, and a key we cannot publish is a typo.
  if (Boolean(p.decryptionKey) !== Boolean(p.decryptionCert)) {
    ctx.addIssue({ code: 'custom', path: ['decryptionCert'], message: 'decryptionKey and decryptionCert go together' });
  }
  if (p.wantAssertionsEncrypted && !p.decryptionKey) {
    ctx.addIssue({ code: 'custom', path: ['wantAssertionsEncrypted'], message: 'encrypted assertions need decryptionKey and decryptionCert' });
  }
});

/** How the plugin reaches a GSIS OAuth 2.0 service (ΓΓΠΣ): for staff or for citizens. */
export const GsisConnectionOptions = z.object({
  /** e.g. `https://oauth2.gsis.gr/oauth2servergov/` (staff) or `https://oauth2.gsis.gr/oauth2server/` (citizens). */
  baseUrl: z.url().transform((u) => (u.endsWith('/') ? u : `${u}/`)),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  /** `read`, as public clients send; empty: no scope parameter. */
  scope: z.string().default('read'),
  /** For the token and the userinfo calls, each. */
  timeoutMs: z.number().int().min(100).max(30_000).default(5000),
  /** Also send PKCE (S256); GSIS does not document it, so it is off unless the service is known to accept it. */
  pkce: z.boolean().default(false),
  /** Marks the bundled stand-in; refused in production. */
  demo: z.boolean().default(false),
});

/**
 * A GSIS OAuth 2.0 service for staff («κωδικοί δημόσιας διοίκησης»): plain OAuth 2.0, userinfo in
 * XML, no email and no organisation (roles come from the RoleSource).
 */
export const GsisProviderOptions = GsisConnectionOptions.extend({
  id: ProviderId,
  kind: z.literal('gsis'),
  label: z.string().min(1).optional(),
  /** Which userinfo attribute is the staff subject the RoleSource knows. */
  subject: z.enum(['userid', 'taxid']).default('userid'),
});

/** One configured identity provider. */
export const IdentityProviderOptions = z.discriminatedUnion('kind', [OidcProviderOptions, SamlProviderOptions, GsisProviderOptions]);

export type OidcProviderConfig = z.output<typeof OidcProviderOptions>;
export type SamlProviderConfig = z.output<typeof SamlProviderOptions>;
export type GsisProviderConfig = z.output<typeof GsisProviderOptions>;
export type IdentityProviderConfig = z.output<typeof IdentityProviderOptions>;
export type IdentityProviderInput = z.input<typeof IdentityProviderOptions>;
