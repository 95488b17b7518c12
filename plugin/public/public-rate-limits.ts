import type { RequestHandler } from 'express';
import { rateLimit, type Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';
import { AppError } from '../http/app-error.js';
import type { PublicBookingRules } from './public-settings.js';

/** The public API's limits: middleware for every request and for the writes, and the close of their Redis. */
export interface PublicRateLimits {
  all: RequestHandler;
  writes: RequestHandler;
  close(): Promise<void>;
}

/** A Redis that does not answer in this long counts as down: a write is refused, a read let through. */
const REDIS_TIMEOUT_MS = 1000;

/**
 * Per-IP limits of the public API (express-rate-limit): one for every request, a stricter one for
 * the requests that write or start a sign-in. Past a limit the answer is 429 problem+json with
 * `Retry-After` and the standard `RateLimit` headers.
 *
 * With `rules.rateLimitRedisUrl` the counts live in Redis (rate-limit-redis), shared by every
 * process and instance, so a client meets the configured limit however many serve it. Their keys
 * are named by `deployment` (the database's name: every instance of one deployment shares its
 * database), so two deployments on one Redis, staging beside training say, count apart. When that
 * Redis is down a write (and a sign-in) is refused with 503, because it would go unlimited, while
 * a read is let through. Without it each process counts in memory on its own: behind a load
 * balancer, or with WEB_CONCURRENCY, the limit a client meets is the configured one times the
 * processes it is spread over.
 */
export function publicRateLimits(
  rules: Pick<PublicBookingRules, 'readsPerMinute' | 'writesPerMinute' | 'rateLimitRedisUrl'>,
  { deployment, log }: { deployment: string; log: (message: string, err?: unknown) => void },
): PublicRateLimits {
  const redis = rules.rateLimitRedisUrl ? connect(rules.rateLimitRedisUrl, log) : null;
  // One store per limiter (express-rate-limit refuses a shared one), each under its own prefix.
  const store = (name: string): Store | undefined =>
    redis
      ? new RetryingRedisStore({
          prefix: `rantevou:rl:${deployment}:${name}:`,
          // Refused at once while ioredis reconnects, instead of waiting in its queue.
          sendCommand: (command: string, ...args: string[]) =>
            redis.status === 'reconnecting' || redis.status === 'end' ? Promise.reject(new Error('Redis is not connected')) : (redis.call(command, ...args) as never),
        })
      : undefined;
  const limiter = (limit: number, identifier: string, passOnStoreError: boolean) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      identifier,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: store(identifier),
      passOnStoreError,
      // A store error is the Redis outage, reported once by the connection (below), not once per
      // request; express-rate-limit's own checks (a permissive trust proxy, say) still speak.
      logger: { error: (...args: unknown[]) => void (isStoreError(args) || console.error(...args)), warn: console.warn },
      handler: (_req, _res, next) => next(new AppError(429, 'rate-limited', 'Πάρα πολλά αιτήματα από τη σύνδεσή σας. Δοκιμάστε ξανά σε λίγο.')),
    });
  const all = limiter(rules.readsPerMinute, 'public', true);
  const writes = limiter(rules.writesPerMinute, 'public-writes', false);
  return {
    all,
    writes: (req, res, next) => {
      if (req.method !== 'POST' && req.path !== '/auth/login') return next();
      writes(req, res, (err?: unknown) => {
        if (err === undefined || err instanceof AppError) return next(err);
        next(new AppError(503, 'rate-limit-unavailable', 'Η υπηρεσία δεν μπορεί να δεχτεί κρατήσεις αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.'));
      });
    },
    close: async () => {
      if (!redis) return;
      closing.add(redis);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * rate-limit-redis loads its two scripts once, at start, and keeps that promise: when Redis was down
 * then, every count would fail for ever, even after Redis is back. A failed load is tried again at
 * the next request. (After a Redis that restarted empty, the store itself reloads on NOSCRIPT.)
 */
class RetryingRedisStore extends RedisStore {
  override increment(key: string) {
    this.incrementScriptSha = this.incrementScriptSha.catch(() => this.loadIncrementScript());
    return super.increment(key);
  }

  override get(key: string) {
    this.getScriptSha = this.getScriptSha.catch(() => this.loadGetScript());
    return super.get(key);
  }
}

/** express-rate-limit logs a failed count (or script load) as (error, "express-rate-limit: … store …"). */
function isStoreError(args: unknown[]): boolean {
  return typeof args[1] === 'string' && args[1].includes('store');
}

/** Connections being closed on purpose: their close is no outage. */
const closing = new WeakSet<Redis>();

/** The limits' own Redis connection; an outage is told once, when it starts. */
function connect(url: string, log: (message: string, err?: unknown) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: REDIS_TIMEOUT_MS * 3, commandTimeout: REDIS_TIMEOUT_MS });
  let reported = false;
  const report = (err: unknown) => {
    if (reported || closing.has(redis)) return;
    reported = true;
    log('public rate limits: Redis unreachable; public writes answer 503 and reads go through unlimited until it is back', err);
  };
  redis.on('error', report);
  redis.on('close', () => report(new Error('connection to Redis closed')));
  redis.on('ready', () => void (reported = false));
  return redis;
}
