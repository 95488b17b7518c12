import { Redis } from 'ioredis';
import type { BroadcastLog, OpenBroadcast } from './broadcast.js';

/** As the Redis session store: a command, or the first connection, fails after this long. */
const REDIS_TIMEOUT_MS = 3000;

/**
 * A broadcast through Redis pub/sub: one connection subscribed, one that publishes. It counts as
 * connected only from the moment Redis confirmed the subscription until the connection closes or
 * starts reconnecting; we subscribe again ourselves on every reconnection (not ioredis's
 * `autoResubscribe`), so "connected" always means "subscribed".
 */
export function redisBroadcast(redisUrl: string, log: BroadcastLog): OpenBroadcast {
  return async (subscription) => {
    const options = { connectTimeout: REDIS_TIMEOUT_MS, commandTimeout: REDIS_TIMEOUT_MS, enableOfflineQueue: false, maxRetriesPerRequest: 1 };
    const subscriber = new Redis(redisUrl, { ...options, autoResubscribe: false });
    const publisher = new Redis(redisUrl, options);
    const channels = new Set(subscription.channels);
    let connected = false;
    let closing: Promise<void> | null = null;
    const set = (now: boolean) => {
      if (now === connected) return;
      connected = now;
      subscription.connectionChanged(now);
      if (!now && !closing) log(`${subscription.name} (Redis) lost: ${subscription.whenLost}`);
    };
    subscriber.on('message', (channel: string, message: string) => {
      if (channels.has(channel)) subscription.message(channel, message);
    });
    subscriber.on('close', () => set(false));
    subscriber.on('reconnecting', () => set(false));
    subscriber.on('end', () => set(false));
    // Errors come with a close, which is reported above.
    subscriber.on('error', () => {});
    publisher.on('error', () => {});
    const subscribed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, REDIS_TIMEOUT_MS);
      subscriber.on('ready', () => {
        subscriber.subscribe(...channels).then(
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
      async publish(channel, payload) {
        // Its own connection may still be reconnecting a moment after Redis came back: wait for it that
        // long, rather than fail while Redis already works.
        await ready(publisher);
        await publisher.publish(channel, payload);
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
