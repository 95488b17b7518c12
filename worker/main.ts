import nodemailer from 'nodemailer';
import { openDatabase } from '../plugin/db/orm.js';
import { createEmailWorker } from './email-worker.js';

// `npm run worker`: the separate email process of production mode.
const required = (name: string) => {
  const value = process.env[name];
  if (!value) {
    console.error(`The worker needs ${name}. See the configuration table in README.md.`);
    process.exit(2);
  }
  return value;
};

const orm = await openDatabase({ url: required('DATABASE_URL') }, { migrate: false });
const transport = nodemailer.createTransport(required('SMTP_URL'));
const worker = createEmailWorker({
  orm,
  redisUrl: required('REDIS_URL'),
  mail: { transport, from: process.env.MAIL_FROM ?? 'ΚΕΠ — Ραντεβού <no-reply@rantevou.invalid>' },
  concurrency: Number(process.env.WORKER_CONCURRENCY ?? 4),
});
worker.on('failed', (job, err) => console.error(`[worker] job ${job?.id} failed: ${err.message}`));
console.log('[worker] sending email from the BullMQ queue "email"');

let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  // close() lets in-flight jobs finish; unfinished ones are returned to the queue as stalled.
  await Promise.allSettled([worker.close(), orm.close()]);
  transport.close();
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
