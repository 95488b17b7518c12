import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { AlertReason } from '../db/outbox-message.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { AppointmentStatus } from '../domain/appointment-status.js';
import { ESCALATION_LOOKBACK_MS, escalationDue } from '../domain/attendance.js';
import type { AttendanceSettings } from './attendance-options.js';
import { JOB_LOCKS, sql, withJobLock, type Locked } from './job-lock.js';

/** The actor of the audit events this job writes. */
export const ESCALATION_ACTOR = 'system:escalation';

/** What one pass did: appointments flagged, alert emails written. */
export interface EscalationResult {
  flagged: number;
  alerts: number;
}

interface Candidate {
  id: string;
  store_id: string;
  status: AppointmentStatus;
  starts_at: Date | string;
  ends_at: Date | string;
  code: string;
  contact_email: string | null;
}

/** At most this many per pass; the next pass (a minute later) takes the rest. */
const BATCH = 500;

/** The escalation check under its advisory lock: run it every minute on every instance. */
export function runEscalation(orm: MikroORM, now: Date, settings: AttendanceSettings): Promise<Locked<EscalationResult>> {
  return withJobLock(orm, JOB_LOCKS.escalation, (em) => escalate(em, now, settings));
}

/**
 * Flags every appointment that is still only booked `escalateAfterMinutes` after its start (and
 * whose video call nobody started): it shows as needing attention on the staff screen, and the KEP's
 * administrator gets one alert email per address. Flagged once: `attention_at` is set, and a unique
 * index keeps one alert per appointment and address whatever runs twice.
 */
export async function escalate(em: EntityManager, now: Date, settings: AttendanceSettings): Promise<EscalationResult> {
  const minutes = settings.escalateAfterMinutes;
  // All KEPs at once: a system job, not a person's request, so no caller's store scope applies.
  const rows = await sql<Candidate>(
    em,
    `select a.id, a.store_id, a.status, a.starts_at, a.ends_at, s.code, s.contact_email
       from appointment a join store s on s.id = a.store_id
      where a.status = 'booked' and a.attention_at is null and a.call_started_at is null
        and a.starts_at > ? and a.starts_at <= ?
      order by a.starts_at
      limit ${BATCH}
      for update of a skip locked`,
    [new Date(now.getTime() - ESCALATION_LOOKBACK_MS), new Date(now.getTime() - minutes * 60_000)],
  );
  const due = rows.filter((r) =>
    escalationDue({ status: r.status, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), callStartedAt: null, attentionAt: null }, now, minutes),
  );
  if (due.length === 0) return { flagged: 0, alerts: 0 };
  await sql(em, `update appointment set attention_at = ? where id = any(array[?]::uuid[]) and status = 'booked' and attention_at is null`, [now, due.map((r) => r.id)]);
  let alerts = 0;
  for (const r of due) {
    alerts += await alertAppointment(em, settings, r, { reason: 'no-action', actor: ESCALATION_ACTOR, action: 'appointment.attention', flag: 'attentionAt', now, afterMinutes: minutes });
  }
  await em.flush();
  return { flagged: due.length, alerts };
}

/** The appointment an alert is about, with its KEP's code and contact address (who is alerted). */
export interface AlertedAppointment {
  id: string;
  store_id: string;
  code: string;
  contact_email: string | null;
}

/** What an attendance job says of its alert: why, who raised it, the flag it set and after how long. */
export interface AlertFacts {
  reason: AlertReason;
  actor: string;
  action: string;
  /** The appointment's flag the job set (`attentionAt`, `callAlertAt` …), as the audit names it. */
  flag: string;
  now: Date;
  afterMinutes: number;
}

/**
 * Raises one appointment's alert, in the job's transaction: the email to each of its KEP's recipients
 * (once per reason) and the audit of the flag the job set. Every attendance alert goes this way, so
 * an administrator gets them all alike. Answers how many emails were written now.
 */
export async function alertAppointment(em: EntityManager, settings: AttendanceSettings, a: AlertedAppointment, alert: AlertFacts): Promise<number> {
  const recipients = alertRecipients(settings.alertAddresses, a.code, a.contact_email);
  const written = await writeAttentionAlerts(em, { storeId: a.store_id, appointmentId: a.id, recipients, reason: alert.reason });
  recordAudit(em, {
    actor: alert.actor,
    action: alert.action,
    entityType: 'appointment',
    entityId: a.id,
    storeId: a.store_id,
    before: { [alert.flag]: null },
    after: { [alert.flag]: alert.now.toISOString(), afterMinutes: alert.afterMinutes, alerts: recipients.length },
  });
  return written;
}

/**
 * Writes the `staff.attention` alert email about one appointment, for one reason, to each recipient,
 * in the caller's transaction: the one mail path of every attendance alert (no action after the
 * start, not called at the counter, a video call not started). A unique index keeps one per
 * appointment, recipient and reason, whatever runs twice. Answers how many were written now.
 */
export async function writeAttentionAlerts(em: EntityManager, a: { storeId: string; appointmentId: string; recipients: readonly string[]; reason: AlertReason }): Promise<number> {
  let written = 0;
  for (const recipient of a.recipients) {
    const inserted = await sql<{ id: string }>(
      em,
      `insert into outbox_message (kind, store_id, recipient, about_appointment_id, alert_reason) values ('staff.attention', ?, ?, ?, ?)
       on conflict (about_appointment_id, recipient, alert_reason) where kind = 'staff.attention' do nothing returning id`,
      [a.storeId, recipient, a.appointmentId, a.reason],
    );
    written += inserted.length;
  }
  return written;
}

/** Who is alerted for a KEP: its configured addresses, else those for every KEP (`"*"`), else its contact email. */
export function alertRecipients(configured: Readonly<Record<string, readonly string[]>>, storeCode: string, contactEmail: string | null): string[] {
  const list = configured[storeCode] ?? configured['*'] ?? (contactEmail ? [contactEmail] : []);
  return [...new Set(list.map((a) => a.trim().toLowerCase()).filter(Boolean))];
}
