import * as client from 'openid-client';

/** How the plugin reaches one OpenID provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Tolerated clock difference for ID-token times (exp, iat, nbf, auth_time), in seconds. */
  clockToleranceSeconds?: number;
  /** Only for a provider on http://localhost (the demo); production providers are https. */
  allowInsecureHttp?: boolean;
}

/**
 * Discovery is done once and shared (it is a stateful, expensive object); a failed discovery is
 * forgotten so the next sign-in tries again instead of failing forever. openid-client checks that
 * the discovered issuer is the configured one, and every ID token's iss, aud, exp, iat and nonce.
 */
export function createOidcClient(settings: OidcSettings): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | null = null;
  return () => {
    pending ??= client
      .discovery(
        new URL(settings.issuer),
        settings.clientId,
        { client_secret: settings.clientSecret, [client.clockTolerance]: settings.clockToleranceSeconds ?? 30 },
        undefined,
        { execute: settings.allowInsecureHttp ? [client.allowInsecureRequests] : [] },
      )
      .catch((err: unknown) => {
        pending = null;
        throw err;
      });
    return pending;
  };
}

/** Plain http is accepted only for a provider on this machine (the demo, tests); anything else must be https. */
export function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
