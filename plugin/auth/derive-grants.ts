import type { EntityManager } from '@mikro-orm/core';
import { Store } from '../db/store.entity.js';
import type { StoreGrant } from '../domain/roles.js';
import { normalizeRoles, RoleSourceUnavailableError, type RoleQueryContext, type RoleSource, type StaffIdentity } from './role-source.js';

/** A person's access as we hold it in the session: grants per KEP id, and the supervisor flag. */
export interface DerivedAccess {
  grants: StoreGrant[];
  supervisor: boolean;
}

/** The access, and the email the RoleSource knows (kept apart from the access: it is no role). */
export type DerivedAccessWithEmail = DerivedAccess & { email?: string };

/**
 * Asks the RoleSource and turns its KEP codes into our store ids; unknown codes are ignored. Any
 * failure of the source becomes RoleSourceUnavailableError: callers fail closed on it.
 */
export async function deriveGrants(
  em: EntityManager,
  roles: RoleSource,
  identity: StaffIdentity,
  reason: RoleQueryContext['reason'] = 'refresh',
): Promise<DerivedAccessWithEmail> {
  const answer = await roles.rolesFor(identity, { reason }).catch((err: unknown) => {
    throw err instanceof RoleSourceUnavailableError ? err : new RoleSourceUnavailableError('role source failed', { cause: err });
  });
  const { stores: atStores, supervisor, email } = normalizeRoles(answer);
  const known = email ? { email } : {};
  if (atStores.length === 0) return { grants: [], supervisor, ...known };
  const stores = await em.find(Store, { code: { $in: atStores.map((r) => r.storeCode) } });
  const idByCode = new Map(stores.map((s) => [s.code, s.id]));
  const grants = atStores.flatMap((r) => {
    const storeId = idByCode.get(r.storeCode);
    return storeId ? [{ storeId, role: r.role }] : [];
  });
  return { grants, supervisor, ...known };
}

/** True when two answers give the same access (order does not matter). */
export function sameAccess(a: DerivedAccess, b: DerivedAccess): boolean {
  const key = (x: DerivedAccess) => `${x.supervisor}|${x.grants.map((g) => `${g.storeId}:${g.role}`).sort().join(',')}`;
  return key(a) === key(b);
}
