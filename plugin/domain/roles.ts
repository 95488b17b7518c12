/** Staff roles on a KEP, as the counter application assigns them. */
export const STAFF_ROLES = ['store_admin', 'operator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/**
 * What a grant on one KEP can be: a role the counter application gives there, or `supervisor`, the
 * directorate's read-only view of every KEP (added per request for a supervisor, never stored).
 */
export type GrantRole = StaffRole | 'supervisor';

/** A person's role on one KEP, as granted at sign-in. */
export interface StoreGrant {
  storeId: string;
  role: GrantRole;
}

/** Both operators and store administrators record appointments of their own KEPs; a supervisor only reads. */
export function canManageAppointments(grants: readonly StoreGrant[], storeId: string): boolean {
  return grants.some((g) => g.storeId === storeId && g.role !== 'supervisor');
}

/** Anyone with a grant on the KEP reads its queues, hours, exceptions and free slots. */
export function canReadStore(grants: readonly StoreGrant[], storeId: string): boolean {
  return grants.some((g) => g.storeId === storeId);
}

/** Only the KEP's store administrator changes its queues and exceptions. */
export function canAdministerStore(grants: readonly StoreGrant[], storeId: string): boolean {
  return grants.some((g) => g.storeId === storeId && g.role === 'store_admin');
}

/** A person's place in a KEP as the counter (θυρίδες) application records it. */
export const KEP_POSITIONS = ['head', 'counter_lead', 'counter_staff'] as const;
export type KepPosition = (typeof KEP_POSITIONS)[number];

/** One KEP a person works in, and in what position. */
export interface KepAssignment {
  kepCode: string;
  position: KepPosition;
}

/** The roles that follow from a person's assignments: per KEP code, and the directorate's read-only view. */
export interface DerivedRoles {
  stores: { storeCode: string; role: StaffRole }[];
  supervisor: boolean;
}

/**
 * The head of a KEP and the employee in charge of its counters administer it (store_admin); other
 * counter staff are operators; members of the directorate are central supervisors, who read every
 * KEP and change nothing. A person listed twice in one KEP gets the stronger role.
 */
export function rolesFromAssignments(assignments: readonly KepAssignment[], directorate: boolean): DerivedRoles {
  const byCode = new Map<string, StaffRole>();
  for (const a of assignments) {
    const role: StaffRole = a.position === 'counter_staff' ? 'operator' : 'store_admin';
    if (byCode.get(a.kepCode) !== 'store_admin') byCode.set(a.kepCode, role);
  }
  return { stores: [...byCode].map(([storeCode, role]) => ({ storeCode, role })), supervisor: directorate };
}
