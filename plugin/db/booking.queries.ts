import type { SqlEntityManager } from '@mikro-orm/sql';
import type { ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import type { WeeklyHours } from '../domain/weekly-hours.js';

/**
 * The named statements of the booking core (plugin/booking/booking-core.ts), each one round trip,
 * so that taking a time costs a handful of statements instead of an ORM flush per row. Typed once:
 * they take the `SqlEntityManager` the core's transaction hands them. Tenancy: each takes the store
 * id and names it in its WHERE clause.
 */

/** A queue row as the lock reads it (the latest version: it is read under its lock). */
export interface LockedQueueRow {
  id: string;
  store_id: string;
  name: string;
  is_default: boolean;
  mode: 'in_person' | 'video';
  slot_minutes: number;
  weekly_hours: WeeklyHours;
  active: boolean;
  public: boolean;
  employee_sub: string | null;
  employee_name: string | null;
}

/** A KEP row as JSON. */
export interface StoreJson {
  id: string;
  code: string;
  name: string;
  municipality: string;
  address: string;
  time_zone: string;
  contact_email: string | null;
  phone: string | null;
}

/** A catalogue procedure as JSON. */
export interface ProcedureJson {
  id: string;
  code: string;
  name: string;
  name_en: string;
  video_eligible: boolean;
  alternative_text: string | null;
  alternative_text_en: string | null;
}

/** The schedule a write is checked against, with the fingerprint its write statement compares. */
export interface ScheduleFacts {
  exceptions: ExceptionRule[];
  /** md5 of the exceptions read; the write goes ahead only if they are still the same (see `guard`). */
  fingerprint: string;
}

/** The local dates whose exceptions a check needs. */
export interface DateRange {
  from: string;
  to: string;
}

const EXCEPTIONS_OF = `from schedule_exception e
  where e.store_id = ? and ((e.recurs_yearly and e.start_date <= ?::date) or (e.start_date <= ?::date and e.end_date >= ?::date))`;
const exceptionParams = (storeId: string, r: DateRange) => [storeId, r.to, r.to, r.from];
const EXCEPTIONS_JSON = `coalesce((select json_agg(json_build_object('queueId', e.queue_id, 'startDate', e.start_date, 'endDate', e.end_date,
  'hours', e.hours, 'recursYearly', e.recurs_yearly) order by e.start_date, e.created_at) ${EXCEPTIONS_OF}), '[]'::json)`;
const EXCEPTIONS_FINGERPRINT = `(select md5(coalesce(string_agg(e::text, '|' order by e.id), '')) ${EXCEPTIONS_OF})`;

/** The KEP's exceptions for some dates as JSON in the engine's terms, for a statement that reads them with the rest. */
export const exceptionsJson = { sql: EXCEPTIONS_JSON, params: exceptionParams };

/** The advisory lock key of a queue's writers (the same text every path hashes). */
const QUEUE_KEY = `hashtextextended('rantevou:queue:' || id::text, 0)`;

export const bookingQueries = {
  /**
   * Takes the locks of a write in the one order every path keeps (see LOCK ORDER in
   * booking-core.ts): the citizen's advisory lock (when one is given), the queues' rows FOR SHARE,
   * then the queues' advisory locks, each in id order; and reads what the schedule check needs:
   * the queues as they are now (their rows are read under the lock), the KEP, its exceptions for
   * `dates` with their fingerprint, and the procedure `procedureId` names when it is active.
   * `queueIds` empty with `orDefault` locks the KEP's default queue.
   */
  async lockTimes(
    em: SqlEntityManager,
    a: { storeId: string; queueIds: readonly string[]; orDefault?: boolean; citizenKey?: string | null; dates: DateRange; procedureId?: string | null },
  ): Promise<{ queues: LockedQueueRow[]; store: StoreJson | null; schedule: ScheduleFacts; procedure: ProcedureJson | null }> {
    const rows = await em.execute<(LockedQueueRow & { store: StoreJson; exceptions: ExceptionRule[]; fingerprint: string; procedure: ProcedureJson | null })[]>(
      `with c as materialized (select pg_advisory_xact_lock(hashtextextended(?::text, 0)) where ?::text is not null),
            q as materialized (
              select q.id, q.store_id, q.name, q.is_default, q.mode, q.slot_minutes, q.weekly_hours, q.active, q.public, q.employee_sub, q.employee_name
                from queue q left join c on true
               where q.store_id = ? and (q.id = any(array[?]::uuid[]) or (?::boolean and q.is_default))
               order by q.id for share of q),
            l as materialized (select pg_advisory_xact_lock(${QUEUE_KEY}) from q order by id)
       select q.*, (select row_to_json(s) from store s where s.id = q.store_id) as store,
              ${EXCEPTIONS_JSON} as exceptions, ${EXCEPTIONS_FINGERPRINT} as fingerprint,
              (select row_to_json(p) from "procedure" p where p.id = ?::uuid and p.active) as procedure,
              (select count(*) from l) as locks
         from q order by q.id`,
      [
        a.citizenKey ?? null,
        a.citizenKey ?? null,
        a.storeId,
        a.queueIds.length ? [...a.queueIds] : ['00000000-0000-0000-0000-000000000000'],
        a.orDefault ?? false,
        ...exceptionParams(a.storeId, a.dates),
        ...exceptionParams(a.storeId, a.dates),
        a.procedureId ?? null,
      ],
    );
    const first = rows[0];
    return {
      queues: rows.map(({ id, store_id, name, is_default, mode, slot_minutes, weekly_hours, active, public: pub, employee_sub, employee_name }) => ({
        id, store_id, name, is_default, mode, slot_minutes, weekly_hours, active, public: pub, employee_sub, employee_name,
      })),
      store: first?.store ?? null,
      schedule: { exceptions: first?.exceptions ?? [], fingerprint: first?.fingerprint ?? '' },
      procedure: first?.procedure ?? null,
    };
  },

  /**
   * Inserts an appointment (a booking or a hold) with its audit event and, for a booking with an
   * email, its outbox message, in one statement. First, under the same guard, it lets go of the
   * holder's previous hold (`releaseHolder`) and of the holds in the way that no longer keep the
   * time (lapsed at `now`; with `cooldownToo` the cool-downs too). The guard: the KEP's exceptions
   * are still those the caller checked (their fingerprint), else nothing is written and it answers
   * null (a schedule change committed in between; the caller checks again). The exclusion constraint
   * decides overlaps (23P01).
   */
  async insertAppointment(
    em: SqlEntityManager,
    a: {
      guard: { storeId: string; dates: DateRange; fingerprint: string };
      clear: { queueId: string; startsAt: Date; endsAt: Date; now: Date; cooldownToo: boolean };
      releaseHolder?: string | null;
      row: Record<(typeof APPOINTMENT_COLUMNS)[number], unknown>;
      audit: { actor: string; action: string; after: Record<string, unknown> };
      outboxKind: string | null;
    },
  ): Promise<{ row: Record<string, unknown>; freed: FreedRow[] } | null> {
    const columns = APPOINTMENT_COLUMNS.join(', ');
    const values = APPOINTMENT_COLUMNS.map((c) => `?${CASTS[c] ?? ''}`).join(', ');
    const rows = await em.execute<(Record<string, unknown> & { freed: FreedRow[] | null })[]>(
      `with ok as materialized (select 1 as ok where ${EXCEPTIONS_FINGERPRINT} = ?),
            released as (delete from appointment where ?::text is not null and status = 'held' and holder = ? and exists (select 1 from ok)
                         returning queue_id, starts_at, ends_at),
            cleared as (delete from appointment
                         where queue_id = ? and status = 'held' and starts_at < ? and ends_at > ?
                           and (held_until <= ? or (?::boolean and holder = 'cooldown')) and exists (select 1 from ok)
                         returning queue_id, starts_at, ends_at),
            freed as materialized (select * from released union all select * from cleared),
            ins as (insert into appointment (${columns}) select ${values} from ok where (select count(*) from freed) >= 0 returning *),
            audit as (insert into audit_event (store_id, actor, action, entity_type, entity_id, after)
                      select ins.store_id, ?, ?, 'appointment', ins.id::text, ?::jsonb from ins),
            outbox as (insert into outbox_message (kind, appointment_id) select ?::text, ins.id from ins where ?::text is not null)
       select ins.*, (select json_agg(freed) from freed) as freed from ins`,
      [
        ...exceptionParams(a.guard.storeId, a.guard.dates),
        a.guard.fingerprint,
        a.releaseHolder ?? null,
        a.releaseHolder ?? null,
        a.clear.queueId,
        a.clear.endsAt,
        a.clear.startsAt,
        a.clear.now,
        a.clear.cooldownToo,
        ...APPOINTMENT_COLUMNS.map((c) => a.row[c] ?? null),
        a.audit.actor,
        a.audit.action,
        JSON.stringify(a.audit.after),
        a.outboxKind,
        a.outboxKind,
      ],
    );
    const [first] = rows;
    if (!first) return null;
    const { freed, ...row } = first;
    return { row, freed: freed ?? [] };
  },

  /** Whether the KEP's exceptions for `dates` are still those whose fingerprint `lockTimes` gave. */
  async scheduleUnchanged(em: SqlEntityManager, storeId: string, dates: DateRange, fingerprint: string): Promise<boolean> {
    const [row] = await em.execute<{ same: boolean }[]>(`select ${EXCEPTIONS_FINGERPRINT} = ? as same`, [...exceptionParams(storeId, dates), fingerprint]);
    return row?.same === true;
  },

  /**
   * Deletes the holds in [start, end) of a queue that no longer keep it: lapsed at `now`, and with
   * `cooldownToo` the cool-downs after cancellations. In the caller's transaction, before its write,
   * so the exclusion constraint sees only live rows; answers what it freed.
   */
  async clearStaleHolds(em: SqlEntityManager, queueId: string, start: Date, end: Date, now: Date, cooldownToo: boolean): Promise<FreedRow[]> {
    return em.execute<FreedRow[]>(
      `delete from appointment
        where queue_id = ? and status = 'held' and starts_at < ? and ends_at > ?
          and (held_until <= ? or (?::boolean and holder = 'cooldown'))
        returning queue_id, starts_at, ends_at`,
      [queueId, end, start, now, cooldownToo],
    );
  },

  /**
   * A cancellation's cool-down: a 'held' row with holder 'cooldown' until `now` + `minutes`. ON
   * CONFLICT DO NOTHING also yields to the exclusion constraint: a taken time needs no cool-down.
   * Whether it was written.
   */
  async insertCooldown(em: SqlEntityManager, s: { storeId: string; queueId: string; startsAt: Date; endsAt: Date; mode: string }, now: Date, minutes: number): Promise<boolean> {
    const rows = await em.execute<{ id: string }[]>(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by, held_until, holder)
       values (?, ?, ?, ?, '', '', ?, 'held', 'online', 'system:cooldown', ?::timestamptz + make_interval(mins => ?), 'cooldown')
       on conflict do nothing returning id`,
      [s.storeId, s.queueId, s.startsAt, s.endsAt, s.mode, now, minutes],
    );
    return rows.length > 0;
  },
};

/** A time a statement let go of (a hold or cool-down it deleted). */
export interface FreedRow {
  queue_id: string;
  starts_at: Date | string;
  ends_at: Date | string;
}

/** The columns a new appointment row is written with (the rest take their defaults; the reference its trigger). */
export const APPOINTMENT_COLUMNS = [
  'id', 'store_id', 'queue_id', 'starts_at', 'ends_at', 'first_name', 'last_name', 'email', 'phone', 'notes', 'tax_id', 'business_name',
  'business_tax_id', 'procedure', 'procedure_id', 'search_key', 'mode', 'status', 'source', 'created_by', 'video_link', 'held_until', 'holder',
  'citizen_sub', 'priority_token_hash',
] as const;

const CASTS: Partial<Record<(typeof APPOINTMENT_COLUMNS)[number], string>> = {
  id: '::uuid',
  store_id: '::uuid',
  queue_id: '::uuid',
  procedure_id: '::uuid',
  starts_at: '::timestamptz',
  ends_at: '::timestamptz',
  held_until: '::timestamptz',
};
