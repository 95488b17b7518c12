import type { EntityManager } from '@mikro-orm/core';
import { AuditEvent } from './audit-event.entity.js';

/** One audit line; persisted with the caller's next flush, so it shares the change's transaction. */
export interface AuditInput {
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  storeId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Adds an audit event to the unit of work (flushed together with the change it describes). */
export function recordAudit(em: EntityManager, input: AuditInput): void {
  em.create(AuditEvent, { storeId: null, before: null, after: null, ...input });
}

/**
 * Whether two audit snapshots say the same (object keys in any order). An edit whose before and after
 * are the same changed nothing, and is not recorded: the audit lists what happened, not what was asked.
 */
export function sameSnapshot(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) : v,
  );
}
