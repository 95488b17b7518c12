import type { MikroORM } from '@mikro-orm/core';

/** How often lapsed rows are cleaned up. */
const SWEEP_EVERY_MS = 60_000;
/** How long an idempotency key is remembered. */
const IDEMPOTENCY_HOURS = 24;

/**
 * Periodic housekeeping of public booking: lapsed holds and cool-downs (they already count as free;
 * deleting them keeps staff views and the constraint's index small), expired citizen tokens,
 * sign-ins and manage links, day-old idempotency keys, and the manage links of emails already sent
 * (the outbox keeps them only until sending). Safe on several instances at once.
 */
export function startPublicSweeper(orm: MikroORM, onError: (err: unknown) => void): { sweep(): Promise<void>; stop(): Promise<void> } {
  let running: Promise<void> | null = null;
  const statements = [
    `delete from appointment where status = 'held' and held_until <= now()`,
    `delete from citizen_token where expires_at <= now()`,
    `delete from citizen_login where expires_at <= now()`,
    `delete from manage_token where expires_at <= now()`,
    `delete from idempotency_key where created_at <= now() - make_interval(hours => ${IDEMPOTENCY_HOURS})`,
    `update outbox_message set manage_url = null where manage_url is not null and status in ('sent', 'failed', 'skipped')`,
  ];
  const sweep = () =>
    (running ??= (async () => {
      const conn = orm.em.fork().getConnection();
      for (const sql of statements) await conn.execute(sql);
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
