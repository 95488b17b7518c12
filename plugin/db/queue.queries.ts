import { LockMode, type EntityManager } from '@mikro-orm/core';
import type { TakenInterval } from '../domain/availability.js';
import type { ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import { Appointment } from './appointment.entity.js';
import { Queue } from './queue.entity.js';
import { ScheduleException } from './schedule-exception.entity.js';
import { sqlEm } from './sql-em.js';
import { Store } from './store.entity.js';

/**
 * Named queries on queues, exceptions and the free time of a KEP. Like the appointment queries,
 * each puts the caller's store ids in the WHERE clause itself, so another KEP's rows cannot be
 * reached by a forgotten check: they simply are not found.
 */
export const queueQueries = {
  /** The KEP, when it is one of the caller's. */
  store(em: EntityManager, storeId: string, callerStores: readonly string[]) {
    return em.findOne(Store, { id: { $in: scoped(storeId, callerStores) } });
  },

  /** The KEP's queues, with the KEP: the default first, then by name. */
  list(em: EntityManager, storeId: string, callerStores: readonly string[]) {
    return em.find(Queue, { store: { $in: scoped(storeId, callerStores) } }, { populate: ['store'], orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } });
  },

  /** One queue of one of the caller's KEPs, with its store. */
  byId(em: EntityManager, storeId: string, queueId: string, callerStores: readonly string[]) {
    return em.findOne(Queue, { id: queueId, store: { $in: scoped(storeId, callerStores) } }, { populate: ['store'] });
  },

  /** The KEP's exceptions (its own and its queues') that touch the dates [from, to]; yearly ones always. */
  exceptions(em: EntityManager, storeId: string, callerStores: readonly string[], range: { from: string; to: string }) {
    return em.find(
      ScheduleException,
      {
        store: { $in: scoped(storeId, callerStores) },
        $or: [{ recursYearly: true, startDate: { $lte: range.to } }, { startDate: { $lte: range.to }, endDate: { $gte: range.from } }],
      },
      { orderBy: { startDate: 'asc', createdAt: 'asc' } },
    );
  },

  /** One exception of one of the caller's KEPs. */
  exceptionById(em: EntityManager, storeId: string, id: string, callerStores: readonly string[]) {
    return em.findOne(ScheduleException, { id, store: { $in: scoped(storeId, callerStores) } });
  },

  /**
   * Locks one queue's row of the KEP for a change of the queue, for the rest of the caller's
   * transaction, and reads it afresh with its KEP; null when it is not one of the caller's. FOR NO
   * KEY UPDATE, against the FOR SHARE that every write of a time takes (`bookingQueries.lockTimes`):
   * so a booking checked against the queue as it was cannot commit after a deactivation or a change
   * of hours that did not see it. Not FOR UPDATE: that would also queue every write that merely
   * references the queue (its foreign-key check takes FOR KEY SHARE) behind the change. (The
   * writers' share lock is taken with their other locks, in one statement: `bookingQueries.lockTimes`.)
   */
  async lock(em: EntityManager, storeId: string, queueId: string, callerStores: readonly string[]): Promise<Queue | null> {
    const stores = scoped(storeId, callerStores);
    if (stores.length === 0) return null;
    // The row alone: a lock over the join with the KEP would lock the KEP's row as well.
    const rows = await sqlEm(em).execute(`select id from queue where id = ? and store_id = ? for no key update`, [queueId, stores[0]]);
    if (rows.length === 0) return null;
    return em.findOne(Queue, queueId, { populate: ['store'], refresh: true });
  },

  /** Locks the KEP's queues (or the given ones) for a change of their schedule, in id order: see `lock`. */
  async lockForScheduleChange(em: EntityManager, storeId: string, callerStores: readonly string[], queueIds?: readonly string[]): Promise<void> {
    const stores = scoped(storeId, callerStores);
    if (stores.length === 0 || queueIds?.length === 0) return;
    const only = queueIds ? ` and id in (${queueIds.map(() => '?').join(', ')})` : '';
    await sqlEm(em).execute(`select id from queue where store_id = ?${only} order by id for no key update`, [stores[0], ...(queueIds ?? [])]);
  },

  /**
   * The intervals that cannot be booked between two instants, as plain numbers: live appointments and
   * live holds. A lapsed hold is always free; so are, by default, a cancellation's cool-downs (they
   * give way to staff, and to a citizen holding a priority token), and `exceptHolder`'s own holds (a
   * new hold of theirs replaces them). The public asks with `cooldownsFree: false` for its queues.
   * A hold lapses at `now` (the plugin's clock). The availability engine needs thousands of them per
   * request, so no entities are built.
   */
  async taken(em: EntityManager, storeId: string, callerStores: readonly string[], range: { start: Date; end: Date }, options: TakenOptions): Promise<TakenInterval[]> {
    const query = takenQuery(scoped(storeId, callerStores), range, options);
    if (!query) return [];
    // On the caller's transaction (its snapshot and its connection): PGlite has only the one connection,
    // so a query beside an open transaction waits for it forever.
    return parseTaken(await sqlEm(em).execute<TakenRow[]>(query.sql, query.params));
  },

  /**
   * Live appointments of the KEP (optionally of some queues) that start after `now`, by time, locked
   * for the schedule change that reads them (only such a change calls this, in its transaction): a
   * cancel or move of one of them committing meanwhile would otherwise make the change's own write
   * of it fail its version check. Locked, the change waits for it and then no longer sees a cancelled
   * one. Holds and cool-downs are no appointments: nobody is told about them, kept, cancelled or moved.
   */
  future(em: EntityManager, storeId: string, callerStores: readonly string[], now: Date, queueIds?: readonly string[]) {
    return em.find(
      Appointment,
      {
        store: { $in: scoped(storeId, callerStores) },
        ...(queueIds ? { queue: { $in: [...queueIds] } } : {}),
        status: { $nin: ['cancelled', 'held'] },
        startsAt: { $gt: now },
      },
      { populate: ['queue', 'store'], orderBy: { startsAt: 'asc', id: 'asc' }, lockMode: LockMode.PESSIMISTIC_WRITE, lockTableAliases: ['a0'] },
    );
  },

  /** The holds and cool-downs of the KEP (optionally of some queues) that start after `now`. */
  futureHolds(em: EntityManager, storeId: string, callerStores: readonly string[], now: Date, queueIds?: readonly string[]) {
    return em.find(Appointment, {
      store: { $in: scoped(storeId, callerStores) },
      ...(queueIds ? { queue: { $in: [...queueIds] } } : {}),
      status: 'held',
      startsAt: { $gt: now },
    });
  },

  /** Whether any appointment (past, future, cancelled) names the queue: then it is history and stays. */
  async hasAppointments(em: EntityManager, queueId: string): Promise<boolean> {
    return (await em.findOne(Appointment, { queue: queueId }, { fields: ['id'] })) !== null;
  },
};

