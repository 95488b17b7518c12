/**
 * Demo OpenID Connect identity provider for Rantevou, built on the real
 * `oidc-provider` (panva). `npm start` embeds it so the staff sign-in works
 * without a real IdP, and tests use it for genuine end-to-end OIDC flows.
 *
 * Not for production: keys, cookie secrets and all state live in memory and
 * are regenerated on every start; "login" is choosing an account from a list.
 *
 * @example
 * const idp = createDemoIdp({ issuer: 'http://localhost:3000/demo-idp', clients, accounts: loadDemoAccounts() });
 * app.use('/demo-idp', idp.handler);
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';

import type { NextFunction, Request, Response } from 'express';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

import { createInteractionRouter } from './interactions.js';
import { createMemoryAdapterFactory } from './memory-adapter.js';
import { errorPage, logoutPage, logoutSuccessPage } from './page.js';

/** A selectable demo staff account. */
export interface DemoAccount {
  /** Stable subject identifier, e.g. `demo-operator-a`. */
  sub: string;
  /** Full display name (the `name` claim). */
  name: string;
  /** The `email` claim; use example domains only. */
  email: string;
  /** The `given_name` and `family_name` claims, when the account has them (the demo citizens, as TaxisNet gives them). */
  givenName?: string;
  familyName?: string;
  /** Shown under the name on the picker, e.g. "Χειριστής ΚΕΠ Δήμου Αθηναίων". */
  description: string;
}

/** A confidential relying party registered statically with the demo IdP. */
export interface DemoIdpClient {
  client_id: string;
  client_secret: string;
  redirect_uris: string[];
  post_logout_redirect_uris?: string[];
}

/** Options for {@link createDemoIdp}. */
export interface DemoIdpOptions {
  /**
   * Issuer identifier, e.g. `http://localhost:3000/demo-idp`. Its pathname
   * must be where {@link DemoIdp.handler} is mounted in the Express app.
   */
  issuer: string;
  clients: DemoIdpClient[];
  accounts: DemoAccount[];
}

/** What {@link createDemoIdp} returns. */
export interface DemoIdp {
  /** Express middleware; mount it at the issuer's path: `app.use('/demo-idp', idp.handler)`. */
  handler: (req: Request, res: Response, next?: NextFunction) => void;
  /** The underlying oidc-provider instance (for events or advanced tests). */
  provider: Provider;
}

/** Lifetimes in seconds. Set explicitly so oidc-provider does not warn about defaults. */
const TTL = {
  AccessToken: 60 * 60,
  AuthorizationCode: 60,
  IdToken: 60 * 60,
  Interaction: 30 * 60,
  Session: 8 * 60 * 60, // one working day at the ΚΕΠ counter
  Grant: 8 * 60 * 60,
};

/**
 * Creates the demo IdP: authorization code flow with mandatory PKCE (S256),
 * scopes `openid profile email`, client_secret_basic/_post client
 * authentication, RS256 ID tokens, and RP-initiated logout.
 */
