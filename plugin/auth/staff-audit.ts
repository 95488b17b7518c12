import type { EntityManager } from '@mikro-orm/core';
import { AuditEvent } from '../db/audit-event.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { DerivedAccess } from './derive-grants.js';

/** The audit actions of staff sign-in; reasons are short codes, never tokens, assertions or claims. */
export type StaffAuditAction = 'staff.sign_in' | 'staff.sign_in_failed' | 'staff.sign_in_refused' | 'staff.roles_changed' | 'staff.sign_out';

/** Adds a staff audit event to the unit of work (flushed with the caller's change). */
export function auditStaff(
  em: EntityManager,
  action: StaffAuditAction,
  actor: string,
  after: Record<string, unknown> | null = null,
  before: Record<string, unknown> | null = null,
): void {
  recordAudit(em, { actor: actor.slice(0, 200), action, entityType: 'staff', entityId: actor.slice(0, 64), after, before });
}

/** The access this person had at their last sign-in or role change, to tell whether it changed. */
export async function lastKnownAccess(em: EntityManager, sub: string): Promise<DerivedAccess | null> {
  const last = await em.findOne(
    AuditEvent,
    { entityType: 'staff', entityId: sub.slice(0, 64), actor: sub.slice(0, 200), action: { $in: ['staff.sign_in', 'staff.roles_changed'] } },
    { orderBy: { at: 'desc', id: 'desc' } },
  );
  const after = last?.after as Partial<DerivedAccess> | null | undefined;
  return after && Array.isArray(after.grants) ? { grants: after.grants, supervisor: after.supervisor === true } : null;
}
