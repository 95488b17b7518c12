import type { EntityManager } from '@mikro-orm/core';
import { Redis } from 'ioredis';
import type { SessionData } from './session-data.js';
import {
  hashSessionId,
  newSessionId,
  sessionStoreUnavailable,
  idleEndAfterTouch,
  touchIntervalMs,
  type LiveSession,
  type SessionClock,
  type SessionLimits,
  type SessionStore,
} from './session-store.js';

/** `rantevou:session:{sha256 of the cookie}` → the session as JSON, expiring with it. */
export const SESSION_KEY_PREFIX = 'rantevou:session:';
/** `rantevou:saml:{idp}:{sha256 of the NameID}` → the hashes of that person's sessions, for single logout. */
export const SAML_INDEX_KEY_PREFIX = 'rantevou:saml:';

/** How long one Redis command (or the first connection) may take before the request fails closed. */
const REDIS_TIMEOUT_MS = 3000;

/** What is stored under a session key; times in ms since the epoch. */
interface StoredSession {
  data: SessionData;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

const sha256 = hashSessionId;
const sessionKey = (hash: string) => `${SESSION_KEY_PREFIX}${hash}`;
const samlIndexKey = (idp: string, nameId: string) => `${SAML_INDEX_KEY_PREFIX}${idp}:${sha256(nameId)}`;

/**
 * Sessions in Redis (ioredis; Redis 7 or later). Each key expires with its session (PXAT at the idle
 * end, never past the absolute one), so there is nothing to sweep. While Redis cannot be reached
 * every call fails at once with a 503: no offline queue, bounded command times.
 */
export class RedisSessionStore implements SessionStore {
  #closing: Promise<void> | null = null;

  private constructor(
    private readonly redis: Redis,
    readonly limits: SessionLimits,
    private readonly now: SessionClock,
  ) {}

  /** Connects, waiting for Redis a few seconds at most: one that is down at start fails requests, not the start. */
  static async open(redisUrl: string, limits: SessionLimits, log: (message: string, err?: unknown) => void, now: SessionClock = Date.now): Promise<RedisSessionStore> {
    const redis = new Redis(redisUrl, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: REDIS_TIMEOUT_MS,
      commandTimeout: REDIS_TIMEOUT_MS,
    });
    const store = new RedisSessionStore(redis, limits, now);
    // ioredis reconnects by itself; say it once per outage (a lost connection or a failed one), not once per retry.
    let reported = false;
    const report = (err: unknown) => {
      if (reported || store.#closing) return;
      reported = true;
      log('session store (Redis) unreachable: requests that need a session answer 503 until it is back', err);
    };
    redis.on('error', report);
    redis.on('close', () => report(new Error('connection to Redis closed')));
    redis.on('ready', () => {
      reported = false;
    });
    await new Promise<void>((resolve) => {
      if (redis.status === 'ready') return resolve();
      const done = () => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, REDIS_TIMEOUT_MS);
      redis.once('ready', done);
    });
    return store;
  }

  async create(_em: EntityManager, data: SessionData, lifetimeMs?: number): Promise<string> {
    const id = newSessionId();
    const hash = sha256(id);
    const now = this.now();
    const expiresAt = lifetimeMs === undefined ? idleEndAfterTouch(this.limits, now, now) : now + Math.min(lifetimeMs, this.limits.absoluteMs);
    const stored: StoredSession = { data, createdAt: now, lastSeenAt: now, expiresAt };
    const tx = this.redis.multi().set(sessionKey(hash), JSON.stringify(stored), 'PXAT', stored.expiresAt);
    const saml = samlIdentity(data);
    if (saml) {
      // The index lives as long as the longest session in it can: NX gives a new set its expiry, GT only ever extends it.
      const key = samlIndexKey(saml.idp, saml.nameId);
      const end = now + this.limits.absoluteMs;
      tx.sadd(key, hash).pexpireat(key, end, 'NX').pexpireat(key, end, 'GT');
    }
    await this.#exec(tx);
    return id;
  }

