import type { EntityManager } from '@mikro-orm/core';
import { sqlEm } from '../db/sql-em.js';

/** A queue of the KEP as the live queue lists it. */
export interface LiveQueueRow {
  id: string;
  name: string;
  employeeSub: string | null;
  employeeName: string | null;
}

/** An arrived citizen of a queue, waiting or called. */
export interface QueueEntryRow {
  id: string;
  queueId: string;
  reference: string;
  firstName: string;
  lastName: string;
  startsAt: Date;
  arrivedAt: Date | null;
  calledAt: Date | null;
  calledBy: string | null;
  callAlertAt: Date | null;
  status: string;
  number: number | null;
}

/** One call as the waiting-room display shows it: a number and a queue, nothing of the citizen. */
export interface DisplayCallRow {
  appointmentId: string;
  queueId: string;
  queueName: string;
  number: number;
  calledAt: Date;
}

const ENTRY_COLUMNS = `a.id, a.queue_id as "queueId", a.reference, a.first_name as "firstName", a.last_name as "lastName", a.starts_at as "startsAt",
  a.arrived_at as "arrivedAt", a.called_at as "calledAt", a.called_by as "calledBy", a.call_alert_at as "callAlertAt", a.status, t.number`;

const run = <T>(em: EntityManager, sql: string, params: unknown[]) => sqlEm(em).execute<T[]>(sql, params);

/**
 * The named queries of the counter's live queue. Each is scoped by the KEP in its WHERE clause; the
 * day is the KEP's local day, given as its instants `[from, to)`.
 */
export const callQueries = {
  /** The KEP's active in-person queues: only they have citizens arriving at a counter. */
  queues(em: EntityManager, storeId: string): Promise<LiveQueueRow[]> {
    return run<LiveQueueRow>(
      em,
      `select id, name, employee_sub as "employeeSub", employee_name as "employeeName" from queue
        where store_id = ? and active and mode = 'in_person' order by is_default desc, name, id`,
      [storeId],
    );
  },

  /** One queue of the KEP (any mode), or null: another KEP's queue is none. */
  async queue(em: EntityManager, storeId: string, queueId: string): Promise<(LiveQueueRow & { mode: string }) | null> {
    const [row] = await run<LiveQueueRow & { mode: string }>(
      em,
      `select id, name, employee_sub as "employeeSub", employee_name as "employeeName", mode from queue where id = ? and store_id = ?`,
      [queueId, storeId],
    );
    return row ?? null;
  },

  /** Who has arrived in the KEP's day and is not called yet, by appointment time then arrival. */
  waiting(em: EntityManager, storeId: string, from: Date, to: Date): Promise<QueueEntryRow[]> {
    return run<QueueEntryRow>(
      em,
      `select ${ENTRY_COLUMNS} from appointment a left join arrival_ticket t on t.appointment_id = a.id
        where a.store_id = ? and a.status = 'arrived' and a.called_at is null and a.starts_at >= ? and a.starts_at < ?
        order by a.starts_at, a.arrived_at, a.id`,
      [storeId, from, to],
    );
  },

  /** The latest calls of each queue of the KEP's day (at most `perQueue` each), latest first. */
  called(em: EntityManager, storeId: string, from: Date, to: Date, perQueue: number): Promise<QueueEntryRow[]> {
    return run<QueueEntryRow>(
      em,
      `select * from (
         select ${ENTRY_COLUMNS}, row_number() over (partition by a.queue_id order by a.called_at desc, a.id) as nth
           from appointment a left join arrival_ticket t on t.appointment_id = a.id
          where a.store_id = ? and a.called_at is not null and a.called_at >= ? and a.called_at < ?) c
        where nth <= ? order by "calledAt" desc, id`,
      [storeId, from, to, perQueue],
    );
  },

  /**
   * Takes the next citizen of the queue to call: arrived in the KEP's day, not called, earliest
   * appointment first, and locks the row. SKIP LOCKED: a second «Κλήση» at the same moment passes
   * over the row the first one holds and takes the next citizen, so two clicks call two people and
   * never one twice; null when nobody (unlocked) waits.
   */
  async lockNextWaiting(em: EntityManager, storeId: string, queueId: string, from: Date, to: Date): Promise<string | null> {
    const [row] = await run<{ id: string }>(
      em,
      `select a.id from appointment a
        where a.store_id = ? and a.queue_id = ? and a.status = 'arrived' and a.called_at is null and a.starts_at >= ? and a.starts_at < ?
        order by a.starts_at, a.arrived_at, a.id limit 1 for update skip locked`,
      [storeId, queueId, from, to],
    );
    return row?.id ?? null;
  },

  /** Locks one appointment of the queue for a recall (waiting for another call of it to end). */
  async lockEntry(em: EntityManager, storeId: string, queueId: string, appointmentId: string): Promise<QueueEntryRow | null> {
    const [row] = await run<QueueEntryRow>(
      em,
      `select ${ENTRY_COLUMNS} from appointment a left join arrival_ticket t on t.appointment_id = a.id
        where a.id = ? and a.store_id = ? and a.queue_id = ? for update of a`,
      [appointmentId, storeId, queueId],
    );
    return row ?? null;
  },

  /** Records the call (the latest: a recall moves it). */
  async markCalled(em: EntityManager, appointmentId: string, by: string, at: Date): Promise<void> {
    await run(em, `update appointment set called_at = ?, called_by = ? where id = ?`, [at, by, appointmentId]);
  },

  /** The KEP's latest calls of the day `[from, to)`, latest first: what the call display shows. */
  displayCalls(em: EntityManager, storeId: string, from: Date, to: Date, limit: number): Promise<DisplayCallRow[]> {
    return run<DisplayCallRow>(
      em,
      `select a.id as "appointmentId", a.queue_id as "queueId", q.name as "queueName", t.number, a.called_at as "calledAt"
         from appointment a join queue q on q.id = a.queue_id join arrival_ticket t on t.appointment_id = a.id
        where a.store_id = ? and a.called_at >= ? and a.called_at < ? order by a.called_at desc, a.id limit ?`,
      [storeId, from, to, limit],
    );
  },

  async alertMinutes(em: EntityManager, storeId: string): Promise<number> {
    const [row] = await run<{ minutes: number }>(em, `select call_alert_minutes as minutes from store where id = ?`, [storeId]);
    return row!.minutes;
  },

  async setAlertMinutes(em: EntityManager, storeId: string, minutes: number): Promise<number> {
    const [row] = await run<{ minutes: number }>(em, `update store set call_alert_minutes = ? where id = ? returning call_alert_minutes as minutes`, [minutes, storeId]);
    return row!.minutes;
  },
};
