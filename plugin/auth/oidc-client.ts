import * as client from 'openid-client';

/** How the plugin reaches one OpenID provider. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Only for a provider on http://localhost (the demo); production providers are https. */
  allowInsecureHttp?: boolean;
}

/**
 * Discovery is done once and shared (it is a stateful, expensive object); a failed discovery is
 * forgotten so the next sign-in tries again instead of failing forever.
 */
export function createOidcClient(settings: OidcSettings): () => Promise<client.Configuration> {
  let pending: Promise<client.Configuration> | null = null;
  return () => {
    pending ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        execute: settings.allowInsecureHttp ? [client.allowInsecureRequests] : [],
      })
      .catch((err: unknown) => {
        pending = null;
        throw err;
      });
    return pending;
  };
}
