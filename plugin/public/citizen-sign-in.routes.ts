import { Router, type Request } from 'express';
import * as client from 'openid-client';
import { CitizenLogin } from '../db/citizen-login.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { createOidcClient } from '../auth/oidc-client.js';
import { finishCitizenSignIn } from './citizen-signed-in.js';
import { citizenGsisCallbackUrl, citizenGsisClient, finishCitizenGsisLogin, GSIS_LOGIN_MARK, newGsisLogin } from './citizen-gsis-sign-in.js';
import { POPUP_SCRIPT, sendPopupPage } from './citizen-popup-page.js';
import type { PublicDeps } from './public-settings.js';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { baseUrlOf, ownOrigin } from './public-urls.js';

const LOGIN_COOKIE = 'rantevou_citizen_login';
/** A pending sign-in lives as long as its cookie, in real time (never the plugin's clock: the browser keeps the cookie). */
const PENDING_LOGIN_MS = 10 * 60_000;

/**
 * `/public/auth/login?origin=[&idp=oidc|gsis]`, `/public/auth/callback` (OIDC), `/public/auth/gsis/callback`
 * (GSIS OAuth 2.0, TaxisNet), `/public/auth/popup.js`: the citizen signs in
 * in a popup of our origin (authorization code flow with PKCE, state and nonce), and the popup posts a
 * bearer token to the page that opened it, at that page's allowed origin only. The one cookie is
 * first-party to the popup (our origin at top level), so browsers that block third-party cookies
 * do not break it.
 */
