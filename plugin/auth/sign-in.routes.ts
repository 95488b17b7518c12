import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request } from 'express';
import * as client from 'openid-client';
import { recordAudit } from '../db/record-audit.js';
import { deriveGrants } from './derive-grants.js';
import { ownOrigin } from './csrf.middleware.js';
import { signInProblemPage } from './sign-in-problem-page.js';
import type { RoleSource } from './role-source.js';
import type { SessionStore } from './session-store.js';
import { DEFAULT_SESSION_LIMITS } from './session-store.js';
import { clearSessionCookie, SESSION_COOKIE, sessionCookieOptions } from './staff-session.middleware.js';

/** What the sign-in routes need. */
export interface SignInDeps {
  orm: MikroORM;
  sessions: SessionStore;
  roles: RoleSource;
  oidc: () => Promise<client.Configuration>;
  /** The absolute URL where the plugin is mounted, when a proxy hides it from the request. */
  publicUrl?: string;
}

const PENDING_LOGIN_MS = 10 * 60_000;

/** `/auth/login`, `/auth/callback`, `/auth/logout`: the OIDC authorization code flow with PKCE, state and nonce. */
export function signInRoutes(deps: SignInDeps): Router {
  const router = Router();
  const { orm, sessions } = deps;

  router.get('/login', async (req, res) => {
    const config = await deps.oidc();
    const codeVerifier = client.randomPKCECodeVerifier();
    const login = { codeVerifier, state: client.randomState(), nonce: client.randomNonce(), returnTo: safeReturnTo(req) };
    const id = await sessions.create(orm.em, { login }, PENDING_LOGIN_MS);
    res.cookie(SESSION_COOKIE, id, sessionCookieOptions(req, PENDING_LOGIN_MS));
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(req, deps.publicUrl),
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    res.redirect(url.href);
  });

  router.get('/callback', async (req, res) => {
    const pendingId = req.sessionId;
    const row = pendingId ? await sessions.load(orm.em, pendingId) : null;
    const login = row?.data.login;
    if (!pendingId || !login) {
      res.status(400).type('html').send(signInProblemPage('Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Δοκιμάστε ξανά.'));
      return;
    }
    const config = await deps.oidc();
    const current = new URL(callbackUrl(req, deps.publicUrl));
    current.search = new URL(req.originalUrl, ownOrigin(req)).search;
    const tokens = await client
      .authorizationCodeGrant(config, current, {
        pkceCodeVerifier: login.codeVerifier,
        expectedState: login.state,
        expectedNonce: login.nonce,
        idTokenExpected: true,
      })
      .catch(() => null);
    await sessions.destroy(orm.em, pendingId);
    const claims = tokens?.claims();
    if (!tokens || !claims) {
      await audit(orm, 'staff.sign_in_failed', 'unknown');
      res.status(400).type('html').send(signInProblemPage('Ο πάροχος ταυτότητας δεν επιβεβαίωσε τη σύνδεση.'));
      return;
    }
    const identity = {
      sub: claims.sub,
      name: typeof claims.name === 'string' ? claims.name : claims.sub,
      email: typeof claims.email === 'string' ? claims.email : null,
    };
    const grants = await deriveGrants(orm.em, deps.roles, identity);
    if (grants.length === 0) {
      await audit(orm, 'staff.sign_in_refused', identity.sub);
      res.status(403).type('html').send(signInProblemPage('Δεν έχετε ρόλο σε κανένα ΚΕΠ. Απευθυνθείτε στον προϊστάμενό σας.'));
      return;
    }
    // A new id at sign-in: a session id planted before sign-in is worthless after it.
    const user = { ...identity, grants, grantsAt: Date.now(), csrfToken: randomBytes(24).toString('base64url'), idToken: tokens.id_token };
    const id = await sessions.create(orm.em, { user }, DEFAULT_SESSION_LIMITS.idleMs);
    await audit(orm, 'staff.sign_in', identity.sub, { grants });
    await sessions.sweep(orm.em);
    res.cookie(SESSION_COOKIE, id, sessionCookieOptions(req, DEFAULT_SESSION_LIMITS.absoluteMs));
    res.redirect(login.returnTo);
  });

  router.post('/logout', async (req, res) => {
    const idToken = req.staff?.idToken;
    if (req.sessionId) await sessions.destroy(orm.em, req.sessionId);
    clearSessionCookie(req, res);
    const config = await deps.oidc().catch(() => null);
    const back = `${ownOrigin(req)}/`;
    const endSession = config?.serverMetadata().end_session_endpoint
      ? client.buildEndSessionUrl(config, { post_logout_redirect_uri: back, ...(idToken ? { id_token_hint: idToken } : {}) }).href
      : back;
    res.redirect(303, endSession);
  });

  return router;
}

function callbackUrl(req: Request, publicUrl?: string): string {
  // req.baseUrl is this router's mount point (…/auth), wherever the host mounted the plugin.
  return publicUrl ? `${publicUrl.replace(/\/$/, '')}/auth/callback` : `${ownOrigin(req)}${req.baseUrl}/callback`;
}

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

async function audit(orm: MikroORM, action: string, actor: string, after: Record<string, unknown> | null = null) {
  recordAudit(orm.em, { actor, action, entityType: 'staff', entityId: actor.slice(0, 64), after });
  await orm.em.flush();
}
