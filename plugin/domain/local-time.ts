import { DateTime } from 'luxon';

/** Every KEP is in Greece; a store may still carry its own zone for the day that changes. */
export const ATHENS = 'Europe/Athens';

/** The instant of a local wall-clock time in `zone`, or null when it is not a valid time. */
export function localToInstant(local: string, zone: string = ATHENS): Date | null {
  const dt = DateTime.fromISO(local, { zone, setZone: false });
  return dt.isValid ? dt.toJSDate() : null;
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
