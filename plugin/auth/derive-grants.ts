import type { EntityManager } from '@mikro-orm/core';
import { Store } from '../db/store.entity.js';
import type { StoreGrant } from '../domain/roles.js';
import type { RoleSource, StaffIdentity } from './role-source.js';

/** Asks the RoleSource and turns its KEP codes into our store ids; unknown codes are ignored. */
export async function deriveGrants(em: EntityManager, roles: RoleSource, identity: StaffIdentity): Promise<StoreGrant[]> {
  const atStores = await roles.rolesFor(identity);
  if (atStores.length === 0) return [];
  const stores = await em.find(Store, { code: { $in: atStores.map((r) => r.storeCode) } });
  const idByCode = new Map(stores.map((s) => [s.code, s.id]));
  return atStores.flatMap((r) => {
    const storeId = idByCode.get(r.storeCode);
    return storeId ? [{ storeId, role: r.role }] : [];
  });
}
