import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../http/app-error.js';
import { Store } from '../db/store.entity.js';
import { deriveGrants, sameAccess } from './derive-grants.js';
import { RoleSourceUnavailableError, type RoleSource } from './role-source.js';
import type { StaffUser } from './session-data.js';
import type { SessionStore } from './session-store.js';
import { auditStaff } from './staff-audit.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The signed-in staff member, when the session cookie names one. */
      staff?: StaffUser;
      /** The raw session cookie value, when there is a live session. */
      sessionId?: string;
    }
  }
}

/** The session cookie's name. */
export const SESSION_COOKIE = 'rantevou_sid';

/** Grants are re-asked this often, so a person removed from a KEP loses it within minutes. */
export const GRANTS_MAX_AGE_MS = 5 * 60_000;

/** How long a sign-in may stay at the identity provider. */
export const PENDING_LOGIN_MS = 10 * 60_000;

/** Loads the session named by the cookie and keeps its grants fresh. */
export function loadStaffSession(orm: MikroORM, sessions: SessionStore, roles: RoleSource): RequestHandler {
  return async (req, _res, next) => {
    const id = req.cookies?.[SESSION_COOKIE];
    if (typeof id !== 'string' || id.length === 0) return next();
    const session = await sessions.load(orm.em, id);
    if (!session) return next();
    req.sessionId = id;
    const user = session.data.user;
    if (user) {
      if (Date.now() - user.grantsAt > GRANTS_MAX_AGE_MS) {
        await refreshGrants(orm.em, roles, user);
        await sessions.save(orm.em, id, { user: { ...user } });
        await orm.em.flush();
      }
      req.staff = user.supervisor ? await withSupervisorView(orm.em, user) : user;
    }
    next();
  };
}

/**
 * Re-asks the RoleSource. When it cannot answer we fail closed: this request gets 503 and shows
 * nothing, and the next one asks again. A change of roles is an audit event.
 */
async function refreshGrants(em: EntityManager, roles: RoleSource, user: StaffUser): Promise<void> {
  const identity = { sub: user.sub, name: user.name, email: user.email, ...(user.claims ? { claims: user.claims } : {}) };
  const access = await deriveGrants(em, roles, identity, 'refresh').catch((err: unknown) => {
    if (err instanceof RoleSourceUnavailableError) {
      throw new AppError(503, 'role-source-unavailable', 'Η εφαρμογή θυρίδων δεν απαντά, οπότε δεν μπορούμε να επιβεβαιώσουμε τους ρόλους σας. Δοκιμάστε ξανά σε λίγο.');
    }
    throw err;
  });
  const before = { grants: user.grants, supervisor: user.supervisor === true };
  if (!sameAccess(before, access)) auditStaff(em, 'staff.roles_changed', user.sub, { grants: access.grants, supervisor: access.supervisor, when: 'refresh' }, before);
  user.grants = access.grants;
  user.supervisor = access.supervisor;
  user.grantsAt = Date.now();
}

/**
 * A supervisor reads every KEP: per request (never stored), every store id is added as a read-only
 * `supervisor` grant, so each query is still scoped by explicit store ids and no write check passes.
 */
export async function withSupervisorView(em: EntityManager, user: StaffUser): Promise<StaffUser> {
  const own = new Set(user.grants.map((g) => g.storeId));
  const all = await em.find(Store, {}, { fields: ['id'] });
  const view = all.filter((s) => !own.has(s.id)).map((s) => ({ storeId: s.id, role: 'supervisor' as const }));
  return { ...user, grants: [...user.grants, ...view] };
}

/** The signed-in staff member, or a 401 the widget turns into a sign-in link. */
export function requireStaff(req: Request): StaffUser {
  if (!req.staff) throw new AppError(401, 'unauthenticated', 'Συνδεθείτε για να συνεχίσετε.');
  return req.staff;
}

/** Cookie settings: httpOnly, SameSite=Lax, Secure whenever the request came over https. */
export function sessionCookieOptions(req: Request, maxAgeMs: number) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: '/', maxAge: maxAgeMs };
}

/**
 * The cookie of a sign-in in progress. A SAML response comes back as a cross-site POST, which a
 * SameSite=Lax cookie does not follow; over https that cookie is SameSite=None (it grants nothing:
 * it only ties the response to the browser that asked for it).
 */
export function pendingCookieOptions(req: Request, crossSitePost: boolean) {
  const base = sessionCookieOptions(req, PENDING_LOGIN_MS);
  return crossSitePost && req.secure ? { ...base, sameSite: 'none' as const } : base;
}

/** Clears the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req, 0), maxAge: undefined });
}
