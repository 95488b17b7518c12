import type { EntityManager } from '@mikro-orm/core';
import type { SessionData } from './session-data.js';
import type { OpenRevocationChannel, RevocationChannel } from './session-revocations.js';
import { hashSessionId, touchIntervalMs, type LiveSession, type SessionClock, type SessionLimits, type SessionStore } from './session-store.js';

/** How many signed-in sessions one process keeps at most; the oldest entry goes first. */
const MAX_ENTRIES = 10_000;

/** What the session cache of one process has done since it started. */
export interface SessionCacheStats {
  /** Sessions served from the cache: no round trip. */
  hits: number;
  /** Sessions read from the store. */
  lookups: number;
  /** Revocations applied (from this instance or another). */
  revocations: number;
  /** Whether the cache serves now: on, and its revocation channel connected. */
  serving: boolean;
}

interface Entry {
  session: LiveSession;
  /** When the entry stops serving, in ms since the epoch. */
  until: number;
}

/**
 * A session store with a short cache of signed-in sessions in front of it, per process, keyed by the
 * stored name (the SHA-256 of the cookie). Safe because of four rules:
 *
 * 1. Every change of a session through this store (sign-out, single logout, rotation, fresh roles)
 *    is announced on the revocation channel after it reached the store and before the request that
 *    made it answers; every process drops the session when the message arrives.
 * 2. The cache serves only while the channel is connected; when it drops, the cache is emptied.
 * 3. A read that was in flight while any revocation arrived is not cached (it may predate it).
 * 4. An entry serves for at most `ttlMs`, never past the session's end, and never past the moment
 *    the store would push its idle timeout back — so that request reaches the store, which touches
 *    the session as before (at most once a minute) and the idle timeout stays as precise as it was.
 *
 * What remains: a message still on its way (the delivery latency between instances), and a
 * connection lost without the channel noticing (no FIN, no RST), bounded by `ttlMs`.
 */
export class CachedSessionStore implements SessionStore {
  readonly stats: SessionCacheStats = { hits: 0, lookups: 0, revocations: 0, serving: false };
  readonly #entries = new Map<string, Entry>();
  /** Moves on at every revocation and change of the channel: rule 3. */
  #generation = 0;
  #channel: RevocationChannel | null = null;

  private constructor(
    private readonly inner: SessionStore,
    private readonly ttlMs: number,
    private readonly now: SessionClock,
  ) {}

  /** Puts a cache of `ttlMs` in front of `inner`, guarded by the channel `open` connects. */
  static async open(inner: SessionStore, ttlMs: number, open: OpenRevocationChannel, now: SessionClock = Date.now): Promise<CachedSessionStore> {
    const store = new CachedSessionStore(inner, ttlMs, now);
    store.#channel = await open({
      ended: (hash) => store.#forget([hash]),
      connectionChanged: () => {
        store.#entries.clear();
        store.#generation++;
        store.stats.serving = store.#serving;
      },
    });
    store.stats.serving = store.#serving;
    return store;
  }

  get limits(): SessionLimits {
    return this.inner.limits;
  }

  create(em: EntityManager, data: SessionData, lifetimeMs?: number): Promise<string> {
    return this.inner.create(em, data, lifetimeMs);
  }

  async load(em: EntityManager, id: string): Promise<LiveSession | null> {
    const hash = hashSessionId(id);
    const now = this.now();
    const hit = this.#entries.get(hash);
    if (hit && hit.until > now && this.#serving) {
      this.stats.hits++;
      // A copy: a request may change its user (fresh grants) without touching the one cached.
      return { ...hit.session, data: structuredClone(hit.session.data) };
    }
    if (hit) this.#entries.delete(hash);
    const generation = this.#generation;
    this.stats.lookups++;
    const session = await this.inner.load(em, id);
    if (session?.data.user && generation === this.#generation && this.#serving) {
      const until = Math.min(now + this.ttlMs, session.lastSeenAt.getTime() + touchIntervalMs(this.limits), session.expiresAt.getTime());
      if (until > now) this.#remember(hash, { data: structuredClone(session.data), createdAt: session.createdAt, lastSeenAt: session.lastSeenAt, expiresAt: session.expiresAt }, until);
    }
    return session;
  }

  async save(em: EntityManager, id: string, data: SessionData): Promise<void> {
    await this.inner.save(em, id, data);
    await this.#announce(em, [hashSessionId(id)]);
  }

  async destroy(em: EntityManager, id: string): Promise<void> {
    await this.inner.destroy(em, id);
    await this.#announce(em, [hashSessionId(id)]);
  }

  async destroySaml(em: EntityManager, idp: string, nameId: string, sessionIndex?: string): Promise<string[]> {
    const ended = await this.inner.destroySaml(em, idp, nameId, sessionIndex);
    await this.#announce(em, ended);
    return ended;
  }

  sweep(em: EntityManager): Promise<void> {
    // Only sessions past their end, which no entry outlives: nothing to announce.
    return this.inner.sweep(em);
  }

  healthy(): Promise<boolean> {
    return this.inner.healthy();
  }

  async close(): Promise<void> {
    const results = await Promise.allSettled([this.#channel?.close(), this.inner.close()]);
    this.#entries.clear();
    const failed = results.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  get #serving(): boolean {
    return this.ttlMs > 0 && this.#channel?.connected === true;
  }

  /** Drops the sessions here at once, then tells the other instances. */
  async #announce(em: EntityManager, hashes: string[]): Promise<void> {
    this.#forget(hashes);
    await this.#channel?.announce(em, hashes);
  }

  #forget(hashes: string[]): void {
    for (const hash of hashes) this.#entries.delete(hash);
    this.#generation++;
    this.stats.revocations += hashes.length;
  }

  #remember(hash: string, session: LiveSession, until: number): void {
    this.#entries.delete(hash);
    if (this.#entries.size >= MAX_ENTRIES) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(hash, { session, until });
  }
}
