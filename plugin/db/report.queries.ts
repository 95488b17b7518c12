import type { EntityManager } from '@mikro-orm/core';
import { sqlEm } from './sql-em.js';
import type { ScheduleException } from '../domain/day-schedule.js';
import { weeksBetween, type LeadHistogram, type ReportStore, type WeekRow } from '../domain/report.js';
import type { OfferedInput } from '../domain/report-offered.js';
import type { WaitingRow } from '../domain/report-waiting.js';
import { planReportWeeks, type WeekSpan } from '../domain/report-weeks.js';
import type { WeeklyHours } from '../domain/weekly-hours.js';

/** Local dates of a report and the instants they span. */
export interface ReportRange {
  start: Date;
  end: Date;
  from: string;
  to: string;
}

/**
 * The report's queries: aggregates in PostgreSQL, so a year of a million appointments never leaves the
 * database as rows. Each takes the store ids the caller may read and puts them in its WHERE clause.
 * Holds are not appointments and are left out everywhere.
 */
export const reportQueries = {
  /** The KEPs, as the report names them. */
  stores(em: EntityManager, storeIds: readonly string[]): Promise<ReportStore[]> {
    return run(em, `select id, code, name, municipality from store where id = any(array[?]::uuid[])`, [[...storeIds]]);
  },

  /**
   * One row per KEP and week with the count per outcome and the minutes the appointments held: whole
   * weeks from the summary `report_week` (kept by triggers, see its migration), the weeks the dates
   * cut and the week of `now` from the appointments (`planReportWeeks`), in one statement so both
   * parts are read from the same snapshot. `now` splits the still-booked ones into past (unrecorded)
   * and upcoming.
   */
  async weeks(em: EntityManager, storeIds: readonly string[], range: ReportRange, mondays: readonly string[], now: Date): Promise<WeekRow[]> {
    const plan = planReportWeeks(range, mondays, now);
    const parts: string[] = [];
    const params: unknown[] = [];
    const summaryWeeks = [...plan.pastWeeks, ...plan.laterWeeks];
    if (summaryWeeks.length > 0) {
      // The past weeks all come before the later ones: the last of them is the line between the two.
      const lastPast = plan.pastWeeks.at(-1) ?? '-infinity';
      parts.push(
        `select store_id, to_char(week, 'YYYY-MM-DD') as week, booked, cancelled, served, arrived, no_show, missed_by_staff,
                case when week <= ?::date then still_booked else 0 end as unrecorded,
                case when week <= ?::date then 0 else still_booked end as upcoming,
                round(booked_seconds / 60) as booked_minutes
           from report_week
          where store_id = any(array[?]::uuid[]) and week = any(array[?]::date[]) and booked > 0`,
      );
      params.push(lastPast, lastPast, [...storeIds], summaryWeeks);
    }
    if (plan.spans.length > 0) {
      parts.push(
        `select a.store_id, s.week, count(*) as booked,
                count(*) filter (where a.status = 'cancelled') as cancelled,
                count(*) filter (where a.status = 'served') as served,
                count(*) filter (where a.status = 'arrived') as arrived,
                count(*) filter (where a.status = 'no_show') as no_show,
                count(*) filter (where a.status = 'missed_by_staff') as missed_by_staff,
                count(*) filter (where a.status = 'booked' and a.starts_at <= ?) as unrecorded,
                count(*) filter (where a.status = 'booked' and a.starts_at > ?) as upcoming,
                round(coalesce(sum(extract(epoch from a.ends_at - a.starts_at)) filter (where a.status <> 'cancelled'), 0) / 60) as booked_minutes
           from ${SPANS} join appointment a on a.starts_at >= s.span_start and a.starts_at < s.span_end
          where a.store_id = any(array[?]::uuid[]) and a.status <> 'held'
          group by 1, 2`,
      );
      params.push(now, now, ...spanParams(plan.spans), [...storeIds]);
    }
    if (parts.length === 0) return [];
    const rows = await aggregate<Record<string, string | number>>(em, parts.join(' union all '), params);
    return rows.map((r) => ({
      storeId: String(r.store_id),
      week: String(r.week),
      booked: Number(r.booked),
      cancelled: Number(r.cancelled),
      served: Number(r.served),
      arrived: Number(r.arrived),
      noShow: Number(r.no_show),
      missedByStaff: Number(r.missed_by_staff),
      unrecorded: Number(r.unrecorded),
      upcoming: Number(r.upcoming),
      bookedMinutes: Number(r.booked_minutes),
    }));
  },

  /**
   * How many appointments of each KEP were booked how many whole days (24 hours) ahead: the
   * percentiles are taken from these few thousand counts (`leadTimesOf`). Whole weeks add up the
   * summary's histograms; the weeks the dates cut count their appointments, the way the summary's
   * trigger does: the difference of two instants comes justified into days of 24 hours, so its day
   * field is the whole days. Walk-ins are left out: they were never booked ahead; an appointment
   * recorded after it happened counts as 0 days.
   */
  async leadHistograms(em: EntityManager, storeIds: readonly string[], range: ReportRange): Promise<LeadHistogram[]> {
    const plan = planReportWeeks(range, weeksBetween(range.from, range.to), null);
    const parts: string[] = [];
    const params: unknown[] = [];
    if (plan.laterWeeks.length > 0) {
      parts.push(
        `select store_id, u.days, u.n
           from report_week, unnest(lead_days, lead_counts) u(days, n)
          where store_id = any(array[?]::uuid[]) and week = any(array[?]::date[])`,
      );
      params.push([...storeIds], plan.laterWeeks);
    }
    if (plan.spans.length > 0) {
      parts.push(
        `select a.store_id, greatest(0, date_part('day', a.starts_at - a.created_at))::int as days, 1 as n
           from ${SPANS} join appointment a on a.starts_at >= s.span_start and a.starts_at < s.span_end
          where a.store_id = any(array[?]::uuid[]) and a.status <> 'held' and a.source <> 'walk_in'`,
      );
      params.push(...spanParams(plan.spans), [...storeIds]);
    }
    if (parts.length === 0) return [];
    const rows = await aggregate<{ store_id: string; days: number; n: string | number }>(
      em,
      `select store_id, days, sum(n) as n from (${parts.join(' union all ')}) h group by 1, 2 having sum(n) <> 0`,
      params,
    );
    return rows.map((r) => ({ storeId: r.store_id, days: Number(r.days), count: Number(r.n) }));
  },

  /**
   * The citizens who waited, per KEP and (grouping set `()`, storeId null) over all: the minutes from
   * arrival to the call (in person: `arrived_at` → `called_at`; video: `video_waiting_at` →
   * `call_started_at`, 0 when staff started before the citizen pressed «Περιμένω»), their median and
   * 90th percentile as `percentile_disc` takes them (a wait that occurred); video calls started and
   * those started after the KEP's `video_alert_minutes` past the later of the start and the citizen's
   * «Περιμένω»; and who arrived or waited on video and was not served, once their day is over (today's
   * still booked or arrived ones may yet be). Read from the appointments of the period (the weekly
   * summary has no times of day), through the (store, start) index.
   */
  async waiting(em: EntityManager, storeIds: readonly string[], range: ReportRange, todayStart: Date): Promise<WaitingRow[]> {
    const rows = await aggregate<{ store_id: string | null; waited: string | number; median: number | null; p90: number | null; video_started: string | number; video_late: string | number; waited_not_served: string | number }>(
      em,
      `with w as (
         select a.store_id,
                -- greatest() skips nulls: a wait needs both of its ends.
                case when a.mode = 'video' and a.video_waiting_at is not null and a.call_started_at is not null
                       then greatest(0, extract(epoch from a.call_started_at - a.video_waiting_at))
                     when a.mode <> 'video' and a.arrived_at is not null and a.called_at is not null
                       then greatest(0, extract(epoch from a.called_at - a.arrived_at)) end / 60.0 as wait_minutes,
                a.mode = 'video' and a.call_started_at is not null as video_started,
                a.mode = 'video' and a.call_started_at > greatest(a.starts_at, a.video_waiting_at) + make_interval(mins => s.video_alert_minutes) as video_late,
                (a.arrived_at is not null or a.video_waiting_at is not null) and a.status <> 'served'
                  and not (a.status in ('booked', 'arrived') and a.starts_at >= ?) as waited_not_served
           from appointment a join store s on s.id = a.store_id
          where a.store_id = any(array[?]::uuid[]) and a.starts_at >= ? and a.starts_at < ? and a.status <> 'held'
            and (a.arrived_at is not null or a.video_waiting_at is not null or a.call_started_at is not null))
       select store_id, count(wait_minutes) as waited,
              percentile_disc(0.5) within group (order by wait_minutes) as median,
              percentile_disc(0.9) within group (order by wait_minutes) as p90,
              count(*) filter (where video_started) as video_started,
              count(*) filter (where video_late) as video_late,
              count(*) filter (where waited_not_served) as waited_not_served
         from w group by grouping sets ((store_id), ())`,
      [todayStart, [...storeIds], range.start, range.end],
    );
    return rows.map((r) => ({
      storeId: r.store_id,
      waited: Number(r.waited),
      medianMinutes: r.median === null ? null : Number(r.median),
      p90Minutes: r.p90 === null ? null : Number(r.p90),
      videoStarted: Number(r.video_started),
      videoLate: Number(r.video_late),
      waitedNotServed: Number(r.waited_not_served),
    }));
  },

  /** The active queues and the exceptions of the KEPs that touch the dates: what the hours offered come from. */
  async schedules(em: EntityManager, storeIds: readonly string[], range: ReportRange): Promise<OfferedInput[]> {
    const [queues, exceptions] = await Promise.all([
      run<{ id: string; store_id: string; weekly_hours: WeeklyHours | string; slot_minutes: number }>(
        em.fork(),
        `select id, store_id, weekly_hours, slot_minutes from queue where store_id = any(array[?]::uuid[]) and active`,
        [[...storeIds]],
      ),
      run<{ store_id: string; queue_id: string | null; start_date: string; end_date: string; hours: ScheduleException['hours'] | string; recurs_yearly: boolean }>(
        em.fork(),
        `select store_id, queue_id, to_char(start_date, 'YYYY-MM-DD') as start_date, to_char(end_date, 'YYYY-MM-DD') as end_date, hours, recurs_yearly
           from schedule_exception
          where store_id = any(array[?]::uuid[]) and (recurs_yearly and start_date <= ? or start_date <= ? and end_date >= ?)`,
        [[...storeIds], range.to, range.to, range.from],
      ),
    ]);
    const byStore = new Map<string, OfferedInput>(storeIds.map((id) => [id, { storeId: id, queues: [], exceptions: [] }]));
    for (const q of queues) {
      (byStore.get(q.store_id)?.queues as OfferedInput['queues'][number][] | undefined)?.push({
        id: q.id,
        weeklyHours: json(q.weekly_hours),
        slotMinutes: q.slot_minutes,
        active: true,
      });
    }
    for (const e of exceptions) {
      (byStore.get(e.store_id)?.exceptions as ScheduleException[] | undefined)?.push({
        queueId: e.queue_id,
        startDate: e.start_date,
        endDate: e.end_date,
        hours: e.hours === null ? null : json(e.hours),
        recursYearly: e.recurs_yearly,
      });
    }
    return [...byStore.values()];
  },
};

