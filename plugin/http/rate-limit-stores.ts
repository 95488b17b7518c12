import type { Store } from 'express-rate-limit';
import { Redis } from 'ioredis';
import { RedisStore } from 'rate-limit-redis';

/**
 * Where the plugin's rate limits count (express-rate-limit stores): in Redis when the deployment has
 * one for them (`publicBooking.rateLimitRedisUrl`), shared by every process and instance, so a client
 * meets the configured limit however many serve it; otherwise in each process's memory.
 */
export interface RateLimitStores {
  /** A store for one limiter (express-rate-limit refuses a shared one), or undefined for memory. */
  store(name: string): Store | undefined;
  /** Whether counts are shared between processes (Redis). */
  readonly shared: boolean;
  close(): Promise<void>;
}

/** A Redis that does not answer in this long counts as down. */
const REDIS_TIMEOUT_MS = 1000;

/**
 * Opens the stores. Keys are named by `deployment` (the database's name: every instance of one
 * deployment shares its database), so two deployments on one Redis, staging beside training say,
 * count apart. What a limiter does while Redis is down is its own choice (`passOnStoreError`).
 */
export function openRateLimitStores(redisUrl: string | undefined, { deployment, log }: { deployment: string; log: (message: string, err?: unknown) => void }): RateLimitStores {
  const redis = redisUrl ? connect(redisUrl, log) : null;
  return {
    shared: redis !== null,
    store: (name) =>
      redis
        ? new RetryingRedisStore({
            prefix: `rantevou:rl:${deployment}:${name}:`,
            // Refused at once while ioredis reconnects, instead of waiting in its queue.
            sendCommand: (command: string, ...args: string[]) =>
              redis.status === 'reconnecting' || redis.status === 'end' ? Promise.reject(new Error('Redis is not connected')) : (redis.call(command, ...args) as never),
          })
        : undefined,
    close: async () => {
      if (!redis) return;
      closing.add(redis);
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

/**
 * The logger of every limiter on these stores: a store error is the Redis outage, reported once by
 * its connection (below), not once per request; express-rate-limit's own checks (a permissive trust
 * proxy, say) still speak.
 */
export const limiterLogger = {
  error: (...args: unknown[]) => void (isStoreError(args) || console.error(...args)),
  warn: console.warn,
};

/** express-rate-limit logs a failed count (or script load) as (error, "express-rate-limit: … store …"). */
function isStoreError(args: unknown[]): boolean {
  return args.some((a) => typeof a === 'string' && a.includes('store'));
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

/** Connections being closed on purpose: their close is no outage. */
const closing = new WeakSet<Redis>();

/** The limits' own Redis connection; an outage is told once, when it starts. */
function connect(url: string, log: (message: string, err?: unknown) => void): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: REDIS_TIMEOUT_MS * 3, commandTimeout: REDIS_TIMEOUT_MS });
  let reported = false;
  const report = (err: unknown) => {
    if (reported || closing.has(redis)) return;
    reported = true;
    log('rate limits: Redis unreachable; public writes answer 503 and reads go through unlimited until it is back', err);
  };
  redis.on('error', report);
  redis.on('close', () => report(new Error('connection to Redis closed')));
  redis.on('ready', () => void (reported = false));
  return redis;
}
