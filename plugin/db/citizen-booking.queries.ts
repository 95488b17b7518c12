import type { SqlEntityManager } from '@mikro-orm/sql';
import type { TakenInterval } from '../domain/availability.js';
import type { ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import type { WeeklyHours } from '../domain/weekly-hours.js';
import { exceptionsJson, type DateRange, type ProcedureJson, type StoreJson } from './booking.queries.js';
import { parseTaken, takenQuery, type TakenRow } from './queue.queries.js';

/** A public, active queue as the hold reads it. */
export interface PublicQueueJson {
  id: string;
  name: string;
  mode: 'in_person' | 'video';
  slotMinutes: number;
  weeklyHours: WeeklyHours;
  active: boolean;
  public: boolean;
}

/** A catalogue procedure with everything its entity holds. */
export type FullProcedureJson = ProcedureJson & { bring: string[]; bring_en: string[] | null; active: boolean; version: number };

/**
 * The named statements of a citizen's hold and booking (see plugin/public/holds.ts, bookings.ts):
 * each gathers into one round trip what the ORM would read in several.
 */
export const citizenBookingQueries = {
  /**
   * Everything a hold decides on before it locks anything, in one statement: the KEP and its public,
   * active queues; the procedure when the KEP offers it; the citizen's future appointments at `now`;
   * the exceptions of `dates`; and what is taken in `range` (lapsed holds and `holder`'s own free,
   * cool-downs free only with `cooldownsFree`).
   */
  async holdFacts(
    em: SqlEntityManager,
    a: { storeId: string; procedureId: string; holder: string; now: Date; dates: DateRange; range: { start: Date; end: Date }; cooldownsFree: boolean },
  ): Promise<{ store: StoreJson; queues: PublicQueueJson[]; procedure: FullProcedureJson | null; future: number; exceptions: ExceptionRule[]; taken: TakenInterval[] } | null> {
    const taken = takenQuery([a.storeId], a.range, { exceptHolder: a.holder, cooldownsFree: a.cooldownsFree, now: a.now })!;
    const [row] = await em.execute<{ store: StoreJson; queues: PublicQueueJson[]; procedure: FullProcedureJson | null; future: number; exceptions: ExceptionRule[]; taken: TakenRow[] }[]>(
      `select row_to_json(s) as store,
              coalesce((select json_agg(json_build_object('id', q.id, 'name', q.name, 'mode', q.mode, 'slotMinutes', q.slot_minutes, 'weeklyHours', q.weekly_hours,
                                                          'active', q.active, 'public', q.public) order by q.is_default desc, q.name, q.id)
                          from queue q where q.store_id = s.id and q.public and q.active), '[]'::json) as queues,
              (select row_to_json(p) from store_procedure sp join "procedure" p on p.id = sp.procedure_id
                where sp.store_id = s.id and p.id = ?::uuid and p.active) as procedure,
              (select count(*)::int from appointment f where f.citizen_sub = ? and f.status not in ('cancelled', 'held') and f.starts_at > ?) as future,
              ${exceptionsJson.sql} as exceptions,
              coalesce((select json_agg(t) from (${taken.sql}) t), '[]'::json) as taken
         from store s where s.id = ?`,
      [a.procedureId, a.holder, a.now, ...exceptionsJson.params(a.storeId, a.dates), ...taken.params, a.storeId],
    );
    if (!row || row.queues.length === 0) return null;
    return { ...row, taken: parseTaken(row.taken) };
  },

  /**
   * The first statement of a booking: the citizen's advisory lock (see LOCK ORDER in
   * plugin/booking/booking-core.ts), then the claim of the idempotency key. Whether the key was
   * new; when not, `claimIdempotencyKey` tells what the earlier request answered.
   */
  async lockCitizenAndClaim(em: SqlEntityManager, citizenKey: string, citizenSub: string, key: string, hash: string): Promise<boolean> {
    const rows = await em.execute<{ key: string }[]>(
      `with c as materialized (select pg_advisory_xact_lock(hashtextextended(?::text, 0)))
       insert into idempotency_key (citizen_sub, key, request_hash) select ?, ?, ? from c on conflict do nothing returning key`,
      [citizenKey, citizenSub, key, hash],
    );
    return rows.length > 0;
  },

  /**
   * The citizen's own hold, locked for its booking after its queue's advisory lock (queue, then
   * row: see LOCK ORDER), with what the booking decides on: its KEP, its procedure while the KEP
   * still offers it, and the citizen's other future appointments at `now`. Null when it is not
   * (or no longer) their hold.
   */
  async lockHold(em: SqlEntityManager, a: { holdId: string; citizenSub: string; now: Date }) {
    const [row] = await em.execute<(HeldRow & { store_json: StoreJson; procedure_json: FullProcedureJson | null; future: number })[]>(
      `with h0 as (select queue_id from appointment where id = ?::uuid and citizen_sub = ?),
            l as materialized (select pg_advisory_xact_lock(hashtextextended('rantevou:queue:' || queue_id::text, 0)) from h0),
            h as materialized (select a.* from appointment a
                                where a.id = ?::uuid and a.citizen_sub = ? and a.status = 'held' and a.holder = ? and (select count(*) from l) >= 0
                                for update)
       select h.*, (select row_to_json(s) from store s where s.id = h.store_id) as store_json,
              (select row_to_json(p) from store_procedure sp join "procedure" p on p.id = sp.procedure_id
                where sp.store_id = h.store_id and p.id = h.procedure_id and p.active) as procedure_json,
              (select count(*)::int from appointment f
                where f.citizen_sub = ? and f.status not in ('cancelled', 'held') and f.starts_at > ? and f.id <> h.id) as future
         from h`,
      [a.holdId, a.citizenSub, a.holdId, a.citizenSub, a.citizenSub, a.citizenSub, a.now],
    );
    return row ?? null;
  },

  /**
   * Turns a locked hold into the booking in one statement: the row (version moved on), its audit
   * event, the confirmation email with its manage link, the link's token, and the answer the
   * idempotency key replays (the row that `claimIdempotencyKey` in plugin/public/idempotency.ts reads back),
   * when there is one (a waitlist offer booked by its link has none).
   */
  async bookHeld(
    em: SqlEntityManager,
    a: {
      holdId: string;
      set: { firstName: string; lastName: string; searchKey: string; email: string; phone: string | null; businessName: string | null; businessTaxId: string | null;
        taxId: string | null; language: string; citizenSub: string; videoLink: string | null };
      audit: { actor: string; after: Record<string, unknown> };
      manage: { url: string; tokenHash: string; expiresAt: Date };
      answer?: { citizenSub: string; key: string; status: number; body: Record<string, unknown> };
    },
  ): Promise<boolean> {
    const s = a.set;
    const rows = await em.execute<{ id: string }[]>(
      `with up as (update appointment set status = 'booked', held_until = null, holder = null, first_name = ?, last_name = ?, search_key = ?, email = ?, phone = ?,
                          business_name = ?, business_tax_id = ?, tax_id = ?, language = ?, source = 'online', citizen_sub = ?, video_link = ?,
                          version = version + 1, updated_at = now()
                    where id = ?::uuid and status = 'held' returning id, store_id),
            audit as (insert into audit_event (store_id, actor, action, entity_type, entity_id, after)
                      select up.store_id, ?, 'appointment.create', 'appointment', up.id::text, ?::jsonb from up),
            outbox as (insert into outbox_message (kind, appointment_id, manage_url) select 'appointment.confirmation', up.id, ? from up),
            token as (insert into manage_token (token_hash, appointment_id, expires_at) select ?, up.id, ?::timestamptz from up),
            answer as (update idempotency_key set response_status = ?, response_body = ?::jsonb
                        where citizen_sub = ? and key = ? and exists (select 1 from up))
       select id from up`,
      [
        s.firstName, s.lastName, s.searchKey, s.email, s.phone, s.businessName, s.businessTaxId, s.taxId, s.language, s.citizenSub, s.videoLink,
        a.holdId,
        a.audit.actor, JSON.stringify(a.audit.after),
        a.manage.url,
        a.manage.tokenHash, a.manage.expiresAt,
        a.answer?.status ?? null, a.answer ? JSON.stringify(a.answer.body) : null, a.answer?.citizenSub ?? null, a.answer?.key ?? null,
      ],
    );
    return rows.length > 0;
  },
};

/** The hold row `lockHold` reads. */
export interface HeldRow {
  id: string;
  store_id: string;
  queue_id: string;
  starts_at: Date;
  ends_at: Date;
  mode: 'in_person' | 'video';
  procedure: string | null;
  procedure_id: string | null;
  priority_token_hash: string | null;
  held_until: Date;
  reference: string;
  notes: string | null;
  created_by: string;
}
