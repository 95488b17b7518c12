import type { StaffRole } from '../domain/roles.js';

/** Who the identity provider (or the host platform) says signed in. */
export interface StaffIdentity {
  sub: string;
  name: string;
  email: string | null;
  /**
   * The IdP's claims or SAML attributes, for a RoleSource that reads roles from them. Only plain
   * values (strings, string lists, booleans) are kept: never tokens or assertions.
   */
  claims?: Record<string, ClaimValue>;
}

/** A claim or attribute value as kept in the session. */
export type ClaimValue = string | boolean | number | (string | Record<string, unknown>)[] | Record<string, unknown>;

/** A role on a KEP named by its code, as the counter application (θυρίδες) knows it. */
export interface RoleAtStore {
  storeCode: string;
  role: StaffRole;
}

/** Everything a RoleSource says about one person. */
export interface StaffRoles {
  stores: RoleAtStore[];
  /** A member of the directorate: reads every KEP, changes nothing. */
  supervisor: boolean;
  /**
   * The person's work email as the source knows it: used only when the identity provider gave none
   * (GSIS never does), never to replace the one it gave.
   */
  email?: string | null;
}

/**
 * The port through which roles reach us at every sign-in and every few minutes after. Adapters: the
 * counter application's HTTP API, IdP claims, a static file for demos. Roles are never stored as the
 * truth. A plain list means "these KEPs, not a supervisor" (the first version of this port).
 */
export interface RoleSource {
  rolesFor(identity: StaffIdentity, context?: RoleQueryContext): Promise<StaffRoles | RoleAtStore[]>;
}

/** Why roles are asked: at sign-in a source should not answer from a cache while it can ask afresh. */
export interface RoleQueryContext {
  reason: 'sign-in' | 'refresh';
}

/**
 * Thrown by a RoleSource that cannot answer (the counter application is down and nothing fresh is
 * cached). Sign-in is then refused and API calls answer 503: without roles we show nothing.
 */
export class RoleSourceUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RoleSourceUnavailableError';
  }
}

/** The RoleSource's answer in its full form. */
export function normalizeRoles(answer: StaffRoles | RoleAtStore[]): StaffRoles {
  if (Array.isArray(answer)) return { stores: answer, supervisor: false };
  return { stores: answer.stores, supervisor: answer.supervisor === true, ...(answer.email ? { email: answer.email } : {}) };
}
