import type { StoreGrant } from '../domain/roles.js';

/** What a half-finished sign-in remembers between the redirect to the IdP and the callback. */
export interface PendingLogin {
  codeVerifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

/** A signed-in staff member: identity from the IdP, grants from the RoleSource (never stored as truth). */
export interface StaffUser {
  sub: string;
  name: string;
  email: string | null;
  grants: StoreGrant[];
  /** When the grants were last derived, in ms since the epoch. */
  grantsAt: number;
  csrfToken: string;
  idToken?: string;
}

/** The session row's payload: either a sign-in in progress or a signed-in person. */
export type SessionData = { login: PendingLogin; user?: undefined } | { user: StaffUser; login?: undefined };
