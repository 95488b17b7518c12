import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ReportRange } from '../../../plugin/db/report.queries.js';
import { addDays, localDay } from '../../../plugin/domain/local-day.js';
import { ATHENS } from '../../../plugin/domain/local-time.js';
import type { LeadHistogram, WeekRow } from '../../../plugin/domain/report.js';

/**
 * The report's figures counted straight from the appointments, as the report did before it had a
 * summary: the oracle the summary is checked against. Weeks come from luxon's Monday midnights (not
 * from PostgreSQL's time zone rules, which the summary's trigger uses), so the two agree only if the
 * weeks are really the same.
 */
export async function weeksFromAppointments(em: EntityManager, storeIds: readonly string[], range: ReportRange, mondays: readonly string[], now: Date): Promise<WeekRow[]> {
  const weekStarts = [...mondays, addDays(mondays[mondays.length - 1]!, 7)].map((d) => new Date(localDay(d, ATHENS).at(0)));
  const rows = await (em as SqlEntityManager).execute<Record<string, string | number>[]>(
    `select store_id, width_bucket(starts_at, array[?]::timestamptz[]) as week,
            count(*) as booked,
            count(*) filter (where status = 'cancelled') as cancelled,
            count(*) filter (where status = 'served') as served,
            count(*) filter (where status = 'arrived') as arrived,
            count(*) filter (where status = 'no_show') as no_show,
            count(*) filter (where status = 'missed_by_staff') as missed_by_staff,
            count(*) filter (where status = 'booked' and starts_at <= ?) as unrecorded,
            count(*) filter (where status = 'booked' and starts_at > ?) as upcoming,
            round(coalesce(sum(extract(epoch from ends_at - starts_at)) filter (where status <> 'cancelled'), 0) / 60) as booked_minutes
       from appointment
      where store_id = any(array[?]::uuid[]) and starts_at >= ? and starts_at < ? and status <> 'held'
      group by 1, 2`,
    [weekStarts, now, now, [...storeIds], range.start, range.end] as never[],
  );
  return rows.map((r) => ({
    storeId: String(r.store_id),
    week: mondays[Number(r.week) - 1] ?? `bucket ${r.week}`,
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
}

/** Whole days from booking to start per KEP, counted from the appointments (walk-ins and holds left out). */
export async function leadHistogramsFromAppointments(em: EntityManager, storeIds: readonly string[], range: ReportRange): Promise<LeadHistogram[]> {
  const rows = await (em as SqlEntityManager).execute<{ store_id: string; days: number; n: string | number }[]>(
    `select store_id, greatest(0, date_part('day', starts_at - created_at))::int as days, count(*) as n
       from appointment
      where store_id = any(array[?]::uuid[]) and starts_at >= ? and starts_at < ? and status <> 'held' and source <> 'walk_in'
      group by 1, 2`,
    [[...storeIds], range.start, range.end] as never[],
  );
  return rows.map((r) => ({ storeId: r.store_id, days: Number(r.days), count: Number(r.n) }));
}

/** Rows in one order, so two ways of counting compare with deep equality. */
export function sortedRows<T extends { storeId: string }>(rows: readonly T[], key: (r: T) => string | number): T[] {
  return [...rows].sort((a, b) => (a.storeId < b.storeId ? -1 : a.storeId > b.storeId ? 1 : key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
