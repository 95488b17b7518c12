import * as client from 'openid-client';
import { GsisRefusal, parseGsisUserInfo, type GsisUserInfo } from './gsis-userinfo.js';
import { isLoopbackHttp } from './oidc-client.js';

/** The GSIS OAuth 2.0 services (ΓΓΠΣ): public administration (staff) and TaxisNet (citizens), production and test. */
export const GSIS_BASE_URLS = {
  staff: { production: 'https://oauth2.gsis.gr/oauth2servergov/', test: 'https://test.gsis.gr/oauth2servergov/' },
  citizen: { production: 'https://oauth2.gsis.gr/oauth2server/', test: 'https://test.gsis.gr/oauth2server/' },
} as const;

/** How the plugin reaches one GSIS OAuth 2.0 service. */
export interface GsisSettings {
  /** Ends with `/`: `oauth/authorize`, `oauth/token`, `userinfo` and `logout/{clientId}/` are under it. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** `read`, as public clients send; empty: no scope parameter. */
  scope: string;
  /** For the token and the userinfo calls, each. */
  timeoutMs: number;
  /** Send PKCE (S256) too. GSIS does not document it; the state is what binds the answer to the browser. */
  pkce: boolean;
}

/** One GSIS service: the authorization URL, the code exchange with userinfo, and the logout URL. */
export interface GsisClient {
  authorizationUrl(input: { redirectUri: string; state: string; codeVerifier: string }): Promise<URL>;
  /** Checks the state, exchanges the code (client_secret_post) and reads userinfo; throws {@link GsisRefusal}. */
  signIn(currentUrl: URL, expected: { state: string; codeVerifier: string }): Promise<GsisUserInfo>;
  logoutUrl(returnUrl: string): string;
}

/**
 * GSIS is plain OAuth 2.0, not OpenID Connect: no discovery document, no ID token, userinfo in XML.
 * openid-client fits with metadata built by hand: it checks the state, sends the token request as
 * a form with client_id and client_secret (client_secret_post), refuses a token answer without an
 * access token, and does not ask for an ID token. Userinfo is not OIDC userinfo (XML, no `sub`), so
 * it is read with fetch and our parser.
 */
export function createGsisClient(settings: GsisSettings): GsisClient {
  const base = settings.baseUrl.endsWith('/') ? settings.baseUrl : `${settings.baseUrl}/`;
  const server: client.ServerMetadata = {
    issuer: base,
    authorization_endpoint: new URL('oauth/authorize', base).href,
    token_endpoint: new URL('oauth/token', base).href,
  };
  const config = new client.Configuration(server, settings.clientId, { client_secret: settings.clientSecret }, client.ClientSecretPost(settings.clientSecret));
  config.timeout = settings.timeoutMs / 1000;
  if (isLoopbackHttp(base)) client.allowInsecureRequests(config);
  const userinfoUrl = new URL('userinfo?format=xml', base);

  return {
    async authorizationUrl({ redirectUri, state, codeVerifier }) {
      const params: Record<string, string> = { redirect_uri: redirectUri, response_type: 'code', state };
      if (settings.scope) params.scope = settings.scope;
      if (settings.pkce) {
        params.code_challenge = await client.calculatePKCECodeChallenge(codeVerifier);
        params.code_challenge_method = 'S256';
      }
      return client.buildAuthorizationUrl(config, params);
    },

    async signIn(currentUrl, expected) {
      const tokens = await client
        .authorizationCodeGrant(config, currentUrl, { expectedState: expected.state, ...(settings.pkce ? { pkceCodeVerifier: expected.codeVerifier } : {}), idTokenExpected: false })
        .catch((err: unknown) => {
          throw new GsisRefusal(tokenReason(err));
        });
      let response: Response;
      try {
        response = await fetch(userinfoUrl, {
          headers: { Authorization: `Bearer ${tokens.access_token}`, Accept: 'application/xml, text/xml' },
          signal: AbortSignal.timeout(settings.timeoutMs),
          redirect: 'error',
        });
      } catch (err) {
        throw new GsisRefusal(isTimeout(err) ? 'userinfo_timeout' : 'userinfo_unreachable');
      }
      const body = await response.text().catch(() => '');
      if (!response.ok) throw new GsisRefusal(response.status === 401 || response.status === 403 ? 'access_token_refused' : 'userinfo_error');
      return parseGsisUserInfo(body);
    },

    logoutUrl(returnUrl) {
      const url = new URL(`logout/${encodeURIComponent(settings.clientId)}/`, base);
      url.searchParams.set('url', returnUrl);
      return url.href;
    },
  };
}

function isTimeout(err: unknown): boolean {
  for (let e: unknown = err; e instanceof Error; e = e.cause) if (e.name === 'TimeoutError' || e.name === 'AbortError') return true;
  return false;
}

/** A short reason from openid-client's error (the check that failed is in the message or `cause`). */
function tokenReason(err: unknown): string {
  if (isTimeout(err)) return 'token_timeout';
  if (err instanceof client.ResponseBodyError) return `token_${err.error}`.slice(0, 60);
  if (err instanceof client.AuthorizationResponseError) return `authorization_${err.error}`.slice(0, 60);
  const text = err instanceof Error ? `${err.message} ${err.cause instanceof Error ? err.cause.message : ''}` : '';
  if (/"state"/.test(text)) return 'state';
  if (/"code"/.test(text)) return 'no_code';
  return 'token_endpoint';
}
