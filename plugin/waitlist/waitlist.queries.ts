import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { FreedRow, StoreJson } from '../db/booking.queries.js';
import type { FullProcedureJson, PublicQueueJson } from '../db/citizen-booking.queries.js';
import { sqlEm } from '../db/sql-em.js';

/** A waitlist entry as the statements below read it (no personal data but the subject). */
export interface EntryRow {
  id: string;
  store_id: string;
  procedure_id: string;
  mode: 'in_person' | 'video';
  date_from: string;
  date_to: string;
  citizen_sub: string;
  status: 'waiting' | 'offered' | 'booked' | 'left' | 'expired';
  offer_appointment_id: string | null;
  offer_starts_at: Date | null;
  offer_until: Date | null;
}

/** What an offer's booking reads, locked: the entry with what the appointment takes from it, and its hold. */
export interface LockedOffer extends EntryRow {
  email: string;
  first_name: string;
  last_name: string;
  tax_id: string | null;
  language: 'el' | 'en';
  base_url: string;
  hold_id: string;
  queue_id: string;
  starts_at: Date;
  ends_at: Date;
  held_until: Date;
  reference: string;
  procedure: string | null;
  store_json: StoreJson;
  procedure_json: FullProcedureJson | null;
  future: number;
}

/** A KEP, procedure and mode with citizens waiting, and the span of their dates. */
export interface WaitingGroup {
  store_id: string;
  procedure_id: string;
  mode: 'in_person' | 'video';
  date_from: string;
  date_to: string;
  time_zone: string;
  queues: PublicQueueJson[];
}

const ENTRY = `e.id, e.store_id, e.procedure_id, e.mode, e.date_from::text as date_from, e.date_to::text as date_to, e.citizen_sub, e.status,
  e.offer_appointment_id, e.offer_starts_at, e.offer_until`;
const AUDIT = `insert into audit_event (store_id, actor, action, entity_type, entity_id, after)`;
/** The audit's "after" of an entry: what it waits for, never who. */
const AUDIT_AFTER = `json_build_object('procedureId', w.procedure_id, 'mode', w.mode, 'from', w.date_from, 'to', w.date_to, 'status', w.status)`;

const run = <T>(em: EntityManager, sql: string, params: unknown[]) => sqlEm(em).execute<T[]>(sql, params);

/**
 * The named statements of the waitlist (plugin/waitlist). Tenancy: the staff count takes the KEP in
 * its WHERE clause; the citizen's statements are reached only by the link's secret (its hash) or by
 * the entry the offer pass chose.
 */
