/**
 * Dates as a KEP sees them: every KEP is in Greece, so days and times are those of
 * Europe/Athens whatever the zone of the browser that shows them.
 *
 * A "date" here is a calendar day written `YYYY-MM-DD`; an "instant" is an ISO 8601
 * string in UTC, as the API sends it.
 */

export const ATHENS = 'Europe/Athens';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const athensDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: ATHENS,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

// hourCycle h23 so that a locale's 12-hour default never turns 14:00 into 2:00 μ.μ.
const athensTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: ATHENS,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** The calendar day of `instant` in Athens, as YYYY-MM-DD. */
export function dateInAthens(instant: Date): string {
  const parts = Object.fromEntries(athensDay.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

/** Today in Athens, as YYYY-MM-DD. */
export function todayInAthens(now: Date = new Date()): string {
  return dateInAthens(now);
}

/** Whether `value` is a real calendar day written YYYY-MM-DD (so not 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const day = calendarDay(value);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
}

/** The day `days` after (or before, when negative) `date`. */
export function addDays(date: string, days: number): string {
  const day = calendarDay(date);
  day.setUTCDate(day.getUTCDate() + days);
  return day.toISOString().slice(0, 10);
}

/**
 * The same day of the month `months` later (or earlier), or the month's last day when it is
 * shorter: 31/01 + 1 month is 28/02 (29/02 in a leap year), as a calendar's PageDown does.
 */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/** ISO weekday of `date`: 1 = Monday … 7 = Sunday (the Greek week starts on Monday). */
export function isoWeekday(date: string): number {
  return calendarDay(date).getUTCDay() || 7;
}

/** "Μάρτιος 2030" in `locale`: the heading of a month's calendar. */
export function formatMonth(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(calendarDay(date));
}

/** "Τετάρτη 6 Μαρτίου 2030" in `locale`: a day spelled out, for screen readers. */
export function formatSpokenDate(date: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(calendarDay(date));
}

/** "01/12/2026" — how a Greek reader writes a date. */
export function formatDate(date: string): string {
  const [, year, month, day] = ISO_DATE.exec(date) ?? [];
  return `${day}/${month}/${year}`;
}

/** The weekday name of `date` in `locale` ("Τρίτη"). */
export function formatWeekday(date: string, locale: string): string {
  // A calendar day has no zone: midnight UTC stands for it, read back in UTC.
  return new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' }).format(calendarDay(date));
}

/** "09:30" — the Athens wall-clock time of an ISO instant. */
export function formatTime(instant: string): string {
  return athensTime.format(new Date(instant));
}

/** Midnight UTC of a YYYY-MM-DD day: a stand-in for the day in date arithmetic. */
function calendarDay(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}