export function citizenSignInRoutes(deps: PublicDeps): Router {
  const router = Router();
  const settings = deps.citizenOidc;
  const oidc = settings ? createOidcClient({ ...settings, allowInsecureHttp: isLoopbackHttp(settings.issuer) }) : null;
  const gsis = citizenGsisClient(deps);
  // Without `idp`: GSIS when it is preferred or the only one; else OIDC.
  const defaultIdp = gsis && (deps.citizenGsis?.preferred || !oidc) ? 'gsis' : 'oidc';
  const loginCookie = (req: Request) => ({ httpOnly: true, sameSite: 'lax' as const, secure: req.secure, path: req.baseUrl });

  router.get('/popup.js', (_req, res) => {
    res.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }).type('application/javascript').send(POPUP_SCRIPT);
  });

  router.get('/login', async (req, res) => {
    const origin = allowedOrigin(req, deps.publicOrigins);
    if (!origin) {
      sendPopupPage(res, 400, 'Η σελίδα από την οποία ξεκίνησε η σύνδεση δεν επιτρέπεται. Κλείστε το παράθυρο.', null, null);
      return;
    }
    const idp = req.query.idp === 'gsis' || req.query.idp === 'oidc' ? req.query.idp : defaultIdp;
    if (idp === 'gsis' && gsis) {
      const id = newSecret();
      const login = newGsisLogin();
      const em = deps.orm.em.fork();
      em.create(CitizenLogin, { idHash: hashSecret(id), ...login, origin, expiresAt: new Date(Date.now() + PENDING_LOGIN_MS) });
      await em.flush();
      res.cookie(LOGIN_COOKIE, id, { ...loginCookie(req), maxAge: PENDING_LOGIN_MS });
      res.redirect((await gsis.authorizationUrl({ redirectUri: citizenGsisCallbackUrl(req, deps.publicUrl), ...login })).href);
      return;
    }
    if (!oidc || idp !== 'oidc') {
      const detail = 'Η σύνδεση πολιτών δεν είναι διαθέσιμη σε αυτή την εγκατάσταση.';
      sendPopupPage(res, 503, detail, { type: 'rantevou:citizen-error', detail }, origin);
      return;
    }
    const config = await oidc();
    const id = newSecret();
    const login = { codeVerifier: client.randomPKCECodeVerifier(), state: client.randomState(), nonce: client.randomNonce() };
    const em = deps.orm.em.fork();
    em.create(CitizenLogin, { idHash: hashSecret(id), ...login, origin, expiresAt: new Date(Date.now() + PENDING_LOGIN_MS) });
    await em.flush();
    res.cookie(LOGIN_COOKIE, id, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: req.baseUrl, maxAge: PENDING_LOGIN_MS });
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: callbackUrl(req, deps.publicUrl),
      scope: 'openid profile email',
      code_challenge: await client.calculatePKCECodeChallenge(login.codeVerifier),
      code_challenge_method: 'S256',
      state: login.state,
      nonce: login.nonce,
    });
    res.redirect(url.href);
  });

  router.get('/callback', async (req, res) => {
    const cookie = req.cookies?.[LOGIN_COOKIE];
    const em = deps.orm.em.fork();
    const login = typeof cookie === 'string' && cookie ? await em.findOne(CitizenLogin, { idHash: hashSecret(cookie), expiresAt: { $gt: new Date() } }) : null;
    res.clearCookie(LOGIN_COOKIE, { httpOnly: true, sameSite: 'lax', secure: req.secure, path: req.baseUrl });
    if (!login || !oidc || login.nonce === GSIS_LOGIN_MARK) {
      sendPopupPage(res, 400, 'Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Κλείστε το παράθυρο και δοκιμάστε ξανά.', null, null);
      return;
    }
    em.remove(login);
    await em.flush();
    const config = await oidc();
    const current = new URL(callbackUrl(req, deps.publicUrl));
    current.search = new URL(req.originalUrl, ownOrigin(req)).search;
    const tokens = await client
      .authorizationCodeGrant(config, current, { pkceCodeVerifier: login.codeVerifier, expectedState: login.state, expectedNonce: login.nonce, idTokenExpected: true })
      .catch(() => null);
    const claims = tokens?.claims();
    if (!claims) {
      const detail = 'Ο πάροχος ταυτότητας δεν επιβεβαίωσε τη σύνδεση. Δοκιμάστε ξανά.';
      sendPopupPage(res, 400, detail, { type: 'rantevou:citizen-error', detail }, login.origin);
      return;
    }
    const citizen = {
      sub: claims.sub,
      name: nameOf(claims),
      email: typeof claims.email === 'string' ? claims.email : null,
      givenName: claimText(claims.given_name),
      familyName: claimText(claims.family_name),
    };
    await finishCitizenSignIn(deps, em, res, citizen, login.origin, 'oidc');
  });

  router.get('/gsis/callback', async (req, res) => {
    const cookie = req.cookies?.[LOGIN_COOKIE];
    const em = deps.orm.em.fork();
    const login = typeof cookie === 'string' && cookie ? await em.findOne(CitizenLogin, { idHash: hashSecret(cookie), expiresAt: { $gt: new Date() } }) : null;
    res.clearCookie(LOGIN_COOKIE, loginCookie(req));
    if (!login || !gsis || login.nonce !== GSIS_LOGIN_MARK) {
      recordAudit(em, { actor: 'citizen:unknown', action: 'citizen.sign_in_failed', entityType: 'citizen', entityId: 'unknown', after: { idp: 'gsis', reason: 'no_pending_login' } });
      await em.flush();
      sendPopupPage(res, 400, 'Η σύνδεση έληξε ή ξεκίνησε σε άλλο παράθυρο. Κλείστε το παράθυρο και δοκιμάστε ξανά.', null, null);
      return;
    }
    // One try per pending sign-in, whatever the outcome.
    em.remove(login);
    await em.flush();
    const current = new URL(citizenGsisCallbackUrl(req, deps.publicUrl));
    current.search = new URL(req.originalUrl, ownOrigin(req)).search;
    await finishCitizenGsisLogin(deps, gsis, login, res, current);
  });

  return router;
}

/** The page origin the token may go to: one of the configured ones, or our own. */
function allowedOrigin(req: Request, publicOrigins: readonly string[]): string | null {
  const raw = typeof req.query.origin === 'string' ? req.query.origin : '';
  let origin: string;
  try {
    origin = new URL(raw).origin;
  } catch {
    return null;
  }
  return origin !== 'null' && origin === raw.replace(/\/$/, '') && (publicOrigins.includes(origin) || origin === ownOrigin(req)) ? origin : null;
}

function callbackUrl(req: Request, publicUrl?: string): string {
  return `${baseUrlOf(req, publicUrl)}/api/v1/public/auth/callback`;
}

function nameOf(claims: client.IDToken): string {
  if (typeof claims.name === 'string' && claims.name) return claims.name.slice(0, 200);
  const parts = [claims.given_name, claims.family_name].filter((p): p is string => typeof p === 'string' && p !== '');
  return (parts.join(' ') || claims.sub).slice(0, 200);
}

/** A name claim as text (trimmed, at most 200 characters), or null when the provider gave none. */
function claimText(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, 200) : null;
}

/** Plain http is accepted only for a provider on this machine (the demo, tests). */
function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
