import { Redis } from 'ioredis';

/** One queue on one local day (YYYY-MM-DD): the unit the availability cache keeps and invalidates. */
export interface QueueDay {
  queueId: string;
  date: string;
}

/**
 * The free slots of one queue-day as computed with no clock (every slot of the day that nothing
 * takes), and what makes it perishable: the holds it counted as taken and when the first lapses.
 */
export interface CachedDay {
  /** The generations of the queue and of the day it was computed under. */
  stamp: string;
  /** The plugin's `now` (epoch ms) it was computed at: times before it are left out, so it cannot answer an earlier `now`. */
  computedAt: number;
  /** The earliest `held_until` it counted (the plugin's clock, epoch ms): from then on it is recomputed. */
  until: number | null;
  /** The real time (epoch ms) it expires at whatever happened: the bound on an invalidation that was lost. */
  expiresAt: number;
  /** Ids of the holds and cool-downs it counted as taken. */
  holds: string[];
  /** [start, end, label]: ISO instants and the local time a person reads. */
  slots: [string, string, string][];
}

/**
 * Where the generations (and, shared between instances, the entries) live: Redis when configured,
 * this process's memory otherwise. A write bumps the generation of what it changed; an entry is
 * served only under the generations it was computed under, so a computation that raced a write can
 * never be served after it.
 */
export interface AvailabilityStore {
  /** The current stamps of these queue-days (same order). */
  stamps(days: readonly QueueDay[]): Promise<string[]>;
  /** Entries other processes computed (same order; null when absent). */
  entries(days: readonly QueueDay[]): Promise<(CachedDay | null)[]>;
  put(items: readonly { day: QueueDay; entry: CachedDay }[]): Promise<void>;
  bumpDays(days: readonly QueueDay[]): Promise<void>;
  bumpQueues(queueIds: readonly string[]): Promise<void>;
  close(): Promise<void>;
}

const PREFIX = 'rantevou:avail:';
/** Generations outlive any entry stamped with them by far, so an expired generation (read as 0) cannot revive an old entry. */
const GENERATION_TTL_MS = 2 * 86_400_000;
/** Availability must not wait for Redis: a slow or absent Redis means computing without the cache. */
const REDIS_TIMEOUT_MS = 1000;

const queueKey = (queueId: string) => `${PREFIX}q:${queueId}`;
const dayKey = (d: QueueDay) => `${PREFIX}d:${d.queueId}:${d.date}`;
const entryKey = (d: QueueDay) => `${PREFIX}e:${d.queueId}:${d.date}`;

/** Generations in this process only: right for one process (the embedded default), not for several. */
export function memoryAvailabilityStore(): AvailabilityStore {
  const queues = new Map<string, number>();
  const days = new Map<string, number>();
  return {
    stamps: async (list) => list.map((d) => `${queues.get(d.queueId) ?? 0}.${days.get(dayKey(d)) ?? 0}`),
    entries: async (list) => list.map(() => null),
    put: async () => {},
    bumpDays: async (list) => {
      for (const d of list) days.set(dayKey(d), (days.get(dayKey(d)) ?? 0) + 1);
    },
    bumpQueues: async (ids) => {
      for (const id of ids) queues.set(id, (queues.get(id) ?? 0) + 1);
    },
    close: async () => {},
  };
}

/**
 * Generations and entries in Redis, shared by every process and instance on it. Commands fail at
 * once while Redis is unreachable (no offline queue); the cache then computes without it.
 */
export function redisAvailabilityStore(redisUrl: string, onUnreachable: (err: unknown) => void): AvailabilityStore {
  const redis = new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: REDIS_TIMEOUT_MS, commandTimeout: REDIS_TIMEOUT_MS });
  redis.on('error', onUnreachable);
  return {
    async stamps(list) {
      if (list.length === 0) return [];
      const queueIds = [...new Set(list.map((d) => d.queueId))];
      const values = await redis.mget(...queueIds.map(queueKey), ...list.map(dayKey));
      const queueGen = new Map(queueIds.map((id, i) => [id, values[i] ?? '0']));
      return list.map((d, i) => `${queueGen.get(d.queueId)}.${values[queueIds.length + i] ?? '0'}`);
    },
    async entries(list) {
      if (list.length === 0) return [];
      return (await redis.mget(...list.map(entryKey))).map((v) => (v === null ? null : (JSON.parse(v) as CachedDay)));
    },
    async put(items) {
      const batch = redis.multi();
      for (const { day, entry } of items) batch.set(entryKey(day), JSON.stringify(entry), 'PX', Math.max(1, entry.expiresAt - Date.now()));
      await batch.exec();
    },
    async bumpDays(list) {
      const batch = redis.multi();
      for (const d of list) batch.incr(dayKey(d)).pexpire(dayKey(d), GENERATION_TTL_MS);
      await batch.exec();
    },
    async bumpQueues(ids) {
      const batch = redis.multi();
      for (const id of ids) batch.incr(queueKey(id)).pexpire(queueKey(id), GENERATION_TTL_MS);
      await batch.exec();
    },
    async close() {
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}
