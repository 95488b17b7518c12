import { addDays } from './local-day.js';
import { unmetTotals, waitingFigures, type UnmetDemandRow, type WaitingFigures, type WaitingRow } from './report-waiting.js';

/**
 * The attendance report of the directorate: per KEP and period, what was booked and what became of
 * it, as pure arithmetic on the aggregates the database hands over (one row per KEP and week).
 */

/** What happened to the appointments of a KEP in a week (or a period), by status. */
export interface ReportCounts {
  /** Every appointment that starts in the period, whatever became of it (holds excluded). */
  booked: number;
  cancelled: number;
  served: number;
  /** Came, and the service was not (yet) marked as done. */
  arrived: number;
  /** The citizen did not come. */
  noShow: number;
  /** Nobody at the KEP acted on it by the end of its day. */
  missedByStaff: number;
  /** Past, still only booked: the end of its day has not come yet, or a video call was started and left so. */
  unrecorded: number;
  /** Still to come. */
  upcoming: number;
}

/** One aggregate row: a KEP's week (the Monday, local date) with its counts and the minutes its appointments held. */
export interface WeekRow extends ReportCounts {
  storeId: string;
  week: string;
  /** Minutes of the appointments that kept their slot (all but cancelled ones). */
  bookedMinutes: number;
}

/** Lead time from booking to appointment, in whole days, of one KEP (or of all, `storeId` null). */
export interface LeadTime {
  storeId: string | null;
  median: number | null;
  p90: number | null;
}

/** How many appointments of a KEP were booked how many whole days (24 hours) ahead. */
export interface LeadHistogram {
  storeId: string;
  days: number;
  count: number;
}

/**
 * The `p`-th percentile of a histogram of whole days, as `percentile_disc` defines it: the smallest
 * number of days that at least `p` of the appointments did not exceed — a lead time that occurred.
 */
export function percentileOfHistogram(bins: ReadonlyMap<number, number>, p: number): number | null {
  let total = 0;
  for (const n of bins.values()) total += n;
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const days of [...bins.keys()].sort((a, b) => a - b)) {
    seen += bins.get(days)!;
    if (seen >= rank) return days;
  }
  return null;
}

/** Median and 90th percentile per KEP and over all of them (`storeId` null), from the day histograms. */
export function leadTimesOf(histograms: readonly LeadHistogram[]): LeadTime[] {
  const byStore = new Map<string, Map<number, number>>();
  const all = new Map<number, number>();
  for (const h of histograms) {
    let bins = byStore.get(h.storeId);
    if (!bins) byStore.set(h.storeId, (bins = new Map()));
    bins.set(h.days, (bins.get(h.days) ?? 0) + h.count);
    all.set(h.days, (all.get(h.days) ?? 0) + h.count);
  }
  const of = (storeId: string | null, bins: ReadonlyMap<number, number>): LeadTime => ({
    storeId,
    median: percentileOfHistogram(bins, 0.5),
    p90: percentileOfHistogram(bins, 0.9),
  });
  return [...[...byStore].map(([id, bins]) => of(id, bins)), of(null, all)];
}

/** The KEP as the report names it. */
export interface ReportStore {
  id: string;
  code: string;
  name: string;
  municipality: string;
}

/** One KEP's line of the report, with its weekly series for a chart. */
export interface KepReport extends ReportCounts, WaitingFigures {
  storeId: string;
  code: string;
  name: string;
  municipality: string;
  /** Missed by staff out of the appointments that were due (served, arrived, no-show, missed, unrecorded); null when none were due. */
  missedByStaffRate: number | null;
  /** Whole days from booking to appointment (walk-ins left out): median and 90th percentile. */
  leadTimeDays: { median: number | null; p90: number | null };
  bookedMinutes: number;
  /** Minutes the KEP's active queues were open in the period (weekly hours after holidays and exceptions). */
  offeredMinutes: number;
  /** bookedMinutes / offeredMinutes; null when nothing was offered. */
  utilisation: number | null;
  /** Per week of {@link Report.weeks}: booked, served and missed by staff. */
  series: { booked: number[]; served: number[]; missedByStaff: number[] };
}

/** The whole report: the weeks of the series, the KEPs from the worst, and the totals. */
export interface Report {
  from: string;
  to: string;
  weeks: string[];
  stores: KepReport[];
  /** The unmet-demand counters behind the KEPs' figures: per KEP, procedure, mode and ISO week. */
  unmetDemand: UnmetDemandRow[];
  totals: ReportCounts & WaitingFigures & {
    missedByStaffRate: number | null;
    leadTimeDays: { median: number | null; p90: number | null };
    bookedMinutes: number;
    offeredMinutes: number;
    utilisation: number | null;
  };
}

const COUNT_KEYS = ['booked', 'cancelled', 'served', 'arrived', 'noShow', 'missedByStaff', 'unrecorded', 'upcoming'] as const;

