import { ScheduleRules, type ClosedReason, type QueueSchedule, type ScheduleException } from './day-schedule.js';
import { ATHENS } from './local-time.js';
import { addDays, localDateOf, localDay, type LocalDay } from './local-day.js';

export type { QueueSchedule, ScheduleException } from './day-schedule.js';

const MINUTE_MS = 60_000;

/** A stretch a queue already holds: a live (not cancelled) appointment. */
export interface TakenInterval {
  queueId: string;
  start: Date;
  end: Date;
}

/** Everything the engine looks at; nothing else (no clock, no database) is read. */
export interface AvailabilityInput {
  queues: readonly QueueSchedule[];
  exceptions: readonly ScheduleException[];
  /** Dates (YYYY-MM-DD) closed for every KEP: the public holidays. */
  holidays: ReadonlySet<string> | readonly string[];
  /** The live appointments of these queues; cancelled ones must be left out. */
  taken: readonly TakenInterval[];
  now: Date;
  /** First and last local day to list (YYYY-MM-DD, both included). */
  from: string;
  to: string;
  /** A slot must start at least this long after `now`. */
  minNoticeMinutes?: number;
  /** Slots are offered up to the end of the day `horizonDays - 1` days after today. */
  horizonDays?: number;
  zone?: string;
}

/** A free slot: real instants (ISO, UTC) and the local "HH:mm" a person reads. */
export interface FreeSlot {
  queueId: string;
  start: string;
  end: string;
  label: string;
}

/** The free slots of one local day, by time (and queue order for equal times). */
export interface AvailabilityDay {
  date: string;
  slots: FreeSlot[];
}

/**
 * The free slots of the given queues, day by day from `from` to `to`.
 *
 * A queue's day opens with its weekly hours, changed or closed by exceptions and public holidays
 * (precedence in {@link ScheduleRules}). Each interval is cut into slots of the queue's length from
 * its opening time, stepped in real time, the last one ending by the closing time; a slot is free
 * when it overlaps no taken interval of its queue, starts at least `minNoticeMinutes` after `now`,
 * and lies within the horizon. Inactive queues offer nothing. DST days are handled as described in
 * `local-day.ts`: the spring day lacks 03:00–03:59, the autumn day offers its repeated hour twice.
 */
export function freeSlots(input: AvailabilityInput): AvailabilityDay[] {
  const zone = input.zone ?? ATHENS;
  const rules = new ScheduleRules(input.exceptions, input.holidays, input.from, input.to);
  const now = input.now.getTime();
  const earliest = now + (input.minNoticeMinutes ?? 0) * MINUTE_MS;
  const horizonEnd = input.horizonDays === undefined ? Infinity : localDay(addDays(localDateOf(now, zone), input.horizonDays), zone).at(0);
  const days: LocalDay[] = [];
  for (let d = input.from; d <= input.to; d = addDays(d, 1)) days.push(localDay(d, zone));
  const byDay: FreeSlot[][] = days.map(() => []);
  const busyByQueue = busyIntervals(input.taken);

  for (const queue of input.queues) {
    if (!queue.active || !(queue.slotMinutes > 0)) continue;
    const len = queue.slotMinutes * MINUTE_MS;
    const busy = busyByQueue.get(queue.id) ?? EMPTY;
    let k = 0;
    // The end of the last slot laid out for this queue. Hours that meet a DST gap (e.g. 00:00–03:10
    // and 04:00–… on the spring day, when 03:10 becomes 04:10) would otherwise lay out overlapping
    // slots; a queue serves one citizen at a time, so a slot never starts before the previous one ends.
    let laidOutUntil = -Infinity;
    for (let di = 0; di < days.length; di++) {
      const day = days[di]!;
      const hours = rules.hoursOn(queue, day.date, day.weekday);
      if (!hours.open) continue;
      for (const [open, close] of hours.intervals) {
        const closeAt = day.at(close);
        for (let s = day.at(open); s + len <= closeAt; s += len) {
          if (s < laidOutUntil) continue;
          laidOutUntil = s + len;
          if (s < earliest) continue;
          if (s >= horizonEnd) break;
          const e = s + len;
          // busy is sorted and merged, and slots only move forward: skip what ended already.
          while (k < busy.length && busy[k]![1] <= s) k++;
          if (k < busy.length && busy[k]![0] < e) continue;
          byDay[di]!.push({ queueId: queue.id, start: isoInstant(s), end: isoInstant(e), label: day.label(s) });
        }
      }
    }
  }
  // Each day holds one ascending run per queue; a stable sort by time keeps queue order for ties.
  return days.map((day, i) => ({ date: day.date, slots: byDay[i]!.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0)) }));
}

const EMPTY: readonly (readonly [number, number])[] = [];

const DAY_MS = 86_400_000;
const TIMES = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00.000Z`);
const dayPrefixes = new Map<number, string>();

/**
 * `Date#toISOString` for whole-minute instants, from a per-day prefix and a table of times: slots
 * are always whole minutes, and with thousands per request `toISOString` alone was most of the cost.
 */
