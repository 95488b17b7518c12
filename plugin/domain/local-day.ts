import { IANAZone } from 'luxon';

/**
 * Calendar days (YYYY-MM-DD) and the instants of local wall-clock times on them, in a real time
 * zone (luxon's IANA data), fast enough to walk thousands of slots.
 *
 * A day whose offset is the same at its start and at the start of the next day (every day but the
 * two DST changes) turns "HH:mm" into an instant by plain arithmetic. On a change day each time is
 * resolved against the zone:
 * - a time that does not exist (spring, 03:00–03:59 in Athens) moves forward by the gap, as luxon
 *   does, so an interval that starts in the gap starts at 04:00 and one that lies in it is empty;
 * - a time that occurs twice (autumn, 03:00–03:59 in Athens) is read at its first occurrence
 *   (summer time). Slots are then stepped in real time, so the repeated hour is offered once per
 *   real instant: an interval spanning the change has one more hour of slots than its labels suggest.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** A local calendar day with what the slot walk needs. */
export interface LocalDay {
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The instant (ms since the epoch) of local wall-clock `minutes` after midnight on this day. */
  at(minutes: number): number;
  /** The local "HH:mm" of an instant on this day. */
  label(instant: number): string;
}

/** The day after (or `n` days after) a YYYY-MM-DD date. */
export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (YYYY-MM-DD), negative when `b` is earlier. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

/** Whether `value` is a real calendar day written YYYY-MM-DD. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return Number.isFinite(t) && new Date(t).toISOString().startsWith(value);
}

/** The local calendar day (YYYY-MM-DD) of an instant in `zone`. */
export function localDateOf(instant: number, zone: string): string {
  return new Date(instant + offsetAt(zone, instant) * MINUTE_MS).toISOString().slice(0, 10);
}

/** A day of `zone`, ready to place local times on. */
export function localDay(date: string, zone: string): LocalDay {
  const wallMidnight = Date.parse(`${date}T00:00:00Z`);
  const weekday = ((new Date(wallMidnight).getUTCDay() + 6) % 7) + 1;
  const start = resolve(zone, wallMidnight);
  const next = resolve(zone, wallMidnight + DAY_MS);
  const offStart = offsetAt(zone, start);
  if (offStart === offsetAt(zone, next)) {
    const shift = offStart * MINUTE_MS;
    return {
      date,
      weekday,
      at: (minutes) => wallMidnight + minutes * MINUTE_MS - shift,
      label: (instant) => hhmm(instant + shift),
    };
  }
  return {
    date,
    weekday,
    at: (minutes) => resolve(zone, wallMidnight + minutes * MINUTE_MS),
    label: (instant) => hhmm(instant + offsetAt(zone, instant) * MINUTE_MS),
  };
}

/**
 * The instant (ms) of a wall-clock time written as if it were UTC (`Date.UTC` of the local fields),
 * read as the slot walk reads it: at its first occurrence when it occurs twice, and null when it
 * does not exist (in a gap) instead of moved forward. Booking, moving and holding read typed times
 * here, so a time means the same instant to them as to the free slots they were chosen from.
 */
export function wallClockInstant(zone: string, wall: number): number | null {
  const instant = resolve(zone, wall);
  return instant + offsetAt(zone, instant) * MINUTE_MS === wall ? instant : null;
}

/** The instant of a wall-clock time, written as if it were UTC (see the module comment for gaps and folds). */
function resolve(zone: string, wall: number): number {
  // Start from the offset before the wall time: that yields the first occurrence in a fold.
  const before = offsetAt(zone, wall - DAY_MS);
  const t1 = wall - before * MINUTE_MS;
  const o1 = offsetAt(zone, t1);
  if (o1 === before) return t1;
  const t2 = wall - o1 * MINUTE_MS;
  // In a gap neither offset round-trips; t1 is the wall time pushed forward by the gap.
  return offsetAt(zone, t2) === o1 ? t2 : t1;
}

const LABELS = Array.from({ length: 1440 }, (_, m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`);

function hhmm(wallMs: number): string {
  const minutes = Math.floor(wallMs / MINUTE_MS) % 1440;
  return LABELS[(minutes + 1440) % 1440]!;
}

// The same days are asked for again and again (every request walks the coming weeks), so offsets
// are remembered per zone and instant; the cache is cleared when it gets large.
const offsets = new Map<string, Map<number, number>>();
const zones = new Map<string, IANAZone>();

/** The zone's UTC offset in minutes at an instant. */
export function offsetAt(zone: string, instant: number): number {
  let known = offsets.get(zone);
  if (!known) offsets.set(zone, (known = new Map()));
  let offset = known.get(instant);
  if (offset === undefined) {
    let z = zones.get(zone);
    if (!z) zones.set(zone, (z = IANAZone.create(zone)));
    if (!z.isValid) throw new RangeError(`unknown time zone ${zone}`);
    offset = z.offset(instant);
    if (known.size > 20_000) known.clear();
    known.set(instant, offset);
  }
  return offset;
}
