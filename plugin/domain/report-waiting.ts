/**
 * The citizen who waited (issue 16): how long from arrival to being called, how often a video call
 * started late, and who waited and was not served — per KEP and over all of them — and the demand
 * the KEP could not meet (issue 17): searches that found no free time. Pure arithmetic on what the
 * database aggregated.
 */

/** What the database aggregates for one KEP (or, `storeId` null, for all of them together). */
export interface WaitingRow {
  storeId: string | null;
  /** Appointments with both ends of a wait: arrived and called, or waiting on video and the call started. */
  waited: number;
  /** Minutes from arrival (or «Περιμένω») to the call (or the call's start): a wait that occurred. */
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Video calls started, and of those started later than the KEP's alert minutes after the later of the start and the citizen's «Περιμένω». */
  videoStarted: number;
  videoLate: number;
  /** Arrived (or waited on video) and their appointment's day is over, yet not served. */
  waitedNotServed: number;
}

/** The figures of one KEP's line (and of the totals). */
export interface WaitingFigures {
  /** Arrival → call, or «Περιμένω» → call start: minutes, one decimal. */
  waitingMinutes: { median: number | null; p90: number | null; count: number };
  /** Video calls started late: how many, of how many started, and the share (null when none started). */
  lateVideoStarts: { count: number; started: number; rate: number | null };
  waitedNotServed: number;
  /** Public searches and holds that found no free time within the unmet-demand days, in the weeks of the report. */
  unmetDemand: number;
}

/** The figures of a KEP (or of all, `null`) from the database's rows and the unmet-demand counts. */
export function waitingFigures(rows: readonly WaitingRow[], unmet: ReadonlyMap<string | null, number>, storeId: string | null): WaitingFigures {
  const r = rows.find((x) => x.storeId === storeId);
  const minutes = (v: number | null | undefined) => (v === null || v === undefined ? null : round(v, 1));
  const started = r?.videoStarted ?? 0;
  const late = r?.videoLate ?? 0;
  return {
    waitingMinutes: { median: minutes(r?.medianMinutes), p90: minutes(r?.p90Minutes), count: r?.waited ?? 0 },
    lateVideoStarts: { count: late, started, rate: started > 0 ? round(late / started, 4) : null },
    waitedNotServed: r?.waitedNotServed ?? 0,
    unmetDemand: unmet.get(storeId) ?? 0,
  };
}

/** One unmet-demand counter: a KEP, a procedure (null: none named), a mode and an ISO week (its Monday). */
export interface UnmetDemandRow {
  storeId: string;
  procedureId: string | null;
  /** The procedure's name, when one was named. */
  procedure: string | null;
  mode: 'in_person' | 'video';
  week: string;
  /** Availability searches that found no time within the days. */
  searches: number;
  /** Holds refused because the time was taken, with nothing else free within the days. */
  holds: number;
}

/** Unmet demand per KEP and (key null) in all, from counter rows. */
export function unmetTotals(rows: readonly UnmetDemandRow[]): Map<string | null, number> {
  const totals = new Map<string | null, number>([[null, 0]]);
  for (const r of rows) {
    totals.set(r.storeId, (totals.get(r.storeId) ?? 0) + r.searches + r.holds);
    totals.set(null, totals.get(null)! + r.searches + r.holds);
  }
  return totals;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/**
 * Worst first for the citizens who waited: the most who waited and were not served, then the highest
 * share of late video starts, then the longest 90th-percentile wait; none of them last; ties by code.
 */
export function byWaitingWorst<T extends WaitingFigures & { code: string }>(a: T, b: T): number {
  const rate = (x: T) => x.lateVideoStarts.rate ?? -1;
  const p90 = (x: T) => x.waitingMinutes.p90 ?? -1;
  return b.waitedNotServed - a.waitedNotServed || rate(b) - rate(a) || p90(b) - p90(a) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}
