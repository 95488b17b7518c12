import type { EntityManager } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { sqlEm } from '../db/sql-em.js';
import { needsAttention, outcomeOpensAt } from '../domain/attendance.js';
import type { z } from '../http/zod-openapi.js';
import type { AppointmentView } from '../schemas/appointment.schema.js';

/** What the view tells beyond the appointment's own row: from its catalogue procedure and its outbox. */
export interface ViewFacts {
  procedureVideoEligible: boolean | null;
  politeNoticeSentAt: string | null;
}

/**
 * The JSON shapes of appointments (their queues loaded), with what the staff screen would otherwise
 * have to guess: whether video serves the catalogue procedure, and when the polite notice went out.
 * One query for the whole page, however long, rather than one per row.
 */
export async function toAppointmentViews(em: EntityManager, appointments: readonly Appointment[]): Promise<z.infer<typeof AppointmentView>[]> {
  const facts = await viewFacts(em, appointments.filter((a) => !knownFacts.has(a)).map((a) => a.id));
  return appointments.map((a) => toView(a, knownFacts.get(a) ?? facts.get(a.id) ?? { procedureVideoEligible: null, politeNoticeSentAt: null }));
}

/** The facts of appointments a write has just made, which it knows without asking (see {@link rememberViewFacts}). */
const knownFacts = new WeakMap<Appointment, ViewFacts>();

/**
 * Tells the view what a write knows of the appointment it has just made (its procedure's video
 * eligibility; no notice sent yet), so that answering it costs no further round trip.
 */
export function rememberViewFacts(a: Appointment, facts: ViewFacts): void {
  knownFacts.set(a, facts);
}

/** The JSON shape of one appointment (its queue loaded); see {@link toAppointmentViews}. */
export async function toAppointmentView(em: EntityManager, a: Appointment): Promise<z.infer<typeof AppointmentView>> {
  const [view] = await toAppointmentViews(em, [a]);
  return view!;
}

async function viewFacts(em: EntityManager, ids: string[]): Promise<Map<string, ViewFacts>> {
  if (ids.length === 0) return new Map();
  // The outbox row, not the audit event, is what the notice route checks before sending again,
  // so the screen and that refusal can never disagree. Its first row counts: a notice goes once.
  const rows: { id: string; video_eligible: boolean | null; notice_at: Date | string | null }[] = await sqlEm(em).execute(
    `select a.id, p.video_eligible,
            (select min(o.created_at) from outbox_message o
              where o.appointment_id = a.id and o.kind = 'appointment.video-not-eligible') as notice_at
       from appointment a left join "procedure" p on p.id = a.procedure_id
      where a.id = any(array[?]::uuid[])`,
    [ids],
  );
  return new Map(
    rows.map((r) => [r.id, { procedureVideoEligible: r.video_eligible, politeNoticeSentAt: r.notice_at === null ? null : new Date(r.notice_at).toISOString() }]),
  );
}

function toView(a: Appointment, facts: ViewFacts): z.infer<typeof AppointmentView> {
  return {
    id: a.id,
    reference: a.reference,
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
    procedureVideoEligible: facts.procedureVideoEligible,
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
    videoWaitingAt: a.videoWaitingAt?.toISOString() ?? null,
    videoAlertAt: a.videoAlertAt?.toISOString() ?? null,
    needsAttention: needsAttention({ status: a.status, callStartedAt: a.callStartedAt ?? null, attentionAt: a.attentionAt ?? null }),
    politeNoticeSentAt: facts.politeNoticeSentAt,
    outcomesFrom: {
      arrived: outcomeOpensAt('arrived', a.startsAt).toISOString(),
      served: outcomeOpensAt('served', a.startsAt).toISOString(),
      no_show: outcomeOpensAt('no_show', a.startsAt).toISOString(),
    },
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    version: a.version,
  };
}

/** What {@link auditSnapshot} reads: an appointment entity, or the values of a row about to be written. */
export type AuditSource = Pick<Appointment, 'startsAt' | 'endsAt' | 'firstName' | 'lastName' | 'mode' | 'source'> & {
  queue: { id: string };
  email?: string | null | undefined;
  phone?: string | null | undefined;
  taxId?: string | null | undefined;
  businessName?: string | null | undefined;
  businessTaxId?: string | null | undefined;
  procedure?: string | null | undefined;
  notes?: string | null | undefined;
  status?: Appointment['status'] | undefined;
  cancelledReason?: string | null | undefined;
};

/** The audited snapshot of an appointment: the fields a person edits, compared by the history. */
export function auditSnapshot(a: AuditSource): Record<string, unknown> {
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