/** The parts of weeks read from the appointments, as rows `s(span_start, span_end, week)`. */
const SPANS = `unnest(array[?]::timestamptz[], array[?]::timestamptz[], array[?]::text[]) s(span_start, span_end, week)`;

function spanParams(spans: readonly WeekSpan[]): unknown[] {
  return [spans.map((s) => s.start), spans.map((s) => s.end), spans.map((s) => s.week)];
}

// Reports read from a replica when there is one (DATABASE_REPLICA_URLS; a moment's lag is fine for
// them), from the primary otherwise.
function run<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return sqlEm(em).execute<T[]>(query, params as never[], { connectionType: 'read' });
}

/**
 * A report aggregate in a transaction of its own, with settings for it alone: enough memory that the
 * grouping of a year of every KEP (about 50,000 summary rows, 1,000 KEPs × 53 weeks) stays in memory;
 * no JIT, whose compilation (tens of milliseconds) is planned from row estimates and costs more than
 * these queries; no parallel workers, because the report already runs its aggregates side by side.
 */
function aggregate<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  // On the read connection itself: em.transactional() would always take the primary.
  const conn = sqlEm(em).getConnection('read');
  return conn.transactional(async (tx) => {
    await conn.execute(
      `select set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`,
      [],
      'all',
      tx,
    );
    return conn.execute<T[]>(query, params, 'all', tx);
  });
}

/** jsonb arrives parsed from pg and as text from some drivers. */
function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
