import { Router, type Request, type Response } from 'express';
import * as client from 'openid-client';
import { finishBrowserSignIn, refuseSignIn, type SignInDeps } from './complete-sign-in.js';
import { ownOrigin } from './csrf.middleware.js';
import { GsisRefusal, gsisFullName } from './gsis-userinfo.js';
import type { GsisRegisteredProvider, IdentityProviders } from './identity-providers.js';
import type { PendingGsisLogin } from './session-data.js';
import type { StaffIdentity } from './role-source.js';
import { signInProblemPage } from './sign-in-problem-page.js';
import { PENDING_LOGIN_MS, pendingCookieOptions, SESSION_COOKIE } from './staff-session.middleware.js';

// From /auth/gsis/:idp/callback, the sign-in link is two levels up.
const retryFor = (idp: string) => `../../login?idp=${encodeURIComponent(idp)}`;
const REFUSED = 'Η υπηρεσία της ΓΓΠΣ δεν επιβεβαίωσε τη σύνδεση. Δοκιμάστε ξανά.';
const SLOW = 'Η υπηρεσία της ΓΓΠΣ δεν απάντησε εγκαίρως. Δοκιμάστε ξανά σε λίγα λεπτά.';

/** The redirect URI to register at GSIS for one staff provider: `{publicUrl}/auth/gsis/{id}/callback`. */
export function gsisCallbackUrl(req: Request, idp: string, publicUrl?: string): string {
  const base = publicUrl ? `${publicUrl.replace(/\/$/, '')}/auth` : `${ownOrigin(req)}${req.baseUrl}`;
  return `${base}/gsis/${encodeURIComponent(idp)}/callback`;
}

/** Sends the browser to GSIS with a state (and PKCE when configured) kept server-side, bound to this browser's cookie. */
export async function startGsisLogin(deps: SignInDeps, p: GsisRegisteredProvider, req: Request, res: Response, returnTo: string, publicUrl?: string) {
  const login: PendingGsisLogin = { kind: 'gsis', idp: p.id, state: client.randomState(), codeVerifier: client.randomPKCECodeVerifier(), returnTo };
  const id = await deps.sessions.create(deps.orm.em.fork(), { login }, PENDING_LOGIN_MS);
  res.cookie(SESSION_COOKIE, id, pendingCookieOptions(req, false));
  const url = await p.client.authorizationUrl({ redirectUri: gsisCallbackUrl(req, p.id, publicUrl), state: login.state, codeVerifier: login.codeVerifier });
  res.redirect(url.href);
}

/** `/auth/gsis/:idp/callback`: one try per pending sign-in; any refusal is audited and shown as a Greek page. */
export function gsisRoutes(deps: SignInDeps, providers: IdentityProviders, publicUrl?: string): Router {
  const router = Router();
  router.get('/:idp/callback', async (req, res) => {
    const p = providers.byId(String(req.params.idp));
    if (p?.kind !== 'gsis') return void res.status(404).type('html').send(signInProblemPage('Άγνωστος πάροχος ταυτότητας.', '../../choose'));
    const row = req.sessionId ? await deps.sessions.load(deps.orm.em.fork(), req.sessionId) : null;
    const login = row?.data.login;
    if (!req.sessionId || login?.kind !== 'gsis' || login.idp !== p.id) {
      await refuseSignIn(deps, res, p.id, 'no_pending_login', 'Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Δοκιμάστε ξανά.', retryFor(p.id));
      return;
    }
    await deps.sessions.destroy(deps.orm.em.fork(), req.sessionId);
    const current = new URL(gsisCallbackUrl(req, p.id, publicUrl));
    current.search = new URL(req.originalUrl, ownOrigin(req)).search;
    let identity: StaffIdentity;
    try {
      const info = await p.client.signIn(current, login);
      const sub = p.config.subject === 'taxid' ? info.taxid : info.userid;
      if (!sub) throw new GsisRefusal(`no_${p.config.subject}`);
      identity = { sub, name: gsisFullName(info) ?? sub, email: null };
    } catch (err) {
      if (!(err instanceof GsisRefusal)) throw err;
      await refuseSignIn(deps, res, p.id, err.reason, err.reason.endsWith('timeout') ? SLOW : REFUSED, retryFor(p.id));
      return;
    }
    await finishBrowserSignIn(deps, req, res, { idp: p.id, identity }, login.returnTo, retryFor(p.id));
  });
  return router;
}
