import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { OutboxDispatch } from './outbox-relay.js';

/** The BullMQ queue every email job goes through. */
export const EMAIL_QUEUE = 'email';

/**
 * The backoff type of email jobs. It is not a built-in one, so the worker's own backoff strategy
 * decides the delays: the sending process owns its retry policy (and tests can make it fast).
 */
export const EMAIL_BACKOFF_TYPE = 'outbox';

/** A ceiling on the attempts of one job; the worker gives up earlier when configured to. */
export const EMAIL_JOB_MAX_ATTEMPTS = 25;

/** Set once in the jobs' Redis; its absence means the jobs were lost with the data. */
const ALIVE_KEY = 'rantevou:outbox:alive';

/** The payload of an email job: the outbox id only, never personal data. */
export interface EmailJobData {
  outboxId: string;
}

/** Which queue a dispatcher fills (default: the email queue), and how its jobs are retried. */
export interface BullmqQueueSettings {
  queue: string;
  backoffType: string;
  attempts: number;
  /** The marker of {@link createBullmqDispatch}'s `jobsLost`, one per queue. */
  aliveKey: string;
}

const EMAIL_QUEUE_SETTINGS: BullmqQueueSettings = { queue: EMAIL_QUEUE, backoffType: EMAIL_BACKOFF_TYPE, attempts: EMAIL_JOB_MAX_ATTEMPTS, aliveKey: ALIVE_KEY };

/**
 * A dispatcher that adds one BullMQ job per outbox row with `jobId` = outbox id, so a row handed
 * over twice is still one job. It fails fast while Redis is down (no offline queue, and no command
 * at all before the connection is ready), so the relay puts the rows back and tries again later.
 *
 * Finished jobs are removed at once: the outbox row, not Redis, is the record of what was sent or
 * failed, and a free job id lets a message that staff send again become a job again.
 */
export function createBullmqDispatch(redisUrl: string, settings: BullmqQueueSettings = EMAIL_QUEUE_SETTINGS): { dispatch: OutboxDispatch; jobsLost(): Promise<boolean>; close(): Promise<void> } {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 5000, commandTimeout: 5000 });
  connection.on('error', () => {}); // reconnects by itself; the relay reports failed passes
  const queue = new Queue<EmailJobData>(settings.queue, { connection });
  queue.on('error', () => {});
  return {
    dispatch: async (ids) => {
      // Before the first connect BullMQ would wait for Redis indefinitely; answer "not now" instead.
      if (connection.status !== 'ready') throw new Error(`Redis is not reachable (connection ${connection.status})`);
      await queue.addBulk(
        ids.map((outboxId) => ({
          name: 'send',
          data: { outboxId },
          opts: {
            jobId: outboxId,
            attempts: settings.attempts,
            backoff: { type: settings.backoffType },
            removeOnComplete: true,
            removeOnFail: true,
          },
        })),
      );
    },
    // A marker key that lives as long as Redis keeps its data: set again, it was gone (a Redis that
    // restarted empty, or was flushed), and with it every job handed over. The first call after start
    // also says so, which only hands the rows still waiting over again (job id = outbox id).
    jobsLost: async () => {
      if (connection.status !== 'ready') return false;
      return (await connection.set(settings.aliveKey, String(Date.now()), 'NX')) === 'OK';
    },
    close: async () => {
      await queue.close().catch(() => {});
      connection.disconnect();
    },
  };
}