function isoInstant(ms: number): string {
  if (ms % MINUTE_MS !== 0) return new Date(ms).toISOString();
  const day = Math.floor(ms / DAY_MS);
  let prefix = dayPrefixes.get(day);
  if (prefix === undefined) {
    prefix = new Date(day * DAY_MS).toISOString().slice(0, 11);
    if (dayPrefixes.size > 10_000) dayPrefixes.clear();
    dayPrefixes.set(day, prefix);
  }
  return prefix + TIMES[(ms - day * DAY_MS) / MINUTE_MS]!;
}

/** Taken intervals per queue, sorted and merged, so both their starts and ends ascend. */
function busyIntervals(taken: readonly TakenInterval[]): Map<string, [number, number][]> {
  const byQueue = new Map<string, [number, number][]>();
  for (const t of taken) {
    let list = byQueue.get(t.queueId);
    if (!list) byQueue.set(t.queueId, (list = []));
    list.push([t.start.getTime(), t.end.getTime()]);
  }
  for (const [id, list] of byQueue) {
    list.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const iv of list) {
      const last = merged[merged.length - 1];
      if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
      else merged.push(iv);
    }
    byQueue.set(id, merged);
  }
  return byQueue;
}

/** Why a time cannot be booked in a queue. */
export type NotBookableReason = 'inactive' | 'past' | ClosedReason | 'outside-hours' | 'taken';

/** What {@link isBookable} needs: one queue, one stretch of time, and the schedule around it. */
export interface BookableInput {
  queue: QueueSchedule;
  start: Date;
  end: Date;
  exceptions: readonly ScheduleException[];
  holidays: ReadonlySet<string> | readonly string[];
  now: Date;
  /** When given, overlapping one of these (of the same queue) is refused too. */
  taken?: readonly TakenInterval[];
  zone?: string;
}

/**
 * Whether staff may book [start, end) in the queue: the queue is active, the day is today or later
 * (staff may record an appointment earlier today, never on a past day), and the stretch lies inside
 * one interval of the day's hours after exceptions and holidays. The start need not be on the slot
 * grid: staff agree times with citizens. The database still decides overlaps between concurrent
 * bookings; `taken` lets a caller check them ahead too.
 */
export function isBookable(input: BookableInput): { ok: true } | { ok: false; reason: NotBookableReason } {
  const zone = input.zone ?? ATHENS;
  if (!input.queue.active) return { ok: false, reason: 'inactive' };
  const start = input.start.getTime();
  const end = input.end.getTime();
  const date = localDateOf(start, zone);
  if (date < localDateOf(input.now.getTime(), zone)) return { ok: false, reason: 'past' };
  const reason = scheduleProblem(input.queue, start, end, new ScheduleRules(input.exceptions, input.holidays, date, date), zone);
  if (reason) return { ok: false, reason };
  const overlaps = input.taken?.some((t) => t.queueId === input.queue.id && t.start.getTime() < end && start < t.end.getTime());
  return overlaps ? { ok: false, reason: 'taken' } : { ok: true };
}

/**
 * Whether [start, end) lies inside the queue's hours on its local day under `rules`, ignoring the
 * clock and the queue's active flag: what a change of hours or a new exception would leave out.
 */
export function scheduleProblem(
  queue: QueueSchedule,
  start: number,
  end: number,
  rules: ScheduleRules,
  zone: string = ATHENS,
): ClosedReason | 'outside-hours' | null {
  const day = localDay(localDateOf(start, zone), zone);
  const hours = rules.hoursOn(queue, day.date, day.weekday);
  if (!hours.open) return hours.reason === 'no-hours' ? 'outside-hours' : hours.reason;
  return hours.intervals.some(([a, b]) => day.at(a) <= start && end <= day.at(b)) ? null : 'outside-hours';
}

/** What to tell a person when a time cannot be booked, in Greek. */
export const NOT_BOOKABLE_MESSAGES: Record<NotBookableReason, string> = {
  inactive: 'Η ουρά είναι απενεργοποιημένη· επιλέξτε άλλη ουρά.',
  past: 'Η ημερομηνία έχει παρέλθει· επιλέξτε σημερινή ή μελλοντική ημερομηνία.',
  holiday: 'Η ημέρα είναι επίσημη αργία και τα ΚΕΠ είναι κλειστά.',
  closed: 'Το ΚΕΠ ή η ουρά είναι κλειστά αυτή την ημέρα (εξαίρεση ωραρίου).',
  'no-hours': 'Η ουρά δεν λειτουργεί αυτή την ημέρα.',
  'outside-hours': 'Η ώρα είναι εκτός του ωραρίου της ουράς.',
  taken: 'Η ώρα αυτή επικαλύπτεται με άλλο ραντεβού της ουράς.',
};
