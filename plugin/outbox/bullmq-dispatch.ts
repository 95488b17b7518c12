import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { OutboxDispatch } from './outbox-relay.js';

/** The BullMQ queue every email job goes through. */
export const EMAIL_QUEUE = 'email';

/** The payload of an email job: the outbox id only, never personal data. */
export interface EmailJobData {
  outboxId: string;
}

/**
 * A dispatcher that adds one BullMQ job per outbox row with `jobId` = outbox id, so a row handed
 * over twice is still one job. The connection fails fast while Redis is down (no offline queue), so
 * the relay puts the rows back and tries again later instead of hanging.
 */
export function createBullmqDispatch(redisUrl: string): { dispatch: OutboxDispatch; close(): Promise<void> } {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 1, enableOfflineQueue: false, lazyConnect: false });
  connection.on('error', () => {}); // reconnects by itself; the relay reports failed passes
  const queue = new Queue<EmailJobData>(EMAIL_QUEUE, { connection });
  queue.on('error', () => {});
  return {
    dispatch: async (ids) => {
      await queue.addBulk(
        ids.map((outboxId) => ({
          name: 'send',
          data: { outboxId },
          opts: { jobId: outboxId, attempts: 8, backoff: { type: 'exponential', delay: 5000 }, removeOnComplete: 1000, removeOnFail: 5000 },
        })),
      );
    },
    close: async () => {
      await queue.close();
      connection.disconnect();
    },
  };
}
