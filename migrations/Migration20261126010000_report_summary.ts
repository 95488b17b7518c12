import { Migration } from '@mikro-orm/migrations';

/** What the summary needs of an appointment: everything else may change without touching it. */
const COLUMNS = 'store_id, starts_at, ends_at, status, source, created_at';

/**
 * Adds the appointments of `source` (rows of {@link COLUMNS} and a `sign`: 1 to add, -1 to take
 * away) to the weekly summary. The same statement fills the table and keeps it: a trigger hands it
 * the transition tables of each INSERT, UPDATE and DELETE, so every way an appointment changes
 * (staff, public booking, jobs, a raw UPDATE) moves the counts in its own transaction.
 *
 * The week and the lead time are computed exactly as the report computed them from the appointments:
 * the local (Athens) Monday; whole days of 24 hours from booking to start, walk-ins left out. The
 * lead times are a sparse histogram (two arrays, sorted by day) because one booked years ahead must
 * not make every row long. Rows are upserted in key order, so two statements moving appointments
 * between the same weeks lock the rows in the same order and cannot deadlock each other.
 */
function mergeIntoSummary(source: string): string {
  return `with c as (
      select store_id, date_trunc('week', starts_at at time zone 'Europe/Athens')::date as week, status, sign,
             extract(epoch from ends_at - starts_at) as seconds,
             case when source <> 'walk_in' then greatest(0, date_part('day', starts_at - created_at))::int end as lead
        from (${source}) r
       where status <> 'held'
    ), per_week as (
      select store_id, week,
             sum(sign)::int as booked,
             sum(case when status = 'cancelled' then sign else 0 end)::int as cancelled,
             sum(case when status = 'served' then sign else 0 end)::int as served,
             sum(case when status = 'arrived' then sign else 0 end)::int as arrived,
             sum(case when status = 'no_show' then sign else 0 end)::int as no_show,
             sum(case when status = 'missed_by_staff' then sign else 0 end)::int as missed_by_staff,
             sum(case when status = 'booked' then sign else 0 end)::int as still_booked,
             sum(case when status <> 'cancelled' then sign * seconds else 0 end) as booked_seconds
        from c
       group by 1, 2
    ), per_lead as (
      select store_id, week, array_agg(lead order by lead) as lead_days, array_agg(n order by lead) as lead_counts
        from (select store_id, week, lead, sum(sign)::int as n from c where lead is not null group by 1, 2, 3 having sum(sign) <> 0) l
       group by 1, 2
    )
    insert into report_week as w
    select store_id, week, booked, cancelled, served, arrived, no_show, missed_by_staff, still_booked, booked_seconds,
           coalesce(lead_days, '{}'), coalesce(lead_counts, '{}')
      from per_week left join per_lead using (store_id, week)
     where (booked, cancelled, served, arrived, no_show, missed_by_staff, still_booked, booked_seconds) <> (0, 0, 0, 0, 0, 0, 0, 0)
        or lead_days is not null
     order by store_id, week
    on conflict (store_id, week) do update set
      booked = w.booked + excluded.booked,
      cancelled = w.cancelled + excluded.cancelled,
      served = w.served + excluded.served,
      arrived = w.arrived + excluded.arrived,
      no_show = w.no_show + excluded.no_show,
      missed_by_staff = w.missed_by_staff + excluded.missed_by_staff,
      still_booked = w.still_booked + excluded.still_booked,
      booked_seconds = w.booked_seconds + excluded.booked_seconds,
      (lead_days, lead_counts) = (
        select coalesce(array_agg(d order by d), '{}'), coalesce(array_agg(n order by d), '{}')
          from (select d, sum(n)::int as n
                  from unnest(w.lead_days || excluded.lead_days, w.lead_counts || excluded.lead_counts) u(d, n)
                 group by d having sum(n) <> 0) m)`;
}

/**
 * The attendance report's weekly summary (issue 8): per KEP and local week, the count of each outcome,
 * the minutes kept and the lead-time histogram, so a year of every KEP reads some fifty thousand rows
 * instead of a million appointments. It is exact, not a cache: kept in the transaction of every change
 * by statement-level triggers (one aggregate per statement, so a bulk update is one upsert per week it
 * touches, and an UPDATE that changes none of {@link COLUMNS}, such as the retention job's, writes
 * nothing), and filled here from the appointments already there. What depends on the clock (booked
 * but past, or still to come) and weeks cut by the report's dates are read from the appointments.
 */
export class Migration20261126010000_report_summary extends Migration {
  override name = 'Migration20261126010000_report_summary';

  override up(): void {
    this.addSql(`create table report_week (
      store_id uuid not null references store(id) on delete cascade,
      week date not null,
      booked integer not null,
      cancelled integer not null,
      served integer not null,
      arrived integer not null,
      no_show integer not null,
      missed_by_staff integer not null,
      still_booked integer not null,
      booked_seconds numeric not null,
      lead_days integer[] not null,
      lead_counts integer[] not null,
      primary key (store_id, week)
    )`);
    // Static statements, one per operation (each sees only its own transition tables), so PL/pgSQL
    // keeps their plans: building them per call with EXECUTE cost 0.6 ms on every booking, against 0.1.
    // Every booking first deletes the lapsed holds in its way (nearly always none), and most updates
    // change nothing counted: those return at once instead of running the merge on nothing.
    this.addSql(`create function report_week_track() returns trigger language plpgsql as $$
      begin
        -- Nested, not joined with AND: each condition names a transition table only its operation has.
        if tg_op = 'DELETE' then
          if not exists (select from old_rows) then
            return null;
          end if;
        elsif tg_op = 'UPDATE' then
          if not exists (select ${COLUMNS} from new_rows except all select ${COLUMNS} from old_rows) then
            return null;
          end if;
        end if;
        if tg_op = 'INSERT' then
          ${mergeIntoSummary(`select ${COLUMNS}, 1 as sign from new_rows`)};
        elsif tg_op = 'DELETE' then
          ${mergeIntoSummary(`select ${COLUMNS}, -1 as sign from old_rows`)};
        else
          ${mergeIntoSummary(`select ${COLUMNS}, 1 as sign from new_rows union all select ${COLUMNS}, -1 from old_rows`)};
        end if;
        return null;
      end $$`);
    this.addSql(`create function report_week_clear() returns trigger language plpgsql as $$
      begin
        delete from report_week;
        return null;
      end $$`);
    this.addSql(`create trigger report_week_insert after insert on appointment
      referencing new table as new_rows for each statement execute function report_week_track()`);
    this.addSql(`create trigger report_week_update after update on appointment
      referencing old table as old_rows new table as new_rows for each statement execute function report_week_track()`);
    this.addSql(`create trigger report_week_delete after delete on appointment
      referencing old table as old_rows for each statement execute function report_week_track()`);
    this.addSql(`create trigger report_week_truncate after truncate on appointment for each statement execute function report_week_clear()`);
    // The triggers exist before the fill, in the same transaction: no change slips between the two.
    this.addSql(mergeIntoSummary(`select ${COLUMNS}, 1 as sign from appointment`));
    this.addSql(`analyze report_week`);
  }

  override down(): void {
    this.addSql(`drop trigger report_week_insert on appointment`);
    this.addSql(`drop trigger report_week_update on appointment`);
    this.addSql(`drop trigger report_week_delete on appointment`);
    this.addSql(`drop trigger report_week_truncate on appointment`);
    this.addSql(`drop function report_week_track(), report_week_clear()`);
    this.addSql(`drop table report_week`);
  }
}