/** The Monday (local date) of the week of `date`. */
export function weekOf(date: string): string {
  const weekday = (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday = 0
  return addDays(date, -weekday);
}

/** The Mondays of every week that touches [from, to]. */
export function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let w = weekOf(from); w <= to; w = addDays(w, 7)) weeks.push(w);
  return weeks;
}

/** The appointments that were due: every past one that was not cancelled. */
export function dueCount(c: ReportCounts): number {
  return c.served + c.arrived + c.noShow + c.missedByStaff + c.unrecorded;
}

/** Missed by staff out of those due, or null when none were due. */
export function missedByStaffRate(c: ReportCounts): number | null {
  const due = dueCount(c);
  return due === 0 ? null : round(c.missedByStaff / due, 4);
}

/**
 * Worst first: the highest missed-by-staff rate, then the most missed, then the most unrecorded;
 * KEPs with nothing due come last; ties by code, so the order is stable.
 */
export function byWorst(a: KepReport, b: KepReport): number {
  const ra = a.missedByStaffRate ?? -1;
  const rb = b.missedByStaffRate ?? -1;
  return rb - ra || b.missedByStaff - a.missedByStaff || b.unrecorded - a.unrecorded || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** What {@link buildReport} combines. */
export interface ReportInput {
  from: string;
  to: string;
  stores: readonly ReportStore[];
  rows: readonly WeekRow[];
  leadTimes: readonly LeadTime[];
  /** Offered minutes per store id. */
  offered: ReadonlyMap<string, number>;
  /** Waiting, late video starts and waited-not-served per KEP and (storeId null) in all; none: zeros. */
  waiting?: readonly WaitingRow[];
  /** The unmet-demand counters of the KEPs in the report's weeks; none: zeros. */
  unmet?: readonly UnmetDemandRow[];
}

/** Sums the weekly rows per KEP, adds lead times and the use of the hours offered, and sorts worst first. */
export function buildReport(input: ReportInput): Report {
  const weeks = weeksBetween(input.from, input.to);
  const weekIndex = new Map(weeks.map((w, i) => [w, i]));
  const lead = new Map(input.leadTimes.map((l) => [l.storeId, l]));
  const byStore = new Map<string, KepReport>();
  const unmetRows = (input.unmet ?? []).filter((r) => r.searches + r.holds > 0);
  const unmet = unmetTotals(unmetRows);
  for (const s of input.stores) {
    const offeredMinutes = input.offered.get(s.id) ?? 0;
    const zeros = () => weeks.map(() => 0);
    byStore.set(s.id, {
      storeId: s.id,
      code: s.code,
      name: s.name,
      municipality: s.municipality,
      ...emptyCounts(),
      missedByStaffRate: null,
      leadTimeDays: { median: lead.get(s.id)?.median ?? null, p90: lead.get(s.id)?.p90 ?? null },
      bookedMinutes: 0,
      offeredMinutes,
      utilisation: null,
      series: { booked: zeros(), served: zeros(), missedByStaff: zeros() },
      ...waitingFigures(input.waiting ?? [], unmet, s.id),
    });
  }
  for (const row of input.rows) {
    const kep = byStore.get(row.storeId);
    const i = weekIndex.get(row.week);
    if (!kep) continue;
    for (const k of COUNT_KEYS) kep[k] += row[k];
    kep.bookedMinutes += row.bookedMinutes;
    if (i !== undefined) {
      kep.series.booked[i]! += row.booked;
      kep.series.served[i]! += row.served;
      kep.series.missedByStaff[i]! += row.missedByStaff;
    }
  }
  const stores = [...byStore.values()];
  const totals = { ...emptyCounts(), bookedMinutes: 0, offeredMinutes: 0 };
  for (const kep of stores) {
    kep.missedByStaffRate = missedByStaffRate(kep);
    kep.utilisation = utilisation(kep.bookedMinutes, kep.offeredMinutes);
    for (const k of COUNT_KEYS) totals[k] += kep[k];
    totals.bookedMinutes += kep.bookedMinutes;
    totals.offeredMinutes += kep.offeredMinutes;
  }
  stores.sort(byWorst);
  const all = lead.get(null);
  return {
    from: input.from,
    to: input.to,
    weeks,
    stores,
    totals: {
      ...totals,
      missedByStaffRate: missedByStaffRate(totals),
      leadTimeDays: { median: all?.median ?? null, p90: all?.p90 ?? null },
      utilisation: utilisation(totals.bookedMinutes, totals.offeredMinutes),
      ...waitingFigures(input.waiting ?? [], unmet, null),
    },
    unmetDemand: unmetRows,
  };
}

function emptyCounts(): ReportCounts {
  return { booked: 0, cancelled: 0, served: 0, arrived: 0, noShow: 0, missedByStaff: 0, unrecorded: 0, upcoming: 0 };
}

function utilisation(booked: number, offered: number): number | null {
  return offered > 0 ? round(booked / offered, 4) : null;
}

/** Rounds to `digits` decimals (for rates and days shown to people). */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