export function createDemoIdp(options: DemoIdpOptions): DemoIdp {
  const issuerUrl = new URL(options.issuer);
  // oidc-provider's default interaction URL is host-absolute (`/interaction/:uid`)
  // and ignores the mount path, so we prefix it with the issuer's path ourselves.
  const basePath = issuerUrl.pathname.replace(/\/+$/, '');
  const accounts = new Map(options.accounts.map((a) => [a.sub, a]));

  const configuration: Configuration = {
    adapter: createMemoryAdapterFactory(),
    clients: options.clients.map((c) => ({
      client_id: c.client_id,
      client_secret: c.client_secret,
      redirect_uris: c.redirect_uris,
      post_logout_redirect_uris: c.post_logout_redirect_uris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      // oidc-provider 9 accepts client_secret_post too for a client registered as _basic.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    // 'openid' only: drops the default offline_access (no refresh tokens in the
    // demo); profile and email are added from the `claims` map below.
    scopes: ['openid'],
    claims: { openid: ['sub'], profile: ['name', 'given_name', 'family_name'], email: ['email', 'email_verified'] },
    // By default (true) oidc-provider keeps scope-derived claims out of the ID
    // token when an access token is also issued (userinfo-only). Rantevou reads
    // name/email straight from the ID token, so put them there.
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.type = 'html';
          ctx.body = logoutPage(form, ctx.host);
        },
        postLogoutSuccessSource(ctx: KoaContextWithOIDC) {
          ctx.type = 'html';
          ctx.body = logoutSuccessPage(ctx.oidc.client?.clientName);
        },
      },
    },
    async findAccount(_ctx, sub) {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return {
        accountId: account.sub,
        claims: () => ({
          sub: account.sub,
          name: account.name,
          ...(account.givenName ? { given_name: account.givenName } : {}),
          ...(account.familyName ? { family_name: account.familyName } : {}),
          email: account.email,
          email_verified: true,
        }),
      };
    },
    interactions: { url: (_ctx, interaction) => `${basePath}/interaction/${interaction.uid}` },
    jwks: { keys: [generateSigningJwk()] },
    loadExistingGrant: autoGrantFirstParty,
    pkce: { required: () => true },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = errorPage('Σφάλμα του παρόχου ταυτότητας', out);
    },
    responseTypes: ['code'],
    ttl: TTL,
  };

  const provider = new Provider(options.issuer, configuration);
  // No `provider.proxy = true`: the demo is reached directly over plain http.
  // Behind a TLS-terminating proxy with an https issuer it would be required.

  const router = createInteractionRouter(provider, options.accounts, basePath);
  const callback = provider.callback();

  const handler = (req: Request, res: Response, next?: NextFunction): void => {
    router(req, res, (err?: unknown) => {
      // 'router'/'route' are Express control signals, not errors.
      if (err && err !== 'router' && err !== 'route') {
        if (next) next(err);
        else {
          res.statusCode = 500;
          res.end();
        }
        return;
      }
      // Everything that is not an interaction route is the provider's (discovery,
      // /auth, /token, /jwks, /me, /session/end...). oidc-provider derives its
      // mount path from req.originalUrl vs req.url, which Express sets up for us.
      void callback(req, res);
    });
  };

  return { handler, provider };
}

/**
 * `loadExistingGrant` hook: all demo clients are first-party, so instead of a
 * consent screen we grant whatever OpenID scopes/claims the request asks for
 * (oidc-provider has already filtered them to the supported ones). This is
 * the pattern oidc-provider documents for skipping consent.
 */
async function autoGrantFirstParty(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const accountId = oidc.session?.accountId;
  const clientId = oidc.client?.clientId;
  if (!accountId || !clientId) return undefined;

  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  let grant = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  // A remembered grant of another account (same browser, different login)
  // must not be reused: oidc-provider would reject it as an accountId mismatch.
  if (grant && (grant.accountId !== accountId || grant.clientId !== clientId)) grant = undefined;
  grant ??= new oidc.provider.Grant({ accountId, clientId });

  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  const claims = [...oidc.requestParamClaims];
  if (claims.length) grant.addOIDCClaims(claims);
  await grant.save();
  return grant;
}

/**
 * Generates a fresh RS256 signing key as a private JWK. Passing our own
 * `jwks` avoids oidc-provider's shared, publicly known development keys
 * (and the warning it prints when falling back to them).
 */
function generateSigningJwk(): Record<string, unknown> {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), use: 'sig', alg: 'RS256' };
}

/**
 * Reads the demo staff accounts from `examples/demo-staff.json`
 * (resolved relative to this module, so the working directory does not matter).
 */
export function loadDemoAccounts(): DemoAccount[] {
  const raw: unknown = JSON.parse(readFileSync(new URL('../demo-staff.json', import.meta.url), 'utf8'));
  if (!Array.isArray(raw)) throw new TypeError('demo-staff.json must contain an array of accounts');
  return raw.map((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    for (const field of ['sub', 'name', 'email', 'description'] as const) {
      if (typeof e[field] !== 'string' || e[field] === '') {
        throw new TypeError(`demo-staff.json[${i}].${field} must be a non-empty string`);
      }
    }
    return { sub: e['sub'], name: e['name'], email: e['email'], description: e['description'] } as DemoAccount;
  });
}
