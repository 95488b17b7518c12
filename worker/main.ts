import { openDatabase } from '../plugin/db/orm.js';
import { createEmailWorker } from './email-worker.js';
import { createWebhookWorker } from './webhook-worker.js';
import { loadMailTemplates, MailTemplateError } from './messages/mail-templates.js';
import { createSmtpTransport } from './smtp-transport.js';
import { parseWorkerEnv } from './worker-config.js';

// `npm run worker`: the separate email process of production mode. Logs carry job ids and codes only.
const parsed = parseWorkerEnv(process.env);
if (!parsed.ok) {
  console.error(`The worker cannot start:\n  ${parsed.problems.join('\n  ')}\nSee the configuration table in README.md.`);
  process.exit(2);
}
const env = parsed.env;

let templates;
try {
  templates = loadMailTemplates(env.MAIL_TEMPLATES_DIR);
} catch (err) {
  if (!(err instanceof MailTemplateError)) throw err;
  console.error(`The worker cannot start: ${err.message}`);
  process.exit(2);
}

const orm = await openDatabase({ url: env.DATABASE_URL }, { migrate: false });
const transport = createSmtpTransport({
  url: env.SMTP_URL,
  maxConnections: env.SMTP_POOL_SIZE,
  requireTls: env.SMTP_REQUIRE_TLS,
  rejectUnauthorized: env.SMTP_TLS_REJECT_UNAUTHORIZED,
  caFile: env.SMTP_TLS_CA_FILE,
});
const worker = createEmailWorker({
  orm,
  redisUrl: env.REDIS_URL,
  mail: { transport, from: env.MAIL_FROM, templates, bookingUrl: env.BOOKING_URL, publicUrl: env.PUBLIC_URL },
  concurrency: env.WORKER_CONCURRENCY,
  retry: { maxAttempts: env.WORKER_MAX_ATTEMPTS, delayMs: env.WORKER_RETRY_DELAY_MS, maxDelayMs: env.WORKER_RETRY_MAX_DELAY_MS },
  lockDurationMs: env.WORKER_LOCK_MS,
});
worker.on('failed', (job, err) => console.error(`[worker] job ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${err.message}`));
await worker.waitUntilReady();
// Webhook deliveries (issue 17) from the `webhook` queue; their pause rule runs on this machine's clock.
const webhooks = env.WEBHOOK_CONCURRENCY
  ? createWebhookWorker({
      orm,
      redisUrl: env.REDIS_URL,
      settings: { allowPrivateUrls: env.WEBHOOKS_ALLOW_PRIVATE_URLS, secretKey: env.WEBHOOKS_SECRET_KEY, clock: () => new Date() },
      concurrency: env.WEBHOOK_CONCURRENCY,
    })
  : null;
webhooks?.on('failed', (job, err) => console.error(`[worker] webhook job ${job?.id ?? '?'} attempt ${job?.attemptsMade ?? '?'} failed: ${err.message}`));
if (webhooks) {
  await webhooks.waitUntilReady();
  console.log(`[worker] sending webhooks from the BullMQ queue "${webhooks.name}" with concurrency ${env.WEBHOOK_CONCURRENCY}`);
}
console.log(`[worker] ready: sending email from the BullMQ queue "${worker.name}" with concurrency ${env.WORKER_CONCURRENCY}`);

let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`[worker] ${signal}: finishing the emails in flight`);
  // close() takes no new job and waits for those in flight. Past the grace period the process exits
  // anyway: the unfinished jobs' locks lapse and another worker (or the next start) takes them over.
  const grace = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), env.WORKER_SHUTDOWN_GRACE_MS).unref());
  const outcome = await Promise.race([Promise.all([worker.close(), webhooks?.close()]).then(() => 'closed' as const), grace]);
  if (outcome === 'timeout') console.error('[worker] shutdown grace period over; unfinished jobs will be recovered as stalled');
  transport.close();
  await orm.close().catch(() => {});
  process.exit(0);
};
process.on('SIGTERM', () => void stop('SIGTERM'));
process.on('SIGINT', () => void stop('SIGINT'));
