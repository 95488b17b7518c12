import type { MikroORM } from '@mikro-orm/core';
import type { Request, RequestHandler, Response } from 'express';
import { AppError } from '../api/app-error.js';
import { deriveGrants } from './derive-grants.js';
import type { RoleSource } from './role-source.js';
import type { StaffUser } from './session-data.js';
import type { SessionStore } from './session-store.js';

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

/** Loads the session named by the cookie and keeps its grants fresh. */
export function loadStaffSession(orm: MikroORM, sessions: SessionStore, roles: RoleSource): RequestHandler {
  return async (req, _res, next) => {
    const id = req.cookies?.[SESSION_COOKIE];
    if (typeof id !== 'string' || id.length === 0) return next();
    const row = await sessions.load(orm.em, id);
    if (!row) return next();
    req.sessionId = id;
    const user = row.data.user;
    if (user) {
      if (Date.now() - user.grantsAt > GRANTS_MAX_AGE_MS) {
        user.grants = await deriveGrants(orm.em, roles, user);
        user.grantsAt = Date.now();
        row.data = { user };
        await orm.em.flush();
      }
      req.staff = user;
    }
    next();
  };
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

/** Clears the session cookie. */
export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, { ...sessionCookieOptions(req, 0), maxAge: undefined });
}
