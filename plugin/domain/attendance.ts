import type { AppointmentStatus } from './appointment-status.js';
import { addDays, localDateOf, localDay } from './local-day.js';
import { minutesOf } from './weekly-hours.js';

/**
 * The rules that keep a missed appointment from passing unnoticed (circular 000), as pure functions
 * of the appointment's facts and `now`. The jobs in `plugin/jobs` ask the database for candidates and
 * let these decide; the tests drive them with any clock.
 */

const MINUTE_MS = 60_000;

/** The escalation check looks back this far: older unrecorded appointments belong to the end-of-day marking. */
export const ESCALATION_LOOKBACK_MS = 24 * 60 * MINUTE_MS;

/**
 * The end-of-day marking looks back this many days, so that a plugin that was stopped for a while
 * catches up, while a first start on an old database does not send apologies for ancient history.
 */
export const END_OF_DAY_LOOKBACK_DAYS = 30;

/** What the rules read of an appointment. */
export interface AttendanceFacts {
  status: AppointmentStatus;
  startsAt: Date;
  endsAt: Date;
  /** A video call that staff started: they were there, whatever the status says. */
  callStartedAt: Date | null;
  /** Set once the escalation flagged it. */
  attentionAt: Date | null;
}

/** Whether staff did anything yet: recorded a status other than booked, or started the video call. */
export function staffActed(a: Pick<AttendanceFacts, 'status' | 'callStartedAt'>): boolean {
  return a.status !== 'booked' || a.callStartedAt !== null;
}

/**
 * An appointment is escalated once, when it is still only booked (and no call was started)
 * `afterMinutes` after its start. Appointments older than {@link ESCALATION_LOOKBACK_MS} are left to
 * the end-of-day marking.
 */
export function escalationDue(a: AttendanceFacts, now: Date, afterMinutes: number): boolean {
  const since = now.getTime() - a.startsAt.getTime();
  return !staffActed(a) && a.attentionAt === null && since >= afterMinutes * MINUTE_MS && since < ESCALATION_LOOKBACK_MS;
}

/** Whether an appointment shows as needing attention on the staff screen: flagged, and still nothing recorded. */
export function needsAttention(a: Pick<AttendanceFacts, 'status' | 'callStartedAt' | 'attentionAt'>): boolean {
  return a.attentionAt !== null && !staffActed(a);
}

/**
 * The first instant of the days not yet closed: appointments that start before it belong to a day
 * whose end (`endOfDay`, local "HH:mm") has passed. Before today's end that is today's midnight;
 * from it on, tomorrow's.
 */
export function endOfDayCutoff(now: Date, endOfDay: string, zone: string): Date {
  const today = localDateOf(now.getTime(), zone);
  const closesAt = localDay(today, zone).at(minutesOrThrow(endOfDay));
  const firstOpenDay = now.getTime() >= closesAt ? addDays(today, 1) : today;
  return new Date(localDay(firstOpenDay, zone).at(0));
}

/**
 * Whether the end-of-day marking turns an appointment into `missed_by_staff`: still only booked (no
 * call started), its day closed (it starts before `cutoff`), over by now (an evening queue's last
 * appointment is not marked while it runs), and within {@link END_OF_DAY_LOOKBACK_DAYS}.
 */
export function missedByStaffAtEndOfDay(a: AttendanceFacts, now: Date, cutoff: Date): boolean {
  return (
    !staffActed(a) &&
    a.startsAt.getTime() < cutoff.getTime() &&
    a.endsAt.getTime() <= now.getTime() &&
    a.startsAt.getTime() >= cutoff.getTime() - END_OF_DAY_LOOKBACK_DAYS * 24 * 60 * MINUTE_MS
  );
}

/**
 * The local day whose list the morning job sends at `now`, or null: from `morningListAt` until the
 * end of the day (a plugin started late still sends today's list; never a past day's).
 */
export function morningListDay(now: Date, morningListAt: string, endOfDay: string, zone: string): string | null {
  const today = localDateOf(now.getTime(), zone);
  const day = localDay(today, zone);
  const t = now.getTime();
  return t >= day.at(minutesOrThrow(morningListAt)) && t < day.at(minutesOrThrow(endOfDay)) ? today : null;
}

/** Whether a daily job set for local `at` ("HH:mm") is due at `now`, and for which local day (null: not yet today). */
export function dailyRunDay(now: Date, at: string, zone: string): string | null {
  const today = localDateOf(now.getTime(), zone);
  return now.getTime() >= localDay(today, zone).at(minutesOrThrow(at)) ? today : null;
}

