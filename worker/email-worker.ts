import type { MikroORM } from '@mikro-orm/core';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { EMAIL_BACKOFF_TYPE, EMAIL_JOB_MAX_ATTEMPTS, EMAIL_QUEUE, type EmailJobData } from '../plugin/outbox/bullmq-dispatch.js';
import { DeliveryError, sendOutboxEmail, type DeliveryOutcome, type MailSettings } from './send-outbox-email.js';

/** How often and how patiently a message is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included (at most {@link EMAIL_JOB_MAX_ATTEMPTS}). */
  maxAttempts: number;
  /** The wait after the first failure; it doubles after each further one. */
  delayMs: number;
  /** The longest wait between two attempts. */
  maxDelayMs: number;
}

/** Default: 12 attempts over about five hours (30 s, 1 min, 2 min, … capped at 1 h). */
export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 12, delayMs: 30_000, maxDelayMs: 3_600_000 };

/**
 * The wait before the next attempt after `failures` failed ones: the delay doubles each time up to
 * the maximum, less up to 20 % at random so that messages failed together do not retry together.
 */
export function retryDelay(policy: Pick<RetryPolicy, 'delayMs' | 'maxDelayMs'>, failures: number, random: number = Math.random()): number {
  const exponential = Math.min(policy.delayMs * 2 ** Math.max(0, failures - 1), policy.maxDelayMs);
  return Math.round(exponential * (1 - 0.2 * random));
}

/** Options of the BullMQ email worker. */
export interface EmailWorkerOptions {
  orm: MikroORM;
  redisUrl: string;
  mail: MailSettings;
  concurrency?: number;
  retry?: Partial<RetryPolicy>;
  /**
   * How long a job stays locked by a worker that stopped renewing it (killed, frozen) before another
   * worker takes it over as stalled. Default 30 s.
   */
  lockDurationMs?: number;
}

/**
 * A BullMQ worker on the `email` queue; each job carries only an outbox id. Failed sends are tried
 * again with exponential backoff (with jitter, so a recovering mail server is not hit by every
 * message at once); a permanent rejection stops at once (`UnrecoverableError`) and so does the last
 * allowed attempt, after the row was marked failed with the reason. Jobs of a worker that died are
 * recovered by the stalled-job check of the others (or of its successor).
 */
export function createEmailWorker(options: EmailWorkerOptions): Worker<EmailJobData, DeliveryOutcome> {
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const maxAttempts = Math.max(1, Math.min(retry.maxAttempts, EMAIL_JOB_MAX_ATTEMPTS));
  const lockDuration = options.lockDurationMs ?? 30_000;
  // BullMQ needs a connection that never gives up on a command (maxRetriesPerRequest: null).
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', () => {}); // reconnects by itself; BullMQ reports what it could not do

  const process = async (job: Job<EmailJobData, DeliveryOutcome>): Promise<DeliveryOutcome> => {
    const lastAttempt = job.attemptsMade + 1 >= Math.min(maxAttempts, job.opts.attempts ?? 1);
    try {
      return await sendOutboxEmail(options.orm, options.mail, job.data.outboxId, { lastAttempt });
    } catch (err) {
      if (err instanceof DeliveryError) {
        if (err.permanent || lastAttempt) throw new UnrecoverableError(err.message);
        throw err;
      }
      // Not the mail server (the database, say): try again later, without echoing details into Redis.
      throw new Error(`outbox job failed: ${err instanceof Error ? err.name : 'error'}`, { cause: err });
    }
  };

  const worker = new Worker<EmailJobData, DeliveryOutcome>(EMAIL_QUEUE, process, {
    connection,
    concurrency: options.concurrency ?? 4,
    lockDuration,
    stalledInterval: lockDuration,
    // A job whose worker died twice in a row is still not lost: its row stays queued and the relay hands it over again.
    maxStalledCount: 2,
    settings: {
      backoffStrategy: (attemptsMade: number, type?: string) => (type === EMAIL_BACKOFF_TYPE ? retryDelay(retry, attemptsMade) : 0),
    },
  });
  worker.on('error', () => {}); // connection trouble while Redis is away; the worker reconnects
  worker.on('closed', () => connection.disconnect());
  return worker;
}
