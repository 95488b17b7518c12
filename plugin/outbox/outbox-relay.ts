import type { MikroORM } from '@mikro-orm/core';

/** Hands outbox ids to whatever sends them: BullMQ in production, the in-process sender when embedded. */
export type OutboxDispatch = (outboxIds: string[]) => Promise<void>;

/** A running relay. */
export interface OutboxRelay {
  /** Runs a pass soon instead of waiting for the next tick (called after a change commits). */
  nudge(): void;
  /** Runs one pass now and resolves when it is done; for tests and shutdown. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

/** Rows that were handed over but never confirmed sent are handed over again after this long. */
const REDISPATCH_AFTER_MS = 5 * 60_000;

/**
 * Moves outbox rows to the dispatcher. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * plugin instances can relay at once without handing the same row over twice in one round. When the
 * dispatcher fails (Redis down), the claim is undone and the rows wait for the next pass.
 */
export function startOutboxRelay(
  orm: MikroORM,
  dispatch: OutboxDispatch,
  { intervalMs = 1000, batchSize = 100, onError = (_err: unknown) => {} } = {},
): OutboxRelay {
  let running: Promise<void> | null = null;
  let stopped = false;

  const pass = async () => {
    const conn = orm.em.fork().getConnection();
    const claimed = (await conn.execute(
      `update outbox_message set status = 'queued', queued_at = now()
        where id in (select id from outbox_message
                      where status = 'pending'
                         or (status = 'queued' and queued_at < now() - make_interval(secs => ?))
                      order by created_at limit ? for update skip locked)
        returning id`,
      [REDISPATCH_AFTER_MS / 1000, batchSize],
    )) as { id: string }[];
    if (claimed.length === 0) return;
    const ids = claimed.map((r) => r.id);
    try {
      await dispatch(ids);
    } catch (err) {
      await conn.execute(`update outbox_message set status = 'pending', queued_at = null where id = any(?) and status = 'queued'`, [ids]);
      throw err;
    }
    if (claimed.length === batchSize) await pass();
  };

  const run = () => {
    running ??= pass()
      .catch(onError)
      .finally(() => (running = null));
    return running;
  };

  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();

  return {
    nudge: () => {
      if (!stopped) setImmediate(() => void run());
    },
    drain: async () => {
      await running;
      await run();
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
