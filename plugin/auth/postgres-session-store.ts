import type { EntityManager } from '@mikro-orm/core';
import { StaffSession } from '../db/staff-session.entity.js';
import type { SessionData } from './session-data.js';
import {
  DEFAULT_SESSION_LIMITS,
  hashSessionId,
  newSessionId,
  idleEndAfterTouch,
  touchIntervalMs,
  type LiveSession,
  type SessionClock,
  type SessionLimits,
  type SessionStore,
} from './session-store.js';

/** Sessions in the `staff_session` table: the default, needing nothing beyond the database. */
export class PostgresSessionStore implements SessionStore {
  constructor(
    readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: SessionClock = Date.now,
  ) {}

  async create(em: EntityManager, data: SessionData, lifetimeMs?: number): Promise<string> {
    const id = newSessionId();
    const now = this.now();
    const end = lifetimeMs === undefined ? idleEndAfterTouch(this.limits, now, now) : now + Math.min(lifetimeMs, this.limits.absoluteMs);
    em.create(StaffSession, { idHash: hashSessionId(id), data, createdAt: new Date(now), lastSeenAt: new Date(now), expiresAt: new Date(end) });
    await em.flush();
    return id;
  }

  async load(em: EntityManager, id: string): Promise<LiveSession | null> {
    const now = this.now();
    const row = await em.findOne(StaffSession, { idHash: hashSessionId(id), expiresAt: { $gt: new Date(now) } });
    if (!row) return null;
    if (now - row.lastSeenAt.getTime() < touchIntervalMs(this.limits)) return row;
    row.lastSeenAt = new Date(now);
    row.expiresAt = new Date(idleEndAfterTouch(this.limits, now, row.createdAt.getTime()));
    await em.flush();
    return row;
  }

  async save(em: EntityManager, id: string, data: SessionData): Promise<void> {
    // Usually already in this unit of work's identity map (load ran first): no extra query.
    const row = await em.findOne(StaffSession, { idHash: hashSessionId(id) });
    if (!row) return;
    row.data = data;
    await em.flush();
  }

  async destroy(em: EntityManager, id: string): Promise<void> {
    await em.nativeDelete(StaffSession, { idHash: hashSessionId(id) });
  }

  async destroySaml(em: EntityManager, idp: string, nameId: string, sessionIndex?: string): Promise<string[]> {
    const bySession = sessionIndex ? ` and data->'user'->'saml'->>'sessionIndex' = ?` : '';
    const ended: { id_hash: string }[] = await em
      .getConnection()
      .execute(
        `delete from staff_session where data->'user'->>'idp' = ? and data->'user'->'saml'->>'nameId' = ?${bySession} returning id_hash`,
        sessionIndex ? [idp, nameId, sessionIndex] : [idp, nameId],
        'all',
        em.getTransactionContext(),
      );
    return ended.map((row) => row.id_hash);
  }

  async sweep(em: EntityManager): Promise<void> {
    await em.nativeDelete(StaffSession, { expiresAt: { $lte: new Date(this.now()) } });
  }

  async healthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {}
}