/** Which rows {@link queueQueries.taken} leaves out. */
export interface TakenOptions {
  queueIds?: readonly string[];
  exceptHolder?: string | undefined;
  cooldownsFree?: boolean;
  /** The plugin's clock: a hold lapses at its held_until by it. */
  now: Date;
}

/** One row of {@link takenQuery}: a queue and its intervals as text ("start,end,start,end…" in ms). */
export interface TakenRow {
  queue_id: string;
  se: string;
}

/**
 * The statement of {@link queueQueries.taken}, for a caller that reads it inside a larger statement
 * (the citizen's hold gathers it with the rest of what it reads in one round trip); null when the
 * caller may see nothing.
 */
export function takenQuery(stores: readonly string[], range: { start: Date; end: Date }, { queueIds, exceptHolder, cooldownsFree = true, now }: TakenOptions) {
  if (stores.length === 0 || queueIds?.length === 0) return null;
  const only = queueIds ? ` and queue_id in (${queueIds.map(() => '?').join(', ')})` : '';
  // Appointments last at most 240 minutes (the API's and the queues' limit), so "started less than
  // a day before the range" is a safe lower bound that lets the (store_id, starts_at) index scan
  // only the range instead of the KEP's whole history. One row per queue with its intervals as
  // text is about twice as fast to read as a row per appointment.
  return {
    sql: `select queue_id,
              string_agg((extract(epoch from starts_at) * 1000)::bigint || ',' || (extract(epoch from ends_at) * 1000)::bigint, ',') as se
         from appointment
        where store_id = ?${only} and status <> 'cancelled' and starts_at < ? and starts_at > ? and ends_at > ?
          and not (status = 'held' and (held_until <= ?::timestamptz or holder = ? or (?::boolean and holder = 'cooldown')))
        group by queue_id`,
    params: [stores[0], ...(queueIds ?? []), range.end, new Date(range.start.getTime() - 86_400_000), range.start, now, exceptHolder ?? '', cooldownsFree] as unknown[],
  };
}

/** The intervals of {@link takenQuery}'s rows. */
export function parseTaken(rows: readonly TakenRow[]): TakenInterval[] {
  const taken: TakenInterval[] = [];
  for (const row of rows) {
    const ms = row.se.split(',');
    for (let i = 0; i + 1 < ms.length; i += 2) taken.push({ queueId: row.queue_id, start: new Date(Number(ms[i])), end: new Date(Number(ms[i + 1])) });
  }
  return taken;
}

/** An exception row in the engine's terms. */
export function toExceptionRule(e: ScheduleException): ExceptionRule {
  return { queueId: e.queue?.id ?? null, startDate: e.startDate, endDate: e.endDate, hours: e.hours ?? null, recursYearly: e.recursYearly };
}

function scoped(storeId: string, callerStores: readonly string[]): string[] {
  return callerStores.includes(storeId) ? [storeId] : [];
}
