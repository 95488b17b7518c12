import type { Appointment } from '../db/appointment.entity.js';
import { needsAttention } from '../domain/attendance.js';
import type { z } from './zod-openapi.js';
import type { AppointmentView } from './schemas/appointment.schema.js';

/** The JSON shape of an appointment; its queue must be loaded. */
export function toAppointmentView(a: Appointment): z.infer<typeof AppointmentView> {
  return {
    id: a.id,
    storeId: a.store.id,
    queueId: a.queue.id,
    queueName: a.queue.name,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    durationMinutes: Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email ?? null,
    phone: a.phone ?? null,
    taxId: a.taxId ?? null,
    business: a.businessName && a.businessTaxId ? { name: a.businessName, taxId: a.businessTaxId } : null,
    procedure: a.procedure ?? null,
    procedureId: a.procedureId ?? null,
    notes: a.notes ?? null,
    mode: a.mode,
    videoLink: a.videoLink ?? null,
    status: a.status,
    source: a.source,
    statusChangedAt: a.statusChangedAt?.toISOString() ?? null,
    statusChangedBy: a.statusChangedBy ?? null,
    cancelledReason: a.cancelledReason ?? null,
    statusReason: a.statusReason ?? null,
    callStartedAt: a.callStartedAt?.toISOString() ?? null,
    callStartedBy: a.callStartedBy ?? null,
    needsAttention: needsAttention({ status: a.status, callStartedAt: a.callStartedAt ?? null, attentionAt: a.attentionAt ?? null }),
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}

/** The audited snapshot of an appointment: the fields a person edits, compared by the history. */
export function auditSnapshot(a: Appointment): Record<string, unknown> {
  return {
    queueId: a.queue.id,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email ?? null,
    phone: a.phone ?? null,
    taxId: a.taxId ?? null,
    businessName: a.businessName ?? null,
    businessTaxId: a.businessTaxId ?? null,
    procedure: a.procedure ?? null,
    notes: a.notes ?? null,
    mode: a.mode,
    status: a.status ?? 'booked',
    source: a.source,
    cancelledReason: a.cancelledReason ?? null,
  };
}
