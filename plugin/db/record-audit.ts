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
