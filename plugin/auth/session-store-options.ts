import { z } from 'zod';
import type { DatabaseOptions } from '../db/orm.js';
import { CachedSessionStore } from './cached-session-store.js';
import { PostgresSessionStore } from './postgres-session-store.js';
import { RedisSessionStore } from './redis-session-store.js';
import { inProcessRevocations, postgresRevocations, redisRevocations } from './session-revocations.js';

/**
 * Where staff sessions live and how long they last. PostgreSQL needs nothing more; Redis takes the
 * session reads off the database and lets its keys expire by themselves.
 */
export const SessionOptions = z
  .object({
    store: z.enum(['postgres', 'redis']).default('postgres'),
    /** Redis for the sessions (`store: 'redis'`); may be the BullMQ one. */
    redisUrl: z.string().min(1).optional(),
    /** A session unused this long ends. */
    idleMinutes: z.number().int().min(1).max(24 * 60).default(30),
    /** A session ends this long after sign-in, however much it is used. */
    absoluteHours: z.number().int().min(1).max(7 * 24).default(10),
    /**
     * How long a process may serve a signed-in session without asking the store (0: ask on every
     * request). Sign-out and single logout still reach every instance at once (see CachedSessionStore);
     * this bounds only what a revocation channel that failed without noticing could let through.
     */
    cacheSeconds: z.number().min(0).max(60).default(5),
  })
  .superRefine((s, ctx) => {
    if (s.store === 'redis' && !s.redisUrl) ctx.addIssue({ code: 'custom', path: ['redisUrl'], message: 'store "redis" needs redisUrl' });
    if (s.idleMinutes > s.absoluteHours * 60) ctx.addIssue({ code: 'custom', path: ['idleMinutes'], message: 'the idle timeout cannot be longer than the absolute one' });
  })
  .prefault({});

/** The parsed `sessions` option. */
export type SessionSettings = z.output<typeof SessionOptions>;

/**
 * Opens the configured store behind its cache; the caller closes it. Revocations travel beside the
 * store: Redis pub/sub for sessions in Redis, LISTEN/NOTIFY for sessions in PostgreSQL, and within
 * the process on the embedded PGlite, which only one process can open.
 */
export async function openSessionStore(settings: SessionSettings, database: DatabaseOptions, log: (message: string, err?: unknown) => void): Promise<CachedSessionStore> {
  const limits = { idleMs: settings.idleMinutes * 60_000, absoluteMs: settings.absoluteHours * 3600_000 };
  const ttlMs = settings.cacheSeconds * 1000;
  if (settings.store === 'redis') {
    return CachedSessionStore.open(await RedisSessionStore.open(settings.redisUrl!, limits, log), ttlMs, redisRevocations(settings.redisUrl!, log));
  }
  const channel = 'url' in database ? postgresRevocations(database.url, log) : inProcessRevocations;
  return CachedSessionStore.open(new PostgresSessionStore(limits), ttlMs, channel);
}
