import { addDays, localDay } from './local-day.js';
import { ATHENS } from './local-time.js';

/**
 * Where each week of a report is read from. The weekly summary (table `report_week`) holds whole
 * local weeks, and "booked" there is one number; so a week comes from it only when the report covers
 * all of it and, for the counts, the clock is not inside it (then every still-booked appointment of
 * the week is past, or every one is to come). The rest (the weeks the report's dates cut, and the week
 * of `now`) is read from the appointments: a few days' worth, through the (store, start) index.
 */

/** A part of a week read from the appointments: [start, end), labelled with its week's Monday. */
export interface WeekSpan {
  week: string;
  start: Date;
  end: Date;
}

/** The weeks of a report split between the summary and the appointments. */
export interface WeekPlan {
  /** Whole weeks from the summary that ended by `now`: still booked there means unrecorded. */
  pastWeeks: string[];
  /** Whole weeks from the summary that start after `now` (all of them when there is no clock): still booked means upcoming. */
  laterWeeks: string[];
  /** What is read from the appointments. */
  spans: WeekSpan[];
}

/**
 * Splits the weeks (`mondays`, local dates, the weeks that touch the range) of a report over the
 * instants [range.start, range.end). With `now`, the week it falls in is read from the appointments;
 * with null (lead times, which do not depend on the clock) every whole week comes from the summary.
 */
export function planReportWeeks(range: { start: Date; end: Date }, mondays: readonly string[], now: Date | null): WeekPlan {
  const plan: WeekPlan = { pastWeeks: [], laterWeeks: [], spans: [] };
  const from = range.start.getTime();
  const to = range.end.getTime();
  const at = now?.getTime();
  for (const week of mondays) {
    const start = localDay(week, ATHENS).at(0);
    const end = localDay(addDays(week, 7), ATHENS).at(0);
    const spanStart = Math.max(start, from);
    const spanEnd = Math.min(end, to);
    if (spanStart >= spanEnd) continue;
    const whole = spanStart === start && spanEnd === end;
    if (whole && (at === undefined || start > at)) plan.laterWeeks.push(week);
    else if (whole && end <= at!) plan.pastWeeks.push(week);
    else plan.spans.push({ week, start: new Date(spanStart), end: new Date(spanEnd) });
  }
  return plan;
}
