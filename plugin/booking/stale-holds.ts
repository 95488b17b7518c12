import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

/**
 * Deletes the holds in [start, end) of a queue that no longer keep it: lapsed ones, and with
 * `cooldownToo` the cool-downs after cancellations (staff may book those times at once). Runs in the
 * caller's transaction, before its insert, so the exclusion constraint sees only live rows.
 */
export async function clearStaleHolds(em: EntityManager, queueId: string, start: Date, end: Date, { cooldownToo }: { cooldownToo: boolean }): Promise<void> {
  await (em as SqlEntityManager).execute(
    `delete from appointment
      where queue_id = ? and status = 'held' and starts_at < ? and ends_at > ?
        and (held_until <= now() or (? and holder = 'cooldown'))`,
    [queueId, end, start, cooldownToo],
  );
}

/**
 * Whether a write lost a race for a slot: the exclusion constraint refused it, or — when two
 * conflicting rows were inserted at the same moment, each then waiting for the other in its
 * constraint check — PostgreSQL broke the deadlock by aborting this one (the other goes on).
 */
export function isLostRace(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string; where?: string };
  if (e?.code === '23P01' || e?.constraint === 'appointment_no_overlap' || !!e?.message?.includes('appointment_no_overlap')) return true;
  return e?.code === '40P01' && !!e.where?.includes('exclusion constraint');
}

/**
 * Serialises the public writes of one queue (holds, bookings, moves) for the rest of the caller's
 * transaction. Two conflicting rows written at the same moment would otherwise each wait for the
 * other in the exclusion constraint's check until PostgreSQL's deadlock detector (after a second)
 * aborts one; in line, the second simply finds the first and loses at once.
 */
export async function lockQueue(em: EntityManager, queueId: string): Promise<void> {
  await (em as SqlEntityManager).execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [`rantevou:queue:${queueId}`]);
}

/**
 * Runs a transaction again when PostgreSQL aborted it to break a deadlock, or for a serialization
 * failure under a stricter isolation level (at most `attempts` times): a write that raced a staff
 * booking outside {@link lockQueue} then simply runs once more.
 */
export async function retryingDeadlocks<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err) {
      const code = (err as { code?: string })?.code;
      if ((code !== '40P01' && code !== '40001') || i >= attempts) throw err;
    }
  }
}
