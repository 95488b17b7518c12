import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { recordAudit } from '../db/record-audit.js';
import type { AppointmentStatus } from '../domain/appointment-status.js';
import { END_OF_DAY_LOOKBACK_DAYS, endOfDayCutoff, missedByStaffAtEndOfDay } from '../domain/attendance.js';
import { addDays, localDateOf, localDay } from '../domain/local-day.js';
import { ATHENS } from '../domain/local-time.js';
import { sqlEm } from '../db/sql-em.js';
import { issuePriorityToken } from '../priority/priority-rebooking.js';
import type { AttendanceSettings } from './attendance-options.js';
import { JOB_LOCKS, sql, withJobLock, type Locked } from './job-lock.js';

/** The actor of the audit events this job writes. */
export const END_OF_DAY_ACTOR = 'system:end-of-day';

/** Where the "book again first in line" link points: the template, or the plugin's own priority endpoint. */
export interface RebookLinks {
  rebookUrl?: string | undefined;
  publicUrl?: string | undefined;
}

/** What one pass did; `more` when a full batch was marked and another pass should follow at once. */
export interface EndOfDayResult {
  marked: number;
  apologies: number;
  more: boolean;
}

interface Candidate {
  id: string;
  store_id: string;
  status: AppointmentStatus;
  starts_at: Date | string;
  ends_at: Date | string;
  email: string | null;
}

const BATCH = 500;

/** The end-of-day marking under its advisory lock; cheap when there is nothing to mark, so it runs at every tick. */
export function runEndOfDay(orm: MikroORM, now: Date, settings: AttendanceSettings, links: RebookLinks): Promise<Locked<EndOfDayResult>> {
  return withJobLock(orm, JOB_LOCKS.endOfDay, (em) => markEndOfDay(em, now, settings, links));
}

/**
 * Once a day has ended (`endOfDay`, Athens time), its appointments still only booked become
 * `missed_by_staff`: nobody at the KEP recorded that the citizen came, was served or did not come.
 * Each such citizen with an email gets an apology with a priority token to book again first in line.
 * The status change, its audit event, the token and the email are one transaction; a staff member's
 * change that commits first wins (the update only takes rows still booked).
 */
export async function markEndOfDay(em: EntityManager, now: Date, settings: AttendanceSettings, links: RebookLinks): Promise<EndOfDayResult> {
  const cutoff = endOfDayCutoff(now, settings.endOfDay, ATHENS);
  const rows = await sql<Candidate>(
    em,
    `select id, store_id, status, starts_at, ends_at, email from appointment
      where status = 'booked' and call_started_at is null and starts_at >= ? and starts_at < ? and ends_at <= ?
      order by starts_at
      limit ${BATCH}
      for update skip locked`,
    [new Date(cutoff.getTime() - END_OF_DAY_LOOKBACK_DAYS * 86_400_000), cutoff, now],
  );
  const due = rows.filter((r) =>
    missedByStaffAtEndOfDay({ status: r.status, startsAt: new Date(r.starts_at), endsAt: new Date(r.ends_at), callStartedAt: null, attentionAt: null }, now, cutoff),
  );
  if (due.length === 0) return { marked: 0, apologies: 0, more: false };
  const marked = await sql<{ id: string }>(
    em,
    `update appointment set status = 'missed_by_staff', status_changed_at = ?, status_changed_by = ?, version = version + 1
      where id = any(array[?]::uuid[]) and status = 'booked' returning id`,
    [now, END_OF_DAY_ACTOR, due.map((r) => r.id)],
  );
  const markedIds = new Set(marked.map((m) => m.id));
  let apologies = 0;
  for (const r of due) {
    if (!markedIds.has(r.id)) continue;
    recordAudit(em, {
      actor: END_OF_DAY_ACTOR,
      action: 'appointment.status',
      entityType: 'appointment',
      entityId: r.id,
      storeId: r.store_id,
      before: { status: 'booked' },
      after: { status: 'missed_by_staff', endOfDay: settings.endOfDay },
    });
    if (r.email) apologies += await writeApology(em, r, now, settings.priorityDays, links);
  }
  await em.flush();
  return { marked: markedIds.size, apologies, more: rows.length === BATCH };
}

/** A priority token made at `now` is valid to the end of the `days`-th local day after it (a date a person can be told). */
export function priorityExpiry(now: Date, days: number): Date {
  return new Date(localDay(addDays(localDateOf(now.getTime(), ATHENS), days + 1), ATHENS).at(0));
}

/** The priority token (only its hash is kept) and the apology carrying its link, once per appointment. */
async function writeApology(em: EntityManager, r: Candidate, now: Date, priorityDays: number, links: RebookLinks): Promise<number> {
  // A token the waiting room gave earlier is replaced (the newest link works); a used one leaves none.
  const token = await issuePriorityToken(sqlEm(em), { appointmentId: r.id, storeId: r.store_id, now, expiresAt: priorityExpiry(now, priorityDays) });
  const link = token ? rebookLink(links, token) : null;
  // The link travels in the outbox row only until the email is sent; then the worker erases it.
  const inserted = await sql<{ id: string }>(
    em,
    `insert into outbox_message (kind, appointment_id, manage_url) values ('appointment.apology', ?, ?)
     on conflict (appointment_id) where kind = 'appointment.apology' do nothing returning id`,
    [r.id, link],
  );
  return inserted.length;
}

/** The link of a priority token, or null when the plugin does not know where it is reached from. */
export function rebookLink(links: RebookLinks, token: string): string | null {
  if (links.rebookUrl) return links.rebookUrl.replace('{token}', encodeURIComponent(token));
  return links.publicUrl ? `${links.publicUrl.replace(/\/$/, '')}/api/v1/priority/${token}` : null;
}
