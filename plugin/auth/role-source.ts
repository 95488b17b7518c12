import type { StaffRole } from '../domain/roles.js';

/** Who the identity provider says signed in. */
export interface StaffIdentity {
  sub: string;
  name: string;
  email: string | null;
}

/** A role on a KEP named by its code, as the counter application (θυρίδες) knows it. */
export interface RoleAtStore {
  storeCode: string;
  role: StaffRole;
}

/**
 * The port through which roles reach us at every sign-in. Adapters: the counter application's HTTP
 * API, IdP claims, a static file for demos. Roles are never stored as the truth.
 */
export interface RoleSource {
  rolesFor(identity: StaffIdentity): Promise<RoleAtStore[]>;
}
