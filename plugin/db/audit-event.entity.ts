import { defineEntity, p } from '@mikro-orm/core';

/** Who did what to which object, when, before and after. Append-only: nothing updates or deletes it. */
export const AuditEventSchema = defineEntity({
  name: 'AuditEvent',
  tableName: 'audit_event',
  properties: {
    id: p.bigint().primary().autoincrement(),
    storeId: p.uuid().nullable(),
    actor: p.string().length(200),
    action: p.string().length(64),
    entityType: p.string().length(64),
    entityId: p.string().length(64),
    before: p.json<Record<string, unknown>>().nullable(),
    after: p.json<Record<string, unknown>>().nullable(),
    at: p.datetime().onCreate(() => new Date()),
  },
});

export class AuditEvent extends AuditEventSchema.class {}
AuditEventSchema.setClass(AuditEvent);