  async load(_em: EntityManager, id: string): Promise<LiveSession | null> {
    const key = sessionKey(sha256(id));
    const stored = parse(await this.#run(() => this.redis.get(key)));
    if (!stored) return null;
    const now = this.now();
    // The key's TTL already ends a session; the stored times are checked too, so a TTL lost or
    // changed by hand (PERSIST, a restore) never outlives the limits.
    if (stored.expiresAt <= now || now >= idleEndAfterTouch(this.limits, stored.lastSeenAt, stored.createdAt)) {
      await this.#run(() => this.redis.del(key));
      return null;
    }
    if (now - stored.lastSeenAt >= touchIntervalMs(this.limits)) {
      stored.lastSeenAt = now;
      stored.expiresAt = idleEndAfterTouch(this.limits, now, stored.createdAt);
      // XX: a session ended meanwhile (a logout in another tab) stays ended. A grants refresh saved
      // by a concurrent request may be overwritten with the older grants: they are asked again.
      await this.#run(() => this.redis.set(key, JSON.stringify(stored), 'PXAT', stored.expiresAt, 'XX'));
    }
    return { data: stored.data, createdAt: new Date(stored.createdAt), lastSeenAt: new Date(stored.lastSeenAt), expiresAt: new Date(stored.expiresAt) };
  }

  async save(_em: EntityManager, id: string, data: SessionData): Promise<void> {
    const key = sessionKey(sha256(id));
    const stored = parse(await this.#run(() => this.redis.get(key)));
    if (!stored) return;
    await this.#run(() => this.redis.set(key, JSON.stringify({ ...stored, data }), 'PXAT', stored.expiresAt, 'XX'));
  }

  async destroy(_em: EntityManager, id: string): Promise<void> {
    const hash = sha256(id);
    const stored = parse(await this.#run(() => this.redis.getdel(sessionKey(hash))));
    const saml = stored && samlIdentity(stored.data);
    if (saml) await this.#run(() => this.redis.srem(samlIndexKey(saml.idp, saml.nameId), hash));
  }

  async destroySaml(_em: EntityManager, idp: string, nameId: string, sessionIndex?: string): Promise<string[]> {
    const indexKey = samlIndexKey(idp, nameId);
    const hashes = await this.#run(() => this.redis.smembers(indexKey));
    if (hashes.length === 0) return [];
    const values = await this.#run(() => this.redis.mget(hashes.map(sessionKey)));
    const ended: string[] = [];
    const gone: string[] = [];
    hashes.forEach((hash, i) => {
      const user = parse(values[i] ?? null)?.data.user;
      if (!user) gone.push(hash);
      else if (user.idp === idp && user.saml?.nameId === nameId && (!sessionIndex || user.saml.sessionIndex === sessionIndex)) ended.push(hash);
    });
    const tx = this.redis.multi();
    if (ended.length) tx.del(...ended.map(sessionKey));
    if (ended.length || gone.length) tx.srem(indexKey, ...ended, ...gone);
    await this.#exec(tx);
    return ended;
  }

  async sweep(): Promise<void> {
    // Nothing to do: every key expires with its session.
  }

  healthy(): Promise<boolean> {
    return this.redis.ping().then(
      () => true,
      () => false,
    );
  }

  close(): Promise<void> {
    return (this.#closing ??= this.redis.quit().then(
      () => {},
      () => this.redis.disconnect(),
    ));
  }

  async #run<T>(command: () => Promise<T>): Promise<T> {
    try {
      return await command();
    } catch (err) {
      throw sessionStoreUnavailable(err);
    }
  }

  async #exec(tx: ReturnType<Redis['multi']>): Promise<void> {
    const results = await this.#run(() => tx.exec());
    const failed = results?.find(([err]) => err);
    if (!results || failed) throw sessionStoreUnavailable(failed?.[0] ?? new Error('Redis transaction aborted'));
  }
}

/** Who a SAML session belongs to, for the single-logout index. */
function samlIdentity(data: SessionData): { idp: string; nameId: string } | null {
  const user = data.user;
  return user?.idp && user.saml ? { idp: user.idp, nameId: user.saml.nameId } : null;
}

function parse(raw: string | null): StoredSession | null {
  if (!raw) return null;
  try {
    const value = JSON.parse(raw) as StoredSession;
    const times = [value?.createdAt, value?.lastSeenAt, value?.expiresAt];
    return value && typeof value.data === 'object' && times.every((t) => typeof t === 'number') ? value : null;
  } catch {
    return null;
  }
}
