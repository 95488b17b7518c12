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

/** How the relay paces itself; every field has a default. */
export interface OutboxRelayOptions {
  intervalMs?: number;
  batchSize?: number;
  /**
   * Rows handed over but neither sent nor failed after this long are handed over again: the job
   * may have been lost with a Redis that restarted empty. The job id (= outbox id) makes a second
   * hand-over of a job that still exists a no-op.
   */
  redispatchAfterMs?: number;
  /**
   * A dispatch still unanswered after this long counts as failed, so a pass never hangs; 0 waits for
   * ever (an in-process sender, whose late success would otherwise race the next pass).
   */
  dispatchTimeoutMs?: number;
  /**
   * Whether the dispatcher's store lost its jobs since it was last asked (a Redis that came back
   * empty). Then every row handed over before now is handed over again at once, not after
   * `redispatchAfterMs`. An error counts as "no": the pass's dispatch will say what is wrong.
   */
  jobsLost?: () => Promise<boolean>;
  /** Told of failed passes: the first of an outage at once, then at most once per `reportEveryMs`. */
  onError?: (err: unknown) => void;
  reportEveryMs?: number;
  /**
   * The table relayed: `outbox_message` (default) or another with the same `id`, `status`
   * ('pending' / 'queued'), `queued_at` and `created_at` columns (the webhook deliveries).
   */
  table?: 'outbox_message' | 'webhook_delivery';
  /** A further condition a pending row must meet to be handed over (SQL), e.g. its retry is due. */
  readyWhere?: string;
}

/**
 * Moves outbox rows to the dispatcher. Rows are claimed with `FOR UPDATE SKIP LOCKED`, so several
 * plugin instances can relay at once without handing the same row over twice in one round. When the
 * dispatcher fails or does not answer in time (Redis down), the claim is undone and the rows wait
 * for the next pass; nothing is lost and a late success is harmless (job id = outbox id).
 * Its pacing is the database's real time, not the plugin's clock: it waits on BullMQ and the worker,
 * which live in real time.
 */
export function startOutboxRelay(orm: MikroORM, dispatch: OutboxDispatch, options: OutboxRelayOptions = {}): OutboxRelay {
  const { intervalMs = 1000, batchSize = 100, redispatchAfterMs = 5 * 60_000, dispatchTimeoutMs = 10_000, onError = () => {}, reportEveryMs = 60_000, jobsLost } = options;
  const { table = 'outbox_message', readyWhere = 'true' } = options;
  let running: Promise<void> | null = null;
  let stopped = false;
  // An outage fails every pass; the log gets its start and a line a minute, not a line a second.
  let lastReport = 0;
  const report = (err: unknown) => {
    if (Date.now() - lastReport < reportEveryMs) return;
    lastReport = Date.now();
    onError(err);
  };

  /** The database's time now when the jobs were lost (rows queued before it go again), or null. */
  const lostAt = async (): Promise<Date | null> => {
    if (!jobsLost || !(await jobsLost().catch(() => false))) return null;
    const [row] = (await orm.em.fork().getConnection().execute(`select now() as at`)) as { at: Date }[];
    return row!.at;
  };

  // `since`: the moment the jobs were lost, carried through the batches of one recovery.
  const pass = async (since?: Date | null): Promise<void> => {
    const conn = orm.em.fork().getConnection();
    const cutoff = since ?? (await lostAt());
    const claimed = (await conn.execute(
      `update ${table} set status = 'queued', queued_at = now()
        where id in (select id from ${table}
                      where (status = 'pending' and ${readyWhere})
                         or (status = 'queued' and queued_at < coalesce(?::timestamptz, now() - make_interval(secs => ?)))
                      order by created_at limit ? for update skip locked)
        returning id`,
      [cutoff, redispatchAfterMs / 1000, batchSize],
    )) as { id: string }[];
    if (claimed.length === 0) return;
    const ids = claimed.map((r) => r.id);
    try {
      await withTimeout(dispatch(ids), dispatchTimeoutMs);
    } catch (err) {
      // `in (?)`: the driver expands an array into a list; `= any(?)` would not parse.
      await conn.execute(`update ${table} set status = 'pending', queued_at = null where id in (?) and status = 'queued'`, [ids]);
      throw err;
    }
    if (claimed.length === batchSize && !stopped) await pass(cutoff);
  };

  const run = () => {
    running ??= pass(null)
      .then(() => void (lastReport = 0), report)
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  if (!(ms > 0)) return promise;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`outbox dispatch did not answer within ${ms} ms`)), ms);
  });
  // A dispatch that settles after the timeout must not become an unhandled rejection.
  promise.catch(() => {});
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
