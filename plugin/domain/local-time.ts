import { DateTime } from 'luxon';
import { wallClockInstant } from './local-day.js';

/** Every KEP is in Greece; a store may still carry its own zone for the day that changes. */
export const ATHENS = 'Europe/Athens';

/** How a typed time was read: its instant, or why it has none. */
export type TimeReading =
  | { ok: true; instant: Date }
  /** `invalid`: no such date or time; `gap`: the clocks skip it (spring); `offset`: a UTC offset no zone has. */
  | { ok: false; reason: 'invalid' | 'gap' | 'offset' };

const TYPED_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?(Z|([+-])(\d{2}):(\d{2}))?$/;

/**
 * Reads `2026-12-01T09:00` (local time in `zone`) or the same with `Z` or a UTC offset. A local
 * time is read as the free slots read it (`wallClockInstant`): a time the spring change skips has no
 * instant, and a time the autumn change repeats is its first occurrence; an offset (`+03:00` or
 * `+02:00` on that night) picks either. Offsets are the real ones, −12:00 to +14:00: `+99:00` would
 * otherwise move a booking by days.
 */
export function readTypedTime(text: string, zone: string = ATHENS): TimeReading {
  const m = TYPED_TIME.exec(text);
  if (!m) return { ok: false, reason: 'invalid' };
  const [, y, mo, d, h, mi, sec = '0', ms = '0', offset, sign, oh, om] = m;
  const wall = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +sec, +ms.padEnd(3, '0'));
  // Date.UTC rolls 30 February over into March and 24:00 into the next day: refuse rather than move.
  const back = new Date(wall);
  if (back.getUTCFullYear() !== +y! || back.getUTCMonth() !== +mo! - 1 || back.getUTCDate() !== +d! || back.getUTCHours() !== +h! || +sec > 59) {
    return { ok: false, reason: 'invalid' };
  }
  if (offset === 'Z') return { ok: true, instant: new Date(wall) };
  if (offset) {
    const minutes = (sign === '-' ? -1 : 1) * (+oh! * 60 + +om!);
    if (+om! > 59 || minutes < -12 * 60 || minutes > 14 * 60) return { ok: false, reason: 'offset' };
    return { ok: true, instant: new Date(wall - minutes * 60_000) };
  }
  const instant = wallClockInstant(zone, wall);
  return instant === null ? { ok: false, reason: 'gap' } : { ok: true, instant: new Date(instant) };
}

/** The instant of a local wall-clock time in `zone`, or null when it is not a valid time (see `readTypedTime`). */
export function localToInstant(local: string, zone: string = ATHENS): Date | null {
  const reading = readTypedTime(local, zone);
  return reading.ok ? reading.instant : null;
}

/** The half-open instant range [start, end) of the local calendar day `date` (YYYY-MM-DD) in `zone`. */
export function localDayRange(date: string, zone: string = ATHENS): { start: Date; end: Date } | null {
  const day = DateTime.fromISO(date, { zone });
  if (!day.isValid) return null;
  return { start: day.startOf('day').toJSDate(), end: day.startOf('day').plus({ days: 1 }).toJSDate() };
}

/** Today's date (YYYY-MM-DD) in `zone`. */
export function todayIn(zone: string = ATHENS, now: Date = new Date()): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** "Τρίτη 1 Δεκεμβρίου 2026, 09:00" — how a Greek reader expects a date and time in a letter. */
export function formatGreekDateTime(instant: Date, zone: string = ATHENS, locale = 'el'): string {
  return DateTime.fromJSDate(instant, { zone }).setLocale(locale).toFormat("cccc d LLLL yyyy, HH:mm");
}
