import type { Request, Response } from 'express';
import * as client from 'openid-client';
import type { ClaimValue, StaffIdentity } from './role-source.js';
import { finishBrowserSignIn, refuseSignIn, type SignInDeps } from './complete-sign-in.js';
import { ownOrigin } from './csrf.middleware.js';
import type { OidcIdentityProvider } from './identity-providers.js';
import type { PendingOidcLogin } from './session-data.js';
import { PENDING_LOGIN_MS, pendingCookieOptions, SESSION_COOKIE } from './staff-session.middleware.js';
import { signInProblemPage } from './sign-in-problem-page.js';

/** The OIDC redirect URI: one for every OIDC provider (the pending sign-in says which one it was). */
export function callbackUrl(req: Request, publicUrl?: string): string {
  // req.baseUrl is the auth router's mount point (…/auth), wherever the host mounted the plugin.
  return publicUrl ? `${publicUrl.replace(/\/$/, '')}/auth/callback` : `${ownOrigin(req)}${req.baseUrl}/callback`;
}

/** Sends the browser to the provider: code flow with PKCE (S256), state and nonce kept server-side. */
export async function startOidcLogin(deps: SignInDeps, p: OidcIdentityProvider, req: Request, res: Response, returnTo: string, publicUrl?: string) {
  const config = await p.configuration().catch(() => null);
  if (!config) {
    res.status(503).type('html').send(signInProblemPage('Ο πάροχος ταυτότητας δεν απαντά αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγα λεπτά.'));
    return;
  }
  const codeVerifier = client.randomPKCECodeVerifier();
  const login: PendingOidcLogin = { kind: 'oidc', idp: p.id, codeVerifier, state: client.randomState(), nonce: client.randomNonce(), returnTo };
  const id = await deps.sessions.create(deps.orm.em.fork(), { login }, PENDING_LOGIN_MS);
  res.cookie(SESSION_COOKIE, id, pendingCookieOptions(req, false));
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(req, publicUrl),
    scope: p.config.scope,
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state: login.state,
    nonce: login.nonce,
  });
  res.redirect(url.href);
}

/**
 * The callback: openid-client checks state, the `iss` response parameter, PKCE, and the ID token
 * (signature, iss, aud, azp, exp/iat with the clock tolerance, nonce). Any failure refuses.
 */
export async function finishOidcLogin(deps: SignInDeps, p: OidcIdentityProvider, login: PendingOidcLogin, req: Request, res: Response, publicUrl?: string) {
  const config = await p.configuration();
  const current = new URL(callbackUrl(req, publicUrl));
  current.search = new URL(req.originalUrl, ownOrigin(req)).search;
  let failure = 'invalid_response';
  const tokens = await client
    .authorizationCodeGrant(config, current, {
      pkceCodeVerifier: login.codeVerifier,
      expectedState: login.state,
      expectedNonce: login.nonce,
      idTokenExpected: true,
    })
    .catch((err: unknown) => {
      failure = oidcReason(err);
      return null;
    });
  const claims = tokens?.claims();
  if (!tokens || !claims) {
    await refuseSignIn(deps, res, p.id, failure, 'Ο πάροχος ταυτότητας δεν επιβεβαίωσε τη σύνδεση.');
    return;
  }
  const kept: Record<string, ClaimValue> = {};
  for (const name of p.config.roleClaims) if (claims[name] !== undefined) kept[name] = claims[name] as ClaimValue;
  const identity: StaffIdentity = {
    sub: claims.sub,
    name: typeof claims.name === 'string' ? claims.name : claims.sub,
    email: typeof claims.email === 'string' ? claims.email : null,
    claims: kept,
  };
  await finishBrowserSignIn(deps, req, res, { idp: p.id, identity, ...(tokens.id_token ? { idToken: tokens.id_token } : {}) }, login.returnTo);
}

/** A short reason for the audit trail; never the token or the error's details (openid-client puts the check that failed in `cause`). */
function oidcReason(err: unknown): string {
  const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
  if (/"state"/.test(cause)) return 'state';
  if (/"nonce"/.test(cause)) return 'nonce';
  if (/"iss"/.test(cause)) return 'issuer';
  if (/"(exp|iat|nbf|auth_time)"/.test(cause)) return 'expired';
  if (/"aud"|"azp"/.test(cause)) return 'audience';
  return 'invalid_response';
}
