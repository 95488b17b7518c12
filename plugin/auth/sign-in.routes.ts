import { Router, type Request } from 'express';
import * as client from 'openid-client';
import { AppError } from '../http/app-error.js';
import { escapeHtml } from '../domain/escape-html.js';
import type { SignInDeps } from './complete-sign-in.js';
import { originAllowed, ownOrigin } from './csrf.middleware.js';
import type { IdentityProviders } from './identity-providers.js';
import { gsisRoutes, startGsisLogin } from './gsis-sign-in.js';
import { finishOidcLogin, startOidcLogin } from './oidc-sign-in.js';
import { samlRoutes, startSamlLogin } from './saml.routes.js';
import { signInProblemPage } from './sign-in-problem-page.js';
import { auditStaff } from './staff-audit.js';
import { clearSessionCookie } from './staff-session.middleware.js';

/** What the `/auth` routes need. */
export interface AuthRoutesDeps extends SignInDeps {
  providers: IdentityProviders;
  allowedOrigins: readonly string[];
  /** The absolute URL where the plugin is mounted, when a proxy hides it from the request. */
  publicUrl?: string;
}

/**
 * `/auth/login[?idp=]`, `/auth/choose`, `/auth/callback` (OIDC), `/auth/saml/:idp/…`,
 * `/auth/gsis/:idp/callback` (GSIS OAuth 2.0) and `/auth/logout`. Without `idp`, `/auth/login` uses the first configured provider.
 */
export function signInRoutes(deps: AuthRoutesDeps): Router {
  const router = Router();
  const { providers } = deps;

  router.get('/login', async (req, res) => {
    const wanted = typeof req.query.idp === 'string' ? req.query.idp : providers.list[0]?.id;
    const p = wanted ? providers.byId(wanted) : undefined;
    if (!p) return void res.status(404).type('html').send(signInProblemPage('Άγνωστος πάροχος ταυτότητας.', 'choose'));
    const returnTo = safeReturnTo(req);
    if (p.kind === 'oidc') await startOidcLogin(deps, p, req, res, returnTo, deps.publicUrl);
    else if (p.kind === 'gsis') await startGsisLogin(deps, p, req, res, returnTo, deps.publicUrl);
    else await startSamlLogin(deps, p, req, res, returnTo);
  });

  router.get('/choose', (req, res) => {
    const returnTo = encodeURIComponent(safeReturnTo(req));
    const items = providers.list
      .map((p) => `<li><a href="login?idp=${encodeURIComponent(p.id)}&amp;returnTo=${returnTo}">${escapeHtml(p.label)}</a> <small>(${KIND_LABELS[p.kind]})</small></li>`)
      .join('\n');
    res.type('html').send(`<!doctype html><html lang="el"><meta charset="utf-8"><title>Σύνδεση προσωπικού ΚΕΠ</title>
<main style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto"><h1>Σύνδεση προσωπικού ΚΕΠ</h1>
<p>Επιλέξτε τον πάροχο ταυτότητας της υπηρεσίας σας.</p><ul>${items}</ul></main></html>`);
  });

  router.get('/callback', async (req, res) => {
    const pendingId = req.sessionId;
    const row = pendingId ? await deps.sessions.load(deps.orm.em.fork(), pendingId) : null;
    const login = row?.data.login;
    const p = login?.kind === 'oidc' ? providers.byId(login.idp) : undefined;
    if (!pendingId || login?.kind !== 'oidc' || p?.kind !== 'oidc') {
      res.status(400).type('html').send(signInProblemPage('Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Δοκιμάστε ξανά.'));
      return;
    }
    await deps.sessions.destroy(deps.orm.em.fork(), pendingId);
    await finishOidcLogin(deps, p, login, req, res, deps.publicUrl);
  });

  router.use('/saml', samlRoutes(deps, providers));
  router.use('/gsis', gsisRoutes(deps, providers, deps.publicUrl));

  router.post('/logout', async (req, res) => {
    // A cross-site form must not sign anyone out (logout CSRF): only our pages and the allowed ones.
    if (!originAllowed(req, deps.allowedOrigins) || req.get('sec-fetch-site') === 'cross-site') {
      throw new AppError(403, 'bad-origin', 'Το αίτημα προέρχεται από μη επιτρεπόμενη σελίδα.');
    }
    const user = req.staff;
    const em = deps.orm.em.fork();
    if (req.sessionId) await deps.sessions.destroy(em, req.sessionId);
    if (user) {
      auditStaff(em, 'staff.sign_out', user.sub, { idp: user.idp ?? null });
      await em.flush();
    }
    clearSessionCookie(req, res);
    const back = `${ownOrigin(req)}/`;
    const idp = user ? (user.idp ?? providers.list[0]?.id) : undefined;
    const p = idp ? providers.byId(idp) : undefined;
    let next = back;
    if (p?.kind === 'oidc') {
      const config = await p.configuration().catch(() => null);
      if (config?.serverMetadata().end_session_endpoint) {
        next = client.buildEndSessionUrl(config, { post_logout_redirect_uri: back, ...(user?.idToken ? { id_token_hint: user.idToken } : {}) }).href;
      }
    } else if (p?.kind === 'gsis') {
      // GSIS ends its own session and sends the browser back to `url`.
      next = p.client.logoutUrl(back);
    } else if (p?.kind === 'saml' && p.config.logoutUrl && user?.saml) {
      const ref = user.saml;
      next = await p.saml
        .getLogoutUrlAsync({ issuer: p.config.idpIssuer, nameID: ref.nameId, nameIDFormat: ref.nameIdFormat, sessionIndex: ref.sessionIndex, nameQualifier: ref.nameQualifier, spNameQualifier: ref.spNameQualifier }, '', {})
        .catch(() => back);
    }
    res.redirect(303, next);
  });

  return router;
}

const KIND_LABELS = { oidc: 'OpenID Connect', saml: 'SAML 2.0', gsis: 'ΓΓΠΣ OAuth 2.0' } as const;

/** Only a page of our own origin: anything else would make sign-in an open redirect. */
function safeReturnTo(req: Request): string {
  const raw = typeof req.query.returnTo === 'string' ? req.query.returnTo : '/';
  try {
    const url = new URL(raw, ownOrigin(req));
    return url.origin === ownOrigin(req) ? `${url.pathname}${url.search}${url.hash}` : '/';
  } catch {
    return '/';
  }
}
