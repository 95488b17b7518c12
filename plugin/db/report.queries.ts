import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ScheduleException } from '../domain/day-schedule.js';
import { addDays, localDay } from '../domain/local-day.js';
import { ATHENS } from '../domain/local-time.js';
import type { LeadHistogram, ReportStore, WeekRow } from '../domain/report.js';
import type { OfferedInput } from '../domain/report-offered.js';
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
   * One row per KEP and week with the count per outcome and the minutes the appointments held. Weeks
   * are found with `width_bucket` among the local midnights of the `mondays` (computed with the zone
   * rules, then the Monday after the last): per row that is a few comparisons, where a
   * conversion to local time was the larger part of the query. `now` splits the still-booked ones into
   * past (unrecorded) and upcoming.
   */
  async weeks(em: EntityManager, storeIds: readonly string[], range: ReportRange, mondays: readonly string[], now: Date): Promise<WeekRow[]> {
    const weekStarts = [...mondays, addDays(mondays[mondays.length - 1]!, 7)].map((d) => new Date(localDay(d, ATHENS).at(0)));
    const rows = await aggregate<Record<string, string | number>>(
      em,
      `select store_id, width_bucket(starts_at, array[?]::timestamptz[]) as week,
              count(*) as booked,
              count(*) filter (where status = 'cancelled') as cancelled,
              count(*) filter (where status = 'served') as served,
              count(*) filter (where status = 'arrived') as arrived,
              count(*) filter (where status = 'no_show') as no_show,
              count(*) filter (where status = 'missed_by_staff') as missed_by_staff,
              count(*) filter (where status = 'booked' and starts_at <= ?) as unrecorded,
              count(*) filter (where status = 'booked' and starts_at > ?) as upcoming,
              (coalesce(sum(date_part('epoch', ends_at - starts_at)) filter (where status <> 'cancelled'), 0) / 60)::bigint as booked_minutes
         from appointment
        where store_id = any(array[?]::uuid[]) and starts_at >= ? and starts_at < ? and status <> 'held'
        group by 1, 2`,
      [[...weekStarts], now, now, [...storeIds], range.start, range.end],
    );
    return rows.map((r) => ({
      storeId: String(r.store_id),
      // width_bucket counts from 1 for the first week; the range lies within the buckets.
      week: mondays[Number(r.week) - 1] ?? '',
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
   * percentiles are taken from these few thousand counts (`leadTimesOf`), because sorting every lead
   * time of a year in the database cost more than the rest of the report. The difference of two
   * instants comes justified into days of 24 hours, so its day field is the whole days. Walk-ins are
   * left out: they were never booked ahead; an appointment recorded after it happened counts as 0 days.
   */
  async leadHistograms(em: EntityManager, storeIds: readonly string[], range: ReportRange): Promise<LeadHistogram[]> {
    const rows = await aggregate<{ store_id: string; days: number; n: string | number }>(
      em,
      `select store_id, greatest(0, date_part('day', starts_at - created_at))::int as days, count(*) as n
         from appointment
        where store_id = any(array[?]::uuid[]) and starts_at >= ? and starts_at < ? and status <> 'held' and source <> 'walk_in'
        group by 1, 2`,
      [[...storeIds], range.start, range.end],
    );
    return rows.map((r) => ({ storeId: r.store_id, days: Number(r.days), count: Number(r.n) }));
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

function run<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return (em as SqlEntityManager).execute<T[]>(query, params as never[]);
}

/**
 * A year-long aggregate in a transaction of its own, with settings for it alone: enough memory that
 * the hash aggregate of 1,000 KEPs × 53 weeks stays in memory instead of sorting on disk; no JIT,
 * whose compilation took longer than it saved; and no parallel workers, because the report runs its
 * two aggregates side by side, one per core (measured: 770 ms instead of 900 ms on 2 cores).
 */
function aggregate<T>(em: EntityManager, query: string, params: unknown[]): Promise<T[]> {
  return em.fork().transactional(async (tx) => {
    await run(tx, `set local work_mem = '64MB'`, []);
    await run(tx, `set local jit = off`, []);
    await run(tx, `set local max_parallel_workers_per_gather = 0`, []);
    return run<T>(tx, query, params);
  });
}

/** jsonb arrives parsed from pg and as text from some drivers. */
function json<T>(value: T | string): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
