import { addDays } from './local-day.js';
import { minutesOf, type HoursInterval, type WeeklyHours } from './weekly-hours.js';

/** What the engine needs of a queue. */
export interface QueueSchedule {
  id: string;
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  active: boolean;
}

/**
 * A closure or changed hours for a whole KEP (`queueId` null) or one queue, on the dates from
 * `startDate` to `endDate` (YYYY-MM-DD, both included). `hours` null closes the whole day;
 * otherwise they replace the day's weekly hours. `recursYearly` repeats it on the same calendar
 * days every following year (a town's patron saint); 29 February falls back to 28 February.
 */
export interface ScheduleException {
  queueId: string | null;
  startDate: string;
  endDate: string;
  hours: HoursInterval[] | null;
  recursYearly?: boolean;
}

/** Why a day offers nothing. */
export type ClosedReason = 'holiday' | 'closed' | 'no-hours';

/** A queue's opening on one day: intervals in local minutes after midnight, or why it is shut. */
export type DayHours = { open: true; intervals: readonly (readonly [number, number])[] } | { open: false; reason: ClosedReason };

interface DayRules {
  storeClosed: boolean;
  storeHours: HoursInterval[] | null;
  queueClosed: Set<string>;
  queueHours: Map<string, HoursInterval[]>;
}

/**
 * The rules of the days from `from` to `to`: public holidays and exceptions, ready to answer
 * {@link ScheduleRules.hoursOn} for any queue and day. Precedence, from strongest:
 * 1. a public holiday closes every queue;
 * 2. a closure of the KEP or of the queue closes it;
 * 3. changed hours of the queue replace its weekly hours;
 * 4. changed hours of the KEP replace the weekly hours of every queue;
 * 5. the queue's weekly hours.
 * Two exceptions of the same level on one day add their hours together.
 */
export class ScheduleRules {
  readonly #holidays: ReadonlySet<string>;
  readonly #days = new Map<string, DayRules>();

  constructor(exceptions: readonly ScheduleException[], holidays: ReadonlySet<string> | readonly string[], from: string, to: string) {
    this.#holidays = holidays instanceof Set ? holidays : new Set(holidays as readonly string[]);
    for (const e of exceptions) for (const d of exceptionDates(e, from, to)) this.#apply(d, e);
  }

  /** Whether `date` is a public holiday. */
  isHoliday(date: string): boolean {
    return this.#holidays.has(date);
  }

  /** The hours of `queue` on `date` (weekday 1–7), after holidays and exceptions. */
  hoursOn(queue: QueueSchedule, date: string, weekday: number): DayHours {
    if (this.#holidays.has(date)) return { open: false, reason: 'holiday' };
    const rules = this.#days.get(date);
    let hours: readonly HoursInterval[] | undefined;
    if (rules) {
      if (rules.storeClosed || rules.queueClosed.has(queue.id)) return { open: false, reason: 'closed' };
      hours = rules.queueHours.get(queue.id) ?? rules.storeHours ?? undefined;
    }
    const intervals = hours ? toMinutes(hours) : weeklyMinutes(queue.weeklyHours, weekday);
    return intervals.length ? { open: true, intervals } : { open: false, reason: 'no-hours' };
  }

  #apply(date: string, e: ScheduleException): void {
    let rules = this.#days.get(date);
    if (!rules) this.#days.set(date, (rules = { storeClosed: false, storeHours: null, queueClosed: new Set(), queueHours: new Map() }));
    if (e.queueId === null) {
      if (e.hours === null) rules.storeClosed = true;
      else rules.storeHours = [...(rules.storeHours ?? []), ...e.hours];
    } else if (e.hours === null) rules.queueClosed.add(e.queueId);
    else rules.queueHours.set(e.queueId, [...(rules.queueHours.get(e.queueId) ?? []), ...e.hours]);
  }
}

/** Every date from `from` to `to` (both included) that an exception covers, yearly repeats included. */
export function exceptionDates(e: ScheduleException, from: string, to: string): string[] {
  const dates: string[] = [];
  for (const [start, end] of occurrences(e, from, to)) {
    for (let d = start < from ? from : start; d <= end && d <= to; d = addDays(d, 1)) dates.push(d);
  }
  return dates;
}

/** The [start, end] date pairs of an exception that may touch [from, to]. */
function occurrences(e: ScheduleException, from: string, to: string): [string, string][] {
  if (!e.recursYearly) return e.endDate < from || e.startDate > to ? [] : [[e.startDate, e.endDate]];
  const firstYear = Number(e.startDate.slice(0, 4));
  const out: [string, string][] = [];
  // One year earlier too: an occurrence that started in December may reach into January.
  for (let y = Math.max(firstYear, Number(from.slice(0, 4)) - 1); y <= Number(to.slice(0, 4)); y++) {
    const start = shiftYears(e.startDate, y - firstYear);
    const end = shiftYears(e.endDate, y - firstYear);
    if (end >= from && start <= to) out.push([start, end]);
  }
  return out;
}

function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

const weeklyCache = new WeakMap<WeeklyHours, (readonly [number, number])[][]>();

/** Weekly hours in minutes per weekday, parsed once per hours object. */
function weeklyMinutes(weekly: WeeklyHours, weekday: number): readonly (readonly [number, number])[] {
  let parsed = weeklyCache.get(weekly);
  if (!parsed) {
    parsed = [[]];
    for (let d = 1; d <= 7; d++) parsed.push(toMinutes(weekly[String(d) as keyof WeeklyHours] ?? []));
    weeklyCache.set(weekly, parsed);
  }
  return parsed[weekday]!;
}

/** "HH:mm" pairs as sorted, merged minute intervals; malformed pairs are dropped (input is validated at the API). */
function toMinutes(hours: readonly HoursInterval[]): [number, number][] {
  const list: [number, number][] = [];
  for (const [open, close] of hours) {
    const a = minutesOf(open);
    const b = minutesOf(close);
    if (a !== null && b !== null && b > a) list.push([a, b]);
  }
  list.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const iv of list) {
    const last = merged[merged.length - 1];
    if (last && iv[0] <= last[1]) last[1] = Math.max(last[1], iv[1]);
    else merged.push([iv[0], iv[1]]);
  }
  return merged;
}
