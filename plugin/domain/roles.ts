/** Staff roles on a KEP, as the counter application assigns them. */
export const STAFF_ROLES = ['store_admin', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** A person's role on one KEP, as granted at sign-in. */
export interface StoreGrant {
  storeId: string;
  role: StaffRole;
}

/** Both operators and store administrators record appointments of their own KEPs. */
export function canManageAppointments(grants: readonly StoreGrant[], storeId: string): boolean {
  return grants.some((g) => g.storeId === storeId);
}
