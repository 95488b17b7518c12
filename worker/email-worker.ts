import type { MikroORM } from '@mikro-orm/core';
import { Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { EMAIL_QUEUE, type EmailJobData } from '../plugin/outbox/bullmq-dispatch.js';
import { sendOutboxEmail, type MailSettings } from './send-outbox-email.js';

/** Options of the BullMQ email worker. */
export interface EmailWorkerOptions {
  orm: MikroORM;
  redisUrl: string;
  mail: MailSettings;
  concurrency?: number;
}

/** A BullMQ worker on the `email` queue; each job carries only an outbox id. */
export function createEmailWorker(options: EmailWorkerOptions): Worker<EmailJobData> {
  // BullMQ needs a connection that never gives up on a command (maxRetriesPerRequest: null).
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const worker = new Worker<EmailJobData>(EMAIL_QUEUE, (job) => sendOutboxEmail(options.orm, options.mail, job.data.outboxId), {
    connection,
    concurrency: options.concurrency ?? 4,
  });
  worker.on('closed', () => connection.disconnect());
  return worker;
}
