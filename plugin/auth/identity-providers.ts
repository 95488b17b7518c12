import type { MikroORM } from '@mikro-orm/core';
import type * as client from 'openid-client';
import { createGsisClient, type GsisClient } from './gsis-client.js';
import type { GsisProviderConfig, IdentityProviderConfig, OidcProviderConfig } from './identity-provider-options.js';
import { createOidcClient, isLoopbackHttp } from './oidc-client.js';
import { createSamlIdentityProvider, type SamlIdentityProvider } from './saml-provider.js';

/** An OpenID provider with its (lazily discovered, then shared) client configuration. */
export interface OidcIdentityProvider {
  kind: 'oidc';
  id: string;
  label: string;
  config: OidcProviderConfig;
  configuration: () => Promise<client.Configuration>;
}

/** A SAML identity provider with its one SAML object. */
export interface SamlRegisteredProvider extends SamlIdentityProvider {
  kind: 'saml';
  id: string;
  label: string;
}

/** A GSIS OAuth 2.0 service with its one client. */
export interface GsisRegisteredProvider {
  kind: 'gsis';
  id: string;
  label: string;
  config: GsisProviderConfig;
  client: GsisClient;
}

/** Any configured identity provider. */
export type RegisteredProvider = OidcIdentityProvider | SamlRegisteredProvider | GsisRegisteredProvider;

/** The configured identity providers; the first is the default of `/auth/login`. */
export interface IdentityProviders {
  list: readonly RegisteredProvider[];
  byId(id: string): RegisteredProvider | undefined;
}

/** Creates every provider's client once, at start: never one per request. */
export function createIdentityProviders(orm: MikroORM, configs: readonly IdentityProviderConfig[], publicUrl?: string): IdentityProviders {
  const list: RegisteredProvider[] = configs.map((c) => {
    if (c.kind === 'oidc') {
      const configuration = createOidcClient({ ...c, allowInsecureHttp: isLoopbackHttp(c.issuer) });
      return { kind: 'oidc', id: c.id, label: c.label ?? c.id, config: c, configuration };
    }
    if (c.kind === 'gsis') return { kind: 'gsis', id: c.id, label: c.label ?? c.id, config: c, client: createGsisClient(c) };
    if (!publicUrl) throw new Error('SAML needs publicUrl');
    return { ...createSamlIdentityProvider(orm, c, publicUrl), kind: 'saml', id: c.id, label: c.label ?? c.id };
  });
  const byId = new Map(list.map((p) => [p.id, p]));
  return { list, byId: (id) => byId.get(id) };
}

/** The legacy `oidc` option (provider id `oidc`) followed by `identityProviders`. */
export function providerConfigs(options: {
  oidc?: { issuer: string; clientId: string; clientSecret: string; demo: boolean; clockToleranceSeconds: number } | undefined;
  identityProviders: readonly IdentityProviderConfig[];
}): IdentityProviderConfig[] {
  const legacy: IdentityProviderConfig[] = options.oidc
    ? [{ ...options.oidc, id: 'oidc', kind: 'oidc', label: 'OpenID Connect', scope: 'openid profile email', roleClaims: ['kep_assignments', 'kep_directorate'] }]
    : [];
  return [...legacy, ...options.identityProviders];
}
