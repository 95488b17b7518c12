import type { MikroORM } from '@mikro-orm/core';
import type { Clock } from '../domain/clock.js';

/** How often lapsed rows are cleaned up. */
const SWEEP_EVERY_MS = 60_000;
/** How long an idempotency key is remembered. */
const IDEMPOTENCY_HOURS = 24;

/**
 * Periodic housekeeping of public booking: lapsed holds and cool-downs (they already count as free;
 * deleting them keeps staff views and the constraint's index small), expired citizen tokens,
 * sign-ins and manage links, day-old idempotency keys, and the manage links of emails already sent
 * (the outbox keeps them only until sending). Safe on several instances at once.
 *
 * Holds, cool-downs and manage links lapse by the plugin's clock, as they were made; citizen tokens,
 * pending sign-ins and idempotency keys by the database's real time, as sign-in and retries live.
 */
export function startPublicSweeper(orm: MikroORM, clock: Clock, onError: (err: unknown) => void): { sweep(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const statements: [sql: string, byClock: boolean][] = [
    [`delete from appointment where status = 'held' and held_until <= ?`, true],
    [`delete from manage_token where expires_at <= ?`, true],
    [`delete from citizen_token where expires_at <= now()`, false],
    [`delete from citizen_login where expires_at <= now()`, false],
    [`delete from idempotency_key where created_at <= now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`, false],
    [`update outbox_message set manage_url = null where manage_url is not null and status in ('sent', 'failed', 'skipped')`, false],
  ];
  const sweep = () =>
    (running ??= (async () => {
      const conn = orm.em.fork().getConnection();
      const now = clock();
      for (const [sql, byClock] of statements) await conn.execute(sql, byClock ? [now] : []);
    })()
      .catch(onError)
      .finally(() => (running = null)));
  const timer = setInterval(() => void sweep(), SWEEP_EVERY_MS);
  timer.unref();
  return {
    sweep,
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
