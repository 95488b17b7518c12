import type { MikroORM } from '@mikro-orm/core';
import { createBullmqDispatch, type BullmqQueueSettings } from '../outbox/bullmq-dispatch.js';
import { startOutboxRelay, type OutboxDispatch, type OutboxRelay } from '../outbox/outbox-relay.js';
import { DEFAULT_WEBHOOK_ATTEMPTS, deliverWebhook, WebhookDeliveryError, type WebhookSettings } from './deliver-webhook.js';

/** The BullMQ queue of webhook deliveries; a job carries a delivery id only. */
export const WEBHOOK_QUEUE = 'webhook';
/** Its backoff type: the worker's own strategy decides the delays (see {@link webhookRetryDelay}). */
export const WEBHOOK_BACKOFF_TYPE = 'webhook';
export const WEBHOOK_QUEUE_SETTINGS: BullmqQueueSettings = {
  queue: WEBHOOK_QUEUE,
  backoffType: WEBHOOK_BACKOFF_TYPE,
  attempts: DEFAULT_WEBHOOK_ATTEMPTS,
  aliveKey: 'rantevou:webhook:alive',
};

/** How long to wait before the next attempt, after `failures` failed ones. */
export interface WebhookRetry {
  delayMs: number;
  maxDelayMs: number;
}
/** Default: 30 s, 1 min, 2 min, … up to 1 h (eight attempts over about an hour and a half). */
export const DEFAULT_WEBHOOK_RETRY: WebhookRetry = { delayMs: 30_000, maxDelayMs: 3_600_000 };

/** Exponential back-off, less up to 20 % at random so that deliveries failed together do not retry together. */
export function webhookRetryDelay(retry: WebhookRetry, failures: number, random: number = Math.random()): number {
  return Math.round(Math.min(retry.delayMs * 2 ** Math.max(0, failures - 1), retry.maxDelayMs) * (1 - 0.2 * random));
}

/** How long the delivery log keeps a line. */
export const WEBHOOK_LOG_DAYS = 90;

/** The webhooks of a running plugin. */
export interface Webhooks {
  relay: OutboxRelay;
  /** Clears the kept bodies whose time is over and the log older than 90 days; also run every hour. */
  purgePayloads(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Relays webhook deliveries the way the outbox relays email: to the BullMQ `webhook` queue when there
 * is Redis (the worker sends them, `npm run worker`), or sent in this process (the embedded default),
 * where a failed attempt waits in the row (`next_attempt_at`) for its back-off.
 */
export function startWebhooks(
  orm: MikroORM,
  options: { redisUrl?: string | undefined; settings: WebhookSettings; retry?: WebhookRetry; log: (message: string, err?: unknown) => void },
): Webhooks {
  const bullmq = options.redisUrl ? createBullmqDispatch(options.redisUrl, WEBHOOK_QUEUE_SETTINGS) : null;
  const dispatch = bullmq ? bullmq.dispatch : inlineWebhookDispatch(orm, options.settings, options.retry ?? DEFAULT_WEBHOOK_RETRY, options.log);
  const relay = startOutboxRelay(orm, dispatch, {
    table: 'webhook_delivery',
    readyWhere: '(next_attempt_at is null or next_attempt_at <= now())',
    intervalMs: bullmq ? 1000 : 500,
    dispatchTimeoutMs: bullmq ? 10_000 : 0,
    ...(bullmq ? { jobsLost: bullmq.jobsLost } : {}),
    onError: (err) => options.log('webhook relay pass failed; deliveries stay pending', err),
  });
  const purgePayloads = async () => {
    const conn = orm.em.fork().getConnection();
    const now = options.settings.clock();
    await conn.execute(`update webhook_delivery set payload = null where payload is not null and payload_until <= ?`, [now]);
    // The log itself goes after WEBHOOK_LOG_DAYS, by the database's time as the events were written
    // (an event with its deliveries; they hold ids only by then).
    await conn.execute(`delete from webhook_event where occurred_at < now() - make_interval(days => ?)`, [WEBHOOK_LOG_DAYS]);
  };
  const timer = setInterval(() => void purgePayloads().catch((err: unknown) => options.log('webhook payload purge failed', err)), 3_600_000);
  timer.unref();
  return {
    relay,
    purgePayloads,
    close: async () => {
      clearInterval(timer);
      await relay.stop();
      await bullmq?.close();
    },
  };
}

/**
 * The embedded default's sender: the same delivery as the worker's, in the plugin's process. A failed
 * attempt that may be tried again goes back to pending with its back-off in `next_attempt_at`.
 */
export function inlineWebhookDispatch(orm: MikroORM, settings: WebhookSettings, retry: WebhookRetry, log: (message: string, err?: unknown) => void): OutboxDispatch {
  return async (ids) => {
    for (const id of ids) {
      await deliverWebhook(orm, settings, id).catch(async (err: unknown) => {
        if (!(err instanceof WebhookDeliveryError)) return log('webhook delivery failed', err);
        if (err.final) return;
        const [row] = (await orm.em.fork().getConnection().execute(`select attempts from webhook_delivery where id = ?`, [id])) as { attempts: number }[];
        const delay = webhookRetryDelay(retry, row?.attempts ?? 1);
        await orm.em
          .fork()
          .getConnection()
          .execute(`update webhook_delivery set status = 'pending', queued_at = null, next_attempt_at = now() + make_interval(secs => ?) where id = ? and status = 'queued'`, [delay / 1000, id]);
      });
    }
  };
}
