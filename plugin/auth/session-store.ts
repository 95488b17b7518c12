import { createHash, randomBytes } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/core';
import { StaffSession } from '../db/staff-session.entity.js';
import type { SessionData } from './session-data.js';

/** How long sessions live without use, and at most. */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

/** Half a working day idle, one working day at most: a KEP employee signs in each morning. */
export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 10 * 3600_000 };

/** How often a session in use has its idle timeout pushed back. */
const TOUCH_INTERVAL_MS = 60_000;

const hash = (id: string) => createHash('sha256').update(id).digest('hex');

/** Sessions kept in the database, so any instance behind a load balancer can serve any request. */
export class SessionStore {
  constructor(private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS) {}

  /** Creates a session and returns the cookie value; only its hash is stored. */
  async create(em: EntityManager, data: SessionData, lifetimeMs = this.limits.idleMs): Promise<string> {
    const id = randomBytes(32).toString('base64url');
    em.create(StaffSession, { idHash: hash(id), data, expiresAt: new Date(Date.now() + lifetimeMs) });
    await em.flush();
    return id;
  }

  /** The live session for a cookie value; touching it extends the idle timeout up to the absolute one. */
  async load(em: EntityManager, id: string): Promise<StaffSession | null> {
    const row = await em.findOne(StaffSession, { idHash: hash(id), expiresAt: { $gt: new Date() } });
    if (!row) return null;
    const now = Date.now();
    // Writing the session on every request was a third of a request's SQL; the idle timeout only needs
    // minute precision, so a session seen within the last minute is not touched again.
    if (now - row.lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return row;
    const hardEnd = row.createdAt.getTime() + this.limits.absoluteMs;
    row.lastSeenAt = new Date(now);
    row.expiresAt = new Date(Math.min(now + this.limits.idleMs, hardEnd));
    await em.flush();
    return row;
  }

  /** Ends a session server-side: the cookie becomes worthless even if it was copied. */
  async destroy(em: EntityManager, id: string): Promise<void> {
    await em.nativeDelete(StaffSession, { idHash: hash(id) });
  }

  /** Ends every session a SAML IdP's single logout names (the person, and the IdP session if given). */
  async destroySaml(em: EntityManager, idp: string, nameId: string, sessionIndex?: string): Promise<void> {
    const bySession = sessionIndex ? ` and data->'user'->'saml'->>'sessionIndex' = ?` : '';
    await em
      .getConnection()
      .execute(
        `delete from staff_session where data->'user'->>'idp' = ? and data->'user'->'saml'->>'nameId' = ?${bySession}`,
        sessionIndex ? [idp, nameId, sessionIndex] : [idp, nameId],
      );
  }

  /** Removes expired rows; cheap enough to run on every sign-in. */
  async sweep(em: EntityManager): Promise<void> {
    await em.nativeDelete(StaffSession, { expiresAt: { $lte: new Date() } });
  }
}
