import type { MikroORM } from '@mikro-orm/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { EmailJobData } from '../plugin/outbox/bullmq-dispatch.js';
import { deliverWebhook, WebhookDeliveryError, type WebhookOutcome, type WebhookSettings } from '../plugin/webhooks/deliver-webhook.js';
import { DEFAULT_WEBHOOK_RETRY, WEBHOOK_BACKOFF_TYPE, WEBHOOK_QUEUE, webhookRetryDelay, type WebhookRetry } from '../plugin/webhooks/webhook-relay.js';

/** Options of the BullMQ webhook worker. */
export interface WebhookWorkerOptions {
  orm: MikroORM;
  redisUrl: string;
  settings: WebhookSettings;
  concurrency?: number;
  retry?: Partial<WebhookRetry>;
}

/**
 * A BullMQ worker on the `webhook` queue; each job carries a delivery id (the relay's `jobId`). A
 * failed attempt is tried again with exponential back-off up to the job's attempts; the last one,
 * and a refused URL, stop at once (`UnrecoverableError`) after the row was marked failed.
 */
export function createWebhookWorker(options: WebhookWorkerOptions): Worker<EmailJobData, WebhookOutcome> {
  const retry = { ...DEFAULT_WEBHOOK_RETRY, ...options.retry };
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {});
  const process = async (job: Job<EmailJobData, WebhookOutcome>): Promise<WebhookOutcome> => {
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      return await deliverWebhook(options.orm, options.settings, job.data.outboxId, { lastAttempt });
    } catch (err) {
      if (err instanceof WebhookDeliveryError) {
        if (err.final) throw new UnrecoverableError(err.message);
        throw err;
      }
      throw new Error(`webhook job failed: ${err instanceof Error ? err.name : 'error'}`, { cause: err });
    }
  };
  const worker = new Worker<EmailJobData, WebhookOutcome>(WEBHOOK_QUEUE, process, {
    connection,
    concurrency: options.concurrency ?? 8,
    maxStalledCount: 2,
    settings: { backoffStrategy: (attemptsMade: number, type?: string) => (type === WEBHOOK_BACKOFF_TYPE ? webhookRetryDelay(retry, attemptsMade) : 0) },
  });
  worker.on('error', () => {});
  worker.on('closed', () => connection.disconnect());
  return worker;
}
