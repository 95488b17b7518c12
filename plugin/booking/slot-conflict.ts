import type { EntityManager } from '@mikro-orm/core';
import type { Queue } from '../db/queue.entity.js';
import { retryingDeadlocks } from './stale-holds.js';
import { AppError } from '../http/app-error.js';
import { suggestFreeSlots } from './assert-bookable.js';

const OVERLAP_CONSTRAINT = 'appointment_no_overlap';

/**
 * Whether a failed write lost a race for its time: the no-overlap exclusion constraint refused it, or
 * PostgreSQL aborted it to break a deadlock (two conflicting rows written at the same moment wait for
 * each other in the constraint's check) or, under a stricter isolation level than our default, a
 * serialization conflict with the concurrent writer.
 */
export function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  if (e?.code === '23P01' || e?.constraint === OVERLAP_CONSTRAINT || !!e?.message?.includes(OVERLAP_CONSTRAINT)) return true;
  return e?.code === '40P01' || e?.code === '40001';
}

/** The 409 a lost race or a taken slot answers, with the queue's next free slots. */
export async function slotTakenError(em: EntityManager, queue: Queue, wanted: Date): Promise<AppError> {
  return new AppError(409, 'slot-taken', 'Η ώρα αυτή μόλις κλείστηκε ή επικαλύπτεται με άλλο ραντεβού της ουράς.', {
    nextFreeSlots: await suggestFreeSlots(em, queue, wanted),
  });
}

/**
 * Runs a write; an overlap refused by the database becomes the 409 with alternatives. A write aborted
 * by a deadlock or serialization failure runs again first (the other writer may yet roll back), and
 * only a repeated abort counts as a lost race.
 */
export async function refusingOverlap<T>(em: EntityManager, write: () => Promise<T>, slot: () => { queue: Queue; startsAt: Date } | null): Promise<T> {
  try {
    return await retryingDeadlocks(write);
  } catch (err) {
    // Without a slot the write failed before it chose one: no race for a time to explain.
    const wanted = isOverlap(err) ? slot() : null;
    if (!wanted) throw err;
    throw await slotTakenError(em, wanted.queue, wanted.startsAt);
  }
}
