import { z } from 'zod';
import { PostgresSessionStore } from './postgres-session-store.js';
import { RedisSessionStore } from './redis-session-store.js';
import type { SessionStore } from './session-store.js';

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
  })
  .superRefine((s, ctx) => {
    if (s.store === 'redis' && !s.redisUrl) ctx.addIssue({ code: 'custom', path: ['redisUrl'], message: 'store "redis" needs redisUrl' });
    if (s.idleMinutes > s.absoluteHours * 60) ctx.addIssue({ code: 'custom', path: ['idleMinutes'], message: 'the idle timeout cannot be longer than the absolute one' });
  })
  .prefault({});

/** The parsed `sessions` option. */
export type SessionSettings = z.output<typeof SessionOptions>;

/** Opens the configured store; the caller closes it. */
export async function openSessionStore(settings: SessionSettings, log: (message: string, err?: unknown) => void): Promise<SessionStore> {
  const limits = { idleMs: settings.idleMinutes * 60_000, absoluteMs: settings.absoluteHours * 3600_000 };
  if (settings.store === 'redis') return RedisSessionStore.open(settings.redisUrl!, limits, log);
  return new PostgresSessionStore(limits);
}
