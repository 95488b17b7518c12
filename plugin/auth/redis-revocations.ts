import { Redis } from 'ioredis';
import { sessionStoreUnavailable } from './session-store.js';
import { hashesIn, REVOCATION_CHANNEL, type OpenRevocationChannel } from './session-revocations.js';

/** As the Redis session store: a command, or the first connection, fails after this long. */
const REDIS_TIMEOUT_MS = 3000;

/**
 * Revocations through Redis pub/sub, on the Redis of the sessions: one connection subscribed, one
 * that publishes. The channel counts as connected only from the moment Redis confirmed the
 * subscription until the connection closes or starts reconnecting; we subscribe again ourselves on
 * every reconnection (not ioredis's `autoResubscribe`), so "connected" always means "subscribed".
 */
export function redisRevocations(redisUrl: string, log: (message: string, err?: unknown) => void): OpenRevocationChannel {
  return async (listener) => {
    const options = { connectTimeout: REDIS_TIMEOUT_MS, commandTimeout: REDIS_TIMEOUT_MS, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    const subscriber = new Redis(redisUrl, { ...options, autoResubscribe: false });
    const publisher = new Redis(redisUrl, options);
    let connected = false;
    let closing: Promise<void> | null = null;
    const set = (now: boolean) => {
      if (now === connected) return;
      connected = now;
      listener.connectionChanged(now);
      if (!now && !closing) log('session revocation channel (Redis) lost: every request reads its session from the store until it is back');
    };
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === REVOCATION_CHANNEL) for (const hash of hashesIn(message)) listener.ended(hash);
    });
    subscriber.on('close', () => set(false));
    subscriber.on('reconnecting', () => set(false));
    subscriber.on('end', () => set(false));
    // Errors come with a close; the store reports the outage to the operator.
    subscriber.on('error', () => {});
    publisher.on('error', () => {});
    const subscribed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_TIMEOUT_MS);
      subscriber.on('ready', () => {
        subscriber.subscribe(REVOCATION_CHANNEL).then(
          () => {
            // A 'close' may have come between the SUBSCRIBE and its answer.
            if (subscriber.status === 'ready') set(true);
            clearTimeout(timer);
            resolve();
          },
          () => subscriber.disconnect(true),
        );
      });
    });
    await subscribed;
    return {
      get connected() {
        return connected;
      },
      async announce(_em, hashes) {
        if (hashes.length === 0) return;
        // Its own connection may still be reconnecting a moment after Redis came back: wait for it that
        // long, rather than answer a sign-in 503 while the store already works.
        await ready(publisher).then(() => publisher.publish(REVOCATION_CHANNEL, hashes.join(','))).catch((err: unknown) => {
          throw sessionStoreUnavailable(err);
        });
      },
      close() {
        return (closing ??= Promise.allSettled([subscriber.quit(), publisher.quit()]).then(() => {
          subscriber.disconnect();
          publisher.disconnect();
        }));
      },
    };
  };
}

/** Resolves once the connection is ready (ioredis reconnects by itself), or fails after the timeout. */
function ready(redis: Redis): Promise<void> {
  if (redis.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onReady = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      redis.off('ready', onReady);
      reject(new Error(`Redis not ready (${redis.status})`));
    }, REDIS_TIMEOUT_MS);
    redis.once('ready', onReady);
  });
}