export const waitlistQueries = {
  /** What joining checks: the KEP's zone, whether it has public queues of the mode, and the procedure when the KEP offers it. */
  async joinFacts(em: EntityManager, storeId: string, procedureId: string, mode: string) {
    const [row] = await run<{ time_zone: string; queues: number; procedure: FullProcedureJson | null }>(
      em,
      `select s.time_zone,
              (select count(*)::int from queue q where q.store_id = s.id and q.public and q.active and q.mode = ?) as queues,
              (select row_to_json(p) from store_procedure sp join "procedure" p on p.id = sp.procedure_id
                where sp.store_id = s.id and p.id = ?::uuid and p.active) as procedure
         from store s where s.id = ? and exists (select 1 from queue q where q.store_id = s.id and q.public and q.active)`,
      [mode, procedureId, storeId],
    );
    return row ?? null;
  },

  /** Adds an entry and its audit event; the unique index refuses a second live one (23505). */
  async insert(
    em: EntityManager,
    e: { storeId: string; procedureId: string; mode: string; from: string; to: string; citizenSub: string; email: string; firstName: string; lastName: string;
      taxId: string | null; language: string; baseUrl: string; linkHash: string; now: Date; actor: string },
  ): Promise<{ id: string; ahead: number }> {
    const [row] = await run<{ id: string; ahead: number }>(
      em,
      `with w as (insert into waitlist_entry (store_id, procedure_id, mode, date_from, date_to, citizen_sub, email, first_name, last_name, tax_id, language, base_url,
                                              link_hash, created_at, updated_at)
                  values (?, ?, ?, ?::date, ?::date, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *),
            audit as (${AUDIT} select w.store_id, ?, 'waitlist.join', 'waitlist_entry', w.id::text, ${AUDIT_AFTER} from w)
       select w.id, (select count(*)::int from waitlist_entry o
                      where o.store_id = w.store_id and o.procedure_id = w.procedure_id and o.mode = w.mode and o.status = 'waiting') as ahead
         from w`,
      [e.storeId, e.procedureId, e.mode, e.from, e.to, e.citizenSub, e.email, e.firstName, e.lastName, e.taxId, e.language, e.baseUrl, e.linkHash, e.now, e.now, e.actor],
    );
    return row!;
  },

  /** The entry a link names (its secret's hash), with its KEP's name. */
  async byLink(em: EntityManager, linkHash: string) {
    const [row] = await run<EntryRow & { store_name: string; time_zone: string; procedure_name: string; procedure_name_en: string; language: 'el' | 'en'; ends_at: Date | null }>(
      em,
      `select ${ENTRY}, e.language, s.name as store_name, s.time_zone, p.name as procedure_name, p.name_en as procedure_name_en, a.ends_at
         from waitlist_entry e join store s on s.id = e.store_id join "procedure" p on p.id = e.procedure_id
         left join appointment a on a.id = e.offer_appointment_id and a.status = 'held'
        where e.link_hash = ?`,
      [linkHash],
    );
    return row ?? null;
  },

  /**
   * Leaves the list by a link: the offer's hold goes first (the row a booking of it locks first),
   * then the entry, with its audit event. What it freed, and whether the entry was live.
   */
  async leave(em: SqlEntityManager, linkHash: string, now: Date): Promise<{ left: boolean; storeId: string | null; zone: string | null; freed: FreedRow[] }> {
    const freed = await em.execute<(FreedRow & { store_id: string; time_zone: string })[]>(
      `delete from appointment a using waitlist_entry e, store s
        where e.link_hash = ? and e.status = 'offered' and a.id = e.offer_appointment_id and a.status = 'held' and s.id = a.store_id
        returning a.queue_id, a.starts_at, a.ends_at, a.store_id, s.time_zone`,
      [linkHash],
    );
    const [row] = await em.execute<{ store_id: string; time_zone: string }[]>(
      `with w as (update waitlist_entry set status = 'left', offer_appointment_id = null, updated_at = ?
                   where link_hash = ? and status in ('waiting', 'offered') returning *),
            audit as (${AUDIT} select w.store_id, 'citizen:' || w.citizen_sub, 'waitlist.leave', 'waitlist_entry', w.id::text, ${AUDIT_AFTER} from w)
       select w.store_id, (select time_zone from store where id = w.store_id) as time_zone from w`,
      [now, linkHash],
    );
    return { left: !!row, storeId: row?.store_id ?? null, zone: row?.time_zone ?? null, freed };
  },

  /**
   * Offers that lapsed at `now` become 'expired' (their holds lapse by themselves: `held_until` is
   * `offer_until`), and so do entries whose last date has passed in their KEP's zone.
   */
  async expire(em: EntityManager, now: Date): Promise<number> {
    const rows = await run<{ id: string }>(
      em,
      `with w as (update waitlist_entry e set status = 'expired', updated_at = ?
                   from store s
                  where s.id = e.store_id and ((e.status = 'offered' and e.offer_until <= ?)
                     or (e.status = 'waiting' and e.date_to < (?::timestamptz at time zone s.time_zone)::date))
                  returning e.*),
            audit as (${AUDIT} select w.store_id, 'system:waitlist', 'waitlist.expire', 'waitlist_entry', w.id::text, ${AUDIT_AFTER} from w)
       select id from w`,
      [now, now, now],
    );
    return rows.length;
  },

  /** The KEPs, procedures and modes with citizens waiting (of one KEP when given), with their public queues of the mode. */
  waitingGroups(em: EntityManager, storeId: string | null): Promise<WaitingGroup[]> {
    return run<WaitingGroup>(
      em,
      `select e.store_id, e.procedure_id, e.mode, min(e.date_from)::text as date_from, max(e.date_to)::text as date_to, s.time_zone,
              coalesce((select json_agg(json_build_object('id', q.id, 'name', q.name, 'mode', q.mode, 'slotMinutes', q.slot_minutes, 'weeklyHours', q.weekly_hours,
                                                          'active', q.active, 'public', q.public) order by q.id)
                          from queue q where q.store_id = e.store_id and q.public and q.active and q.mode = e.mode), '[]'::json) as queues
         from waitlist_entry e join store s on s.id = e.store_id
        where e.status = 'waiting' and (?::uuid is null or e.store_id = ?::uuid)
          and exists (select 1 from store_procedure sp join "procedure" p on p.id = sp.procedure_id
                       where sp.store_id = e.store_id and p.id = e.procedure_id and p.active)
        group by e.store_id, e.procedure_id, e.mode, s.time_zone
        order by min(e.position)`,
      [storeId, storeId],
    );
  },

  /**
   * The first citizen waiting for this time (KEP, procedure, mode, the date in their range) who has
   * no offer now, read without a lock: the offer then takes the citizen's lock and checks again.
   */
  async firstInLine(em: EntityManager, g: { storeId: string; procedureId: string; mode: string; date: string; skip: readonly string[] }): Promise<EntryRow | null> {
    const [row] = await run<EntryRow>(
      em,
      `select ${ENTRY} from waitlist_entry e
        where e.store_id = ? and e.procedure_id = ? and e.mode = ? and e.status = 'waiting' and e.date_from <= ?::date and e.date_to >= ?::date
          and not (e.id = any(array[?]::uuid[]))
          and not exists (select 1 from waitlist_entry o where o.citizen_sub = e.citizen_sub and o.status = 'offered')
        order by e.position limit 1`,
      [g.storeId, g.procedureId, g.mode, g.date, g.date, g.skip.length ? [...g.skip] : ['00000000-0000-0000-0000-000000000000']],
    );
    return row ?? null;
  },

  /**
   * The entry again, under the citizen's lock: still waiting and its citizen still without an offer
   * (another instance's offer to them committed meanwhile is seen here), locked; SKIP LOCKED leaves
   * an entry another offer is writing to that offer. Null when it is no longer first to get one.
   */
  async lockWaiting(em: SqlEntityManager, entryId: string): Promise<(EntryRow & { email: string; first_name: string; last_name: string; language: string; base_url: string }) | null> {
    const [row] = await em.execute<(EntryRow & { email: string; first_name: string; last_name: string; language: string; base_url: string })[]>(
      `select ${ENTRY}, e.email, e.first_name, e.last_name, e.language, e.base_url from waitlist_entry e
        where e.id = ? and e.status = 'waiting'
          and not exists (select 1 from waitlist_entry o where o.citizen_sub = e.citizen_sub and o.status = 'offered')
        for update of e skip locked`,
      [entryId],
    );
    return row ?? null;
  },

  /**
   * After the hold is written: the entry becomes 'offered' with a new link, the hold takes the
   * citizen's language (their email is written in it), and the offer email goes to the outbox with
   * the link (erased once sent); with the audit event, in one statement.
   */
  async markOffered(em: SqlEntityManager, o: { entryId: string; holdId: string; startsAt: Date; until: Date; linkHash: string; url: string; now: Date }): Promise<void> {
    await em.execute(
      `with w as (update waitlist_entry set status = 'offered', offer_appointment_id = ?::uuid, offer_starts_at = ?, offer_until = ?, link_hash = ?, updated_at = ?
                   where id = ? and status = 'waiting' returning *),
            lang as (update appointment a set language = w.language from w where a.id = w.offer_appointment_id),
            outbox as (insert into outbox_message (kind, appointment_id, manage_url) select 'appointment.waitlist-offer', w.offer_appointment_id, ? from w),
            audit as (${AUDIT} select w.store_id, 'system:waitlist', 'waitlist.offer', 'waitlist_entry', w.id::text,
                              ${AUDIT_AFTER}::jsonb || jsonb_build_object('appointmentId', w.offer_appointment_id, 'until', w.offer_until) from w)
       select 1`,
      [o.holdId, o.startsAt, o.until, o.linkHash, o.now, o.entryId, o.url],
    );
  },

  /**
   * The offer of a link, for its booking: the citizen's advisory lock and the hold's queue's (see
   * LOCK ORDER in plugin/booking/booking-core.ts), then the hold and the entry locked, with the KEP,
   * the procedure while the KEP offers it, and the citizen's other future appointments at `now`.
   * Null when the link names no offer whose hold is still there.
   */
  async lockOffer(em: SqlEntityManager, linkHash: string, now: Date): Promise<LockedOffer | null> {
    const [row] = await em.execute<LockedOffer[]>(
      `with e0 as (select e.citizen_sub, a.queue_id from waitlist_entry e join appointment a on a.id = e.offer_appointment_id where e.link_hash = ?),
            c as materialized (select pg_advisory_xact_lock(hashtextextended('citizen:' || citizen_sub, 0)) from e0),
            l as materialized (select pg_advisory_xact_lock(hashtextextended('rantevou:queue:' || queue_id::text, 0)) from e0 where (select count(*) from c) >= 0),
            h as materialized (select ${ENTRY}, e.email, e.first_name, e.last_name, e.tax_id, e.language, e.base_url,
                                      a.id as hold_id, a.queue_id, a.starts_at, a.ends_at, a.held_until, a.reference, a.procedure
                                 from waitlist_entry e join appointment a on a.id = e.offer_appointment_id
                                where e.link_hash = ? and a.status = 'held' and a.holder = 'waitlist:' || e.id::text and (select count(*) from l) >= 0
                                for update of a, e)
       select h.*, (select row_to_json(s) from store s where s.id = h.store_id) as store_json,
              (select row_to_json(p) from store_procedure sp join "procedure" p on p.id = sp.procedure_id
                where sp.store_id = h.store_id and p.id = h.procedure_id and p.active) as procedure_json,
              (select count(*)::int from appointment f
                where f.citizen_sub = h.citizen_sub and f.status not in ('cancelled', 'held') and f.starts_at > ?) as future
         from h`,
      [linkHash, linkHash, now],
    );
    return row ?? null;
  },

  /** The entry of a booked offer becomes 'booked', with its audit event. */
  async markBooked(em: SqlEntityManager, entryId: string, now: Date): Promise<void> {
    await em.execute(
      `with w as (update waitlist_entry set status = 'booked', updated_at = ? where id = ? and status = 'offered' returning *)
       ${AUDIT} select w.store_id, 'citizen:' || w.citizen_sub, 'waitlist.book', 'waitlist_entry', w.id::text, ${AUDIT_AFTER} from w`,
      [now, entryId],
    );
  },

  /**
   * Staff's figure: how many citizens are on the KEP's list (waiting or holding an offer) for each
   * local day of [from, to] and procedure (an entry counts on every day of its range). No names.
   */
  countsPerDay(em: EntityManager, storeId: string, from: string, to: string) {
    return run<{ date: string; procedure_id: string; procedure: string; waiting: number }>(
      em,
      `select d::date::text as date, e.procedure_id, p.name as procedure, count(*)::int as waiting
         from generate_series(?::date, ?::date, interval '1 day') d
         join waitlist_entry e on e.store_id = ? and e.status in ('waiting', 'offered') and e.date_from <= d::date and e.date_to >= d::date
         join "procedure" p on p.id = e.procedure_id
        group by d, e.procedure_id, p.name
        order by d, p.name`,
      [from, to, storeId],
    );
  },
};
