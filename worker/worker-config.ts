import { z } from 'zod';
import { DEFAULT_RETRY } from './email-worker.js';

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['true', '1', 'yes'].includes(v)));
const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** Every environment variable `npm run worker` reads; README.md has the same table. */
export const WorkerEnv = z.object({
  DATABASE_URL: z.string({ error: 'required (postgresql://…)' }).min(1, 'required (postgresql://…)'),
  REDIS_URL: z.string({ error: 'required (redis://…)' }).min(1, 'required (redis://…)'),
  SMTP_URL: z.string({ error: 'required (smtp://… or smtps://…)' }).regex(/^smtps?:\/\//, 'must be smtp://… or smtps://…'),
  MAIL_FROM: z.string().min(3).default('ΚΕΠ — Ραντεβού <no-reply@rantevou.invalid>'),
  MAIL_TEMPLATES_DIR: z.string().optional(),
  /** The public booking page a cancellation email links to; `{lang}` and `{storeId}` are filled in. */
  BOOKING_URL: z.url('must be an http(s) URL').optional(),
  /** Where the plugin is reached from outside (its publicUrl): the video link of the emails opens its waiting room. */
  PUBLIC_URL: z.url('must be an http(s) URL').optional(),
  WORKER_CONCURRENCY: int(4, 1, 200),
  SMTP_POOL_SIZE: int(4, 1, 50),
  SMTP_REQUIRE_TLS: flag(false),
  SMTP_TLS_REJECT_UNAUTHORIZED: flag(true),
  SMTP_TLS_CA_FILE: z.string().optional(),
  WORKER_MAX_ATTEMPTS: int(DEFAULT_RETRY.maxAttempts, 1, 25),
  WORKER_RETRY_DELAY_MS: int(DEFAULT_RETRY.delayMs, 10, 86_400_000),
  WORKER_RETRY_MAX_DELAY_MS: int(DEFAULT_RETRY.maxDelayMs, 10, 86_400_000),
  WORKER_LOCK_MS: int(30_000, 1000, 600_000),
  WORKER_SHUTDOWN_GRACE_MS: int(30_000, 0, 600_000),
  /** Webhook deliveries sent at once (the `webhook` queue; 0: this worker sends none). */
  WEBHOOK_CONCURRENCY: int(8, 0, 200),
  /** As the host's: webhooks may reach loopback, private and link-local addresses, and plain http. */
  WEBHOOKS_ALLOW_PRIVATE_URLS: flag(false),
  /** As the host's: the key that sealed the webhook secrets. */
  WEBHOOKS_SECRET_KEY: z.string().min(16).optional(),
});

export type WorkerEnv = z.infer<typeof WorkerEnv>;

/** Parses the worker's environment, or says in one line per problem what is wrong. */
export function parseWorkerEnv(env: NodeJS.ProcessEnv): { ok: true; env: WorkerEnv } | { ok: false; problems: string[] } {
  const parsed = WorkerEnv.safeParse(env);
  if (parsed.success) return { ok: true, env: parsed.data };
  return { ok: false, problems: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) };
}
