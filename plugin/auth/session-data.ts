import type { StoreGrant } from '../domain/roles.js';
import type { ClaimValue } from './role-source.js';
import type { SamlSessionRef } from './saml-provider.js';

/** An OIDC sign-in between the redirect to the IdP and the callback. */
export interface PendingOidcLogin {
  kind: 'oidc';
  idp: string;
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** A SAML sign-in between the AuthnRequest and the response at our ACS. */
export interface PendingSamlLogin {
  kind: 'saml';
  idp: string;
  /** The AuthnRequest's ID: the response must answer this request, from this browser. */
  requestId: string;
  returnTo: string;
}

/** A GSIS OAuth 2.0 sign-in between the redirect to the service and its callback. */
export interface PendingGsisLogin {
  kind: 'gsis';
  idp: string;
  state: string;
  /** Used only when the provider sends PKCE. */
  codeVerifier: string;
  returnTo: string;
}

/** What a half-finished sign-in remembers. */
export type PendingLogin = PendingOidcLogin | PendingSamlLogin | PendingGsisLogin;

/** A signed-in staff member: identity from the IdP, grants from the RoleSource (never stored as truth). */
export interface StaffUser {
  sub: string;
  name: string;
  email: string | null;
  grants: StoreGrant[];
  /** A member of the directorate: reads every KEP, changes nothing. */
  supervisor?: boolean;
  /** When the grants were last derived, in ms since the epoch. */
  grantsAt: number;
  csrfToken: string;
  /** Which identity provider signed them in (`host` in host-platform mode). */
  idp?: string;
  /** Role-bearing claims or attributes, for a RoleSource that reads them at refresh. */
  claims?: Record<string, ClaimValue>;
  /** For RP-initiated logout (OIDC). */
  idToken?: string;
  /** For single logout (SAML). */
  saml?: SamlSessionRef;
}

/** The session row's payload: either a sign-in in progress or a signed-in person. */
export type SessionData = { login: PendingLogin; user?: undefined } | { user: StaffUser; login?: undefined };
