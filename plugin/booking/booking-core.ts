import type { MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { sqlEm } from '../db/sql-em.js';
import type { Clock } from '../domain/clock.js';
import { localDateOf } from '../domain/local-day.js';
import type { SlotsChange } from './availability-changes.js';

/*
 * LOCK ORDER — every path that takes, moves or frees a time (staff book, edit/move, cancel; a
 * citizen's hold, booking, move, cancel; a schedule change's cancels and moves) takes its locks in
 * this order, so no two of them wait for each other in a circle:
 *
 *   1. the citizen's advisory lock (`citizen:<sub>`), when a citizen writes: their requests in other
 *      tabs wait here and see each other's hold (one hold per citizen) and count (the limit);
 *   2. the queues' rows FOR SHARE, in id order: a change of a queue's schedule takes them FOR NO KEY
 *      UPDATE, so it waits for the writes in flight and they wait for it (then see it);
 *   3. the queues' advisory locks (`rantevou:queue:<id>`), in id order: the writers of one queue
 *      write in line, so two conflicting rows never wait for each other inside the exclusion
 *      constraint (a deadlock PostgreSQL breaks only after a second); the second writer finds the
 *      first committed and loses at once (23P01);
 *   4. the appointment row itself (FOR UPDATE, or its optimistic version).
 *
 * `bookingQueries.lockTimes` takes 1–3 in one statement and reads the schedule under them.
 */

/**
 * What every booking path takes from the plugin besides the ORM: its clock, and who to tell when
 * times changed.
 */
export interface BookingCore {
  /** The plugin's clock (`createRantevou({ clock })`): every "now" of the booking rules, in SQL too. */
  now: Clock;
  /**
   * Called AFTER each successful commit of a write that takes, moves or frees a time (bookings,
   * holds, moves, cancellations, cool-downs written and lapsed holds deleted), once per queue, with
   * the local dates (YYYY-MM-DD in the KEP's zone) whose free times changed; a move names both its
   * old and its new queue and day. For a per-queue-and-day availability cache to drop exactly what
   * went stale (plugin/booking/availability-changes.ts). Awaited before the answer, so the citizen's
   * next look sees the change; a rejection would be the request's error (the write stays committed).
   */
  slotsChanged?: SlotsChanged;
}

/** See {@link BookingCore.slotsChanged}; the change is the availability cache's `SlotsChange`. */
export type SlotsChanged = (change: SlotsChange) => Promise<void> | void;

/**
 * The times a transaction took, moved or freed, collected while it runs and told once it commits.
 */
export class ChangedTimes {
  readonly #byQueue = new Map<string, { storeId: string; dates: Set<string> }>();

  /** Records [start, end) of a queue of a KEP in `zone` as changed. */
  add(storeId: string, queueId: string, zone: string, start: Date | string, end: Date | string): void {
    const entry = this.#byQueue.get(queueId) ?? { storeId, dates: new Set<string>() };
    entry.dates.add(localDateOf(new Date(start).getTime(), zone));
    entry.dates.add(localDateOf(new Date(end).getTime() - 1, zone));
    this.#byQueue.set(queueId, entry);
  }

  /** The changes, one per queue. */
  list(): SlotsChange[] {
    return [...this.#byQueue].map(([queueId, { storeId, dates }]) => ({ storeId, queueId, dates: [...dates].sort() }));
  }
}

/**
 * Runs a write of times in one transaction of its own and, after it commits, tells
 * {@link BookingCore.slotsChanged}. A transaction PostgreSQL aborted to break a deadlock or for a
 * serialization failure, or whose schedule changed between its check and its write
 * ({@link ScheduleChanged}), runs again from the start (at most 3 times).
 */
export async function inTimeTransaction<T>(orm: MikroORM, core: BookingCore, work: (em: SqlEntityManager, changed: ChangedTimes) => Promise<T>): Promise<T> {
  let changed = new ChangedTimes();
  const result = await retrying(() => {
    changed = new ChangedTimes();
    return sqlEm(orm.em).transactional((em) => work(em, changed));
  });
  await announce(core, changed);
  return result;
}

/** Tells `slotsChanged` about committed changes (see {@link BookingCore.slotsChanged}). */
export async function announce(core: BookingCore, changed: ChangedTimes): Promise<void> {
  if (!core.slotsChanged) return;
  for (const change of changed.list()) await core.slotsChanged(change);
}

/** A write found the schedule it checked changed under it: the transaction runs again. */
export class ScheduleChanged extends Error {
  constructor() {
    super('the schedule changed between the check and the write');
  }
}

/**
 * Runs `run` again when PostgreSQL aborted it to break a deadlock or for a serialization failure,
 * or when its schedule changed (at most `attempts` times). PGlite has one connection, so there it
 * never deadlocks; the same codes would be retried the same way.
 */
export async function retrying<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      if (!(isAbort(err) || err instanceof ScheduleChanged) || i >= attempts) throw err;
    }
  }
}

const OVERLAP_CONSTRAINT = 'appointment_no_overlap';

/**
 * THE race classifier: whether a failed write lost a race for its time. The no-overlap exclusion
 * constraint refused it (23P01; PostgreSQL and PGlite both name the constraint), or it was aborted
 * for a deadlock or a serialization failure even after {@link retrying} ran it again.
 */
export function isLostRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23P01' || e?.constraint === OVERLAP_CONSTRAINT || !!e?.message?.includes(OVERLAP_CONSTRAINT)) return true;
  return isAbort(err);
}

function isAbort(err: unknown): boolean {
  const code = (err as { code?: string })?.code;
  return code === '40P01' || code === '40001';
}
