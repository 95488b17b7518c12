import { DateTime } from 'luxon';
import { greekHolidayDates } from '../../plugin/domain/greek-holidays.js';
import { addDays } from '../../plugin/domain/local-day.js';

/**
 * The days tests book on, counted from one pinned instant instead of far-future years (a test that
 * books in 2030 starts failing when 2030 comes). Tests give the server `PINNED` through a
 * `TestClock`. While some rules still read the machine's clock, `PINNED` lies a few weeks after the
 * day these tests were written (2026-12-06), so a booking on the days below is in the future for
 * both clocks, and within the public booking's 60-day horizon for both.
 *
 * Calendar around it (Europe/Athens, winter time +02:00 until 28 March; no public holiday from
 * 7 January to Clean Monday, 15 March 2027): Mon 11 January 2027 = `TODAY` = `day(0)`,
 * Tue 12 = `day(1)` … Fri 15 = `day(4)`, Mon 18 = `day(5)` … Fri 22 = `day(9)`, Mon 25 = `day(10)`.
 * Sun 28 March is the spring change (`SPRING_FORWARD`), Sun 31 October the autumn one (`FALL_BACK`).
 */
export const ZONE = 'Europe/Athens';

/** The pinned day: Monday 11 January 2027, weeks away from holidays and clock changes. */
export const TODAY = '2027-01-11';

/** The server's time in the tests: 08:00 of `TODAY` in Athens, as the KEPs open. */
export const PINNED = instant(TODAY, '08:00');

/** The first public holiday on a weekday after `TODAY`, a Monday: Clean Monday, 15 March 2027. */
export const CLEAN_MONDAY = '2027-03-15';

/** The first day of summer time after `TODAY` (last Sunday of March: 03:00 becomes 04:00). */
export const SPRING_FORWARD = '2027-03-28';

/** The first day the clocks go back after `TODAY` (last Sunday of October: 04:00 becomes 03:00 again). */
export const FALL_BACK = '2027-10-31';

/** The `n`-th working day (Monday to Friday, no Greek public holiday) after `TODAY`; `day(0)` is `TODAY`. */
export function day(n: number): string {
  const holidays = greekHolidayDates(TODAY, addDays(TODAY, 3 * n + 30));
  let date = TODAY;
  for (let left = n; left > 0; ) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) left--;
  }
  return date;
}

/** The first day after `from` that falls on ISO `weekday` (1 = Monday … 7 = Sunday), whatever holidays. */
export function nextWeekday(weekday: number, from = TODAY): string {
  let date = addDays(from, 1);
  while (isoWeekday(date) !== weekday) date = addDays(date, 1);
  return date;
}

/** The instant of a local Athens time `HH:mm` on `date`. */
export function instant(date: string, hhmm: string): Date {
  const t = DateTime.fromISO(`${date}T${hhmm}`, { zone: ZONE });
  if (!t.isValid) throw new Error(`no such local time ${date} ${hhmm}`);
  return t.toJSDate();
}

/** A local Athens time as ISO 8601 with the KEP's offset, e.g. `2027-03-02T10:00:00.000+02:00`. */
export function at(date: string, hhmm: string): string {
  return DateTime.fromJSDate(instant(date, hhmm), { zone: ZONE }).toISO()!;
}

/** A local Athens time as the API answers instants (UTC), e.g. `2027-03-02T08:00:00.000Z`. */
export function utc(date: string, hhmm: string): string {
  return instant(date, hhmm).toISOString();
}

/** A day as Greek screens, day sheets and emails write it: `DD/MM/YYYY`. */
export function dmy(date: string): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function isoWeekday(date: string): number {
  return ((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;
}

function isWorkingDay(date: string, holidays: Set<string>): boolean {
  return isoWeekday(date) <= 5 && !holidays.has(date);
}
