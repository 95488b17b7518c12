import type { Request, RequestHandler } from 'express';
import { AppError } from '../http/app-error.js';
import { establishSession, type SignInDeps } from './complete-sign-in.js';
import type { StaffIdentity } from './role-source.js';
import { clearSessionCookie, withSupervisorView } from './staff-session.middleware.js';

/** The identity provider name of sessions made from the host platform's word. */
export const HOST_IDP = 'host';

/**
 * Host-platform mode. The host authenticates; we trust the identity it hands us for this request
 * (that is the trust boundary: see README) and still derive the roles ourselves through the
 * RoleSource. A session follows the host's: a new person gets a new session (new id, roles asked
 * afresh), and when the host says nobody is signed in, the session made from its word ends.
 */
export function hostIdentity(deps: SignInDeps, getIdentity: (req: Request) => Promise<StaffIdentity | null>): RequestHandler {
  return async (req, res, next) => {
    const identity = await getIdentity(req);
    if (!identity) {
      if (req.staff?.idp === HOST_IDP && req.sessionId) {
        await deps.sessions.destroy(deps.orm.em.fork(), req.sessionId);
        clearSessionCookie(req, res);
        delete req.staff;
        delete req.sessionId;
      }
      return next();
    }
    if (typeof identity.sub !== 'string' || identity.sub.length === 0 || identity.sub.length > 200) {
      throw new Error('getIdentity returned an identity without a valid sub');
    }
    if (req.staff?.sub === identity.sub) return next();
    if (req.sessionId) await deps.sessions.destroy(deps.orm.em.fork(), req.sessionId);
    const outcome = await establishSession(deps, req, res, {
      idp: HOST_IDP,
      identity: { sub: identity.sub, name: identity.name || identity.sub, email: identity.email ?? null, ...(identity.claims ? { claims: identity.claims } : {}) },
    });
    if (!outcome.ok) {
      clearSessionCookie(req, res);
      throw new AppError(outcome.status, outcome.status === 503 ? 'role-source-unavailable' : 'no-role', outcome.message);
    }
    req.sessionId = outcome.sessionId;
    req.staff = outcome.user.supervisor ? await withSupervisorView(deps.orm.em, outcome.user) : outcome.user;
    next();
  };
}