/** The statuses staff may record after the end-of-day marking, with a reason. */
export const AFTER_THE_FACT_STATUSES: readonly AppointmentStatus[] = ['arrived', 'served', 'no_show'];

/** Why a status change is refused: a status a missed appointment cannot take, a missing reason, or an outcome before its time. */
export type StatusChangeProblem = { code: 'not-after-the-fact' | 'reason-required' | 'not-started'; message: string };

/**
 * What is wrong with a status change staff ask for (Greek message), or null when it may go ahead. An
 * appointment the end of the day marked as missed by the KEP changes only to what really happened
 * (arrived, served, did not come), and only with a reason, which the audit keeps: the record of a
 * miss can be corrected, never quietly undone.
 */
export function statusChangeProblem(from: AppointmentStatus, to: AppointmentStatus, reason: string | null | undefined): StatusChangeProblem | null {
  if (from !== 'missed_by_staff') return null;
  if (!AFTER_THE_FACT_STATUSES.includes(to)) {
    return {
      code: 'not-after-the-fact',
      message: 'Ένα ραντεβού που καταγράφηκε ως χαμένο από την υπηρεσία διορθώνεται μόνο σε «Ήρθε», «Εξυπηρετήθηκε» ή «Δεν προσήλθε».',
    };
  }
  if (!reason || reason.trim().length < 3) {
    return { code: 'reason-required', message: 'Γράψτε τον λόγο της διόρθωσης: το ραντεβού είχε καταγραφεί ως χαμένο από την υπηρεσία.' };
  }
  return null;
}

/**
 * Arrival may be recorded this long before the start: citizens come early and the counter notes
 * them as they come in. Whether someone was served or did not come is known only from the start.
 */
export const ARRIVAL_OPENS_MINUTES_BEFORE = 30;

/** The outcomes that record what happened, and so cannot be recorded for the future. */
export const ATTENDANCE_OUTCOMES = ['arrived', 'served', 'no_show'] as const;
export type AttendanceOutcome = (typeof ATTENDANCE_OUTCOMES)[number];

/**
 * From when `outcome` may be recorded for an appointment starting at `startsAt`: arrival
 * {@link ARRIVAL_OPENS_MINUTES_BEFORE} minutes before, served and did-not-come from the start.
 * The API refuses earlier changes and the staff screen shows the buttons from then (the appointment
 * view carries these instants), so the two cannot disagree.
 */
export function outcomeOpensAt(outcome: AttendanceOutcome, startsAt: Date): Date {
  const before = outcome === 'arrived' ? ARRIVAL_OPENS_MINUTES_BEFORE : 0;
  return new Date(startsAt.getTime() - before * MINUTE_MS);
}

/**
 * Why recording `to` at `now` is premature (Greek message with the local time it opens), or null.
 * Undoing a mark (back to booked) is never premature, nor is correcting an appointment the end of
 * the day already marked as missed (its day is over). A wrong no-show recorded in advance would
 * otherwise feed the directorate's report.
 */
export function prematureOutcomeProblem(from: AppointmentStatus, to: AppointmentStatus, startsAt: Date, now: Date, zone: string): StatusChangeProblem | null {
  if (from === 'missed_by_staff' || !(ATTENDANCE_OUTCOMES as readonly string[]).includes(to)) return null;
  const opensAt = outcomeOpensAt(to as AttendanceOutcome, startsAt);
  if (now.getTime() >= opensAt.getTime()) return null;
  const when = (instant: Date) => localClock(instant, now, zone);
  const message =
    to === 'arrived'
      ? `Η άφιξη καταγράφεται από ${ARRIVAL_OPENS_MINUTES_BEFORE} λεπτά πριν από την ώρα του ραντεβού (από ${when(opensAt)}· το ραντεβού είναι στις ${when(startsAt)}).`
      : `Το ραντεβού δεν έχει αρχίσει ακόμη (${when(startsAt)}): «Εξυπηρετήθηκε» και «Δεν προσήλθε» καταγράφονται από την ώρα έναρξής του.`;
  return { code: 'not-started', message };
}

/** "09:30" on the day of `now`, "06/03/2030 09:30" on another day, in `zone`. */
function localClock(instant: Date, now: Date, zone: string): string {
  const date = localDateOf(instant.getTime(), zone);
  const time = localDay(date, zone).label(instant.getTime());
  if (date === localDateOf(now.getTime(), zone)) return time;
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y} ${time}`;
}

function minutesOrThrow(hhmm: string): number {
  const m = minutesOf(hhmm);
  if (m === null) throw new RangeError(`not a local time "HH:mm": ${hhmm}`);
  return m;
}
