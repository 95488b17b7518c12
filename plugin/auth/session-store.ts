import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { AppError } from '../http/app-error.js';
import type { SessionData } from './session-data.js';

/** How long sessions live without use, and at most. */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** Half a working day idle, one working day at most: a KEP employee signs in each morning. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 10 * 3600_000 };

/**
 * How often a session in use has its idle timeout pushed back: at most once a minute (writing the
 * session on every request was a third of a request's SQL), and at most every quarter of the idle
 * timeout, so that a short one stays precise.
 */
export function touchIntervalMs(limits: SessionLimits): number {
  return Math.min(60_000, Math.floor(limits.idleMs / 4));
}

/**
 * When a session touched at `touchedAt` ends if unused. A request inside the touch interval does not
 * write, so the end is the idle timeout plus that interval after the touch: a session never ends
 * sooner than the idle timeout after its last request (at most one interval later), and never after
 * the absolute end. With the end at `touchedAt + idle`, a person active every 20 s with a one-minute
 * idle timeout was signed out at 60 s.
 */
export function idleEndAfterTouch(limits: SessionLimits, touchedAt: number, createdAt: number): number {
  return Math.min(touchedAt + limits.idleMs + touchIntervalMs(limits), createdAt + limits.absoluteMs);
}

/** The clock of the session stores (ms since the epoch); tests inject their own. */
export type SessionClock = () => number;

/** A live session as a store hands it out. */
export interface LiveSession {
  data: SessionData;
  createdAt: Date;
  /** When the idle timeout was last pushed back. */
  lastSeenAt: Date;
  /** When the session ends if nothing touches it again (never after the absolute end). */
  expiresAt: Date;
}

/**
 * Where staff sessions live (PostgreSQL or Redis), so any instance behind a load balancer can serve
 * any request. The cookie value is never stored: only its SHA-256. The `em` is the caller's unit of
 * work; a store in PostgreSQL writes through it, so a sign-in's audit lines and its session are one
 * transaction there. A store of its own (Redis) that cannot be reached throws
 * {@link sessionStoreUnavailable}, a 503: no session is ever assumed.
 */
export interface SessionStore {
  readonly limits: SessionLimits;
  /** Creates a session and returns the cookie value (a new random id every time: no fixation). */
  create(em: EntityManager, data: SessionData, lifetimeMs?: number): Promise<string>;
  /** The live session for a cookie value; use extends the idle timeout, never past the absolute one. */
  load(em: EntityManager, id: string): Promise<LiveSession | null>;
  /** Replaces a live session's data (fresh grants); its timeouts stay as they are. */
  save(em: EntityManager, id: string, data: SessionData): Promise<void>;
  /** Ends a session server-side: the cookie becomes worthless even if it was copied. */
  destroy(em: EntityManager, id: string): Promise<void>;
  /**
   * Ends every session a SAML IdP's single logout names (the person, and the IdP session if given);
   * returns the stored names ({@link hashSessionId}) of the sessions it ended.
   */
  destroySaml(em: EntityManager, idp: string, nameId: string, sessionIndex?: string): Promise<string[]>;
  /** Forgets expired sessions where the store does not do it by itself; cheap enough for every sign-in. */
  sweep(em: EntityManager): Promise<void>;
  /** Whether the store answers now (for /healthz); a store inside the database is as healthy as the database. */
  healthy(): Promise<boolean>;
  /** Releases connections; idempotent. */
  close(): Promise<void>;
}

/** The stored name of a session: the SHA-256 of the cookie value, so a leaked store hands out nothing. */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('hex');
}

/** A new cookie value: 256 random bits. */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** The answer when the session store cannot be asked: fail closed, and say so. */
export function sessionStoreUnavailable(cause: unknown): AppError {
  const err = new AppError(
    503,
    'session-store-unavailable',
    'Η υπηρεσία συνεδριών δεν απαντά αυτή τη στιγμή, οπότε δεν μπορούμε να επιβεβαιώσουμε τη σύνδεσή σας. Δοκιμάστε ξανά σε λίγο.',
  );
  err.cause = cause;
  return err;
}
