import { readFileSync } from 'node:fs';
import type express from 'express';
import {
  createClaimsRoleSource,
  createCounterAppRoleSource,
  createStaticFileRoleSource,
  type IdentityProviderInput,
  type RoleSource,
} from '../plugin/index.js';
import { createDemoCounter, loadExtraDemoAccounts } from './demo-counter/demo-counter.js';
import { loadDemoAccounts } from './demo-idp/demo-idp.js';
import { createDemoSamlIdp } from './demo-saml-idp/demo-saml-idp.js';
import { createDemoKeyAndCertificate } from './demo-saml-idp/self-signed-certificate.js';
import type { HostEnv } from './host-env.js';

/** The id of the demo SAML provider: `/auth/login?idp=saml-demo`. */
export const DEMO_SAML_ID = 'saml-demo';

/** What the reference host adds for SAML and roles: providers, the RoleSource, demo apps to mount. */
export interface SsoSetup {
  identityProviders: IdentityProviderInput[];
  roleSource: RoleSource;
  /** Demo apps to mount on the host (embedded default only): path → router. */
  mounts: [string, express.Router][];
  samlLoginUrl: string | null;
}

/**
 * SAML from `SAML_IDP_*`, roles from `COUNTER_APP_URL`, IdP claims (`ROLES_FROM_CLAIMS=1`) or
 * `ROLES_FILE`. The embedded default adds a demo SAML IdP and a counter-application stand-in, so
 * both sign-in paths and the HTTP RoleSource work with no environment at all.
 */
export function ssoSetup(env: HostEnv, production: boolean, publicUrl: string, defaultRolesFile: string): SsoSetup {
  const mounts: [string, express.Router][] = [];
  const identityProviders: IdentityProviderInput[] = [];
  if (env.SAML_IDP_ENTRY_POINT) {
    identityProviders.push({
      id: 'saml',
      kind: 'saml',
      label: env.SAML_LABEL,
      entryPoint: env.SAML_IDP_ENTRY_POINT,
      idpIssuer: env.SAML_IDP_ISSUER ?? '',
      idpCert: env.SAML_IDP_CERT_FILE ? readFileSync(env.SAML_IDP_CERT_FILE, 'utf8') : '',
      ...(env.SAML_IDP_LOGOUT_URL ? { logoutUrl: env.SAML_IDP_LOGOUT_URL } : {}),
      ...(env.SAML_SP_KEY_FILE ? { signingKey: readFileSync(env.SAML_SP_KEY_FILE, 'utf8'), decryptionKey: readFileSync(env.SAML_SP_KEY_FILE, 'utf8') } : {}),
      ...(env.SAML_SP_CERT_FILE ? { signingCert: readFileSync(env.SAML_SP_CERT_FILE, 'utf8'), decryptionCert: readFileSync(env.SAML_SP_CERT_FILE, 'utf8') } : {}),
      wantAssertionsEncrypted: env.SAML_WANT_ENCRYPTED_ASSERTIONS === '1',
      allowSha1: env.SAML_ALLOW_SHA1 === '1',
      attributes: { ...(env.SAML_ATTRIBUTE_SUB ? { sub: env.SAML_ATTRIBUTE_SUB } : {}), name: env.SAML_ATTRIBUTE_NAME, email: env.SAML_ATTRIBUTE_EMAIL },
    });
  } else if (!production) {
    const acsBase = `${publicUrl}/auth/saml/${DEMO_SAML_ID}`;
    // Our demo SP key: the demo IdP encrypts every assertion to its certificate, as our metadata asks.
    const sp = createDemoKeyAndCertificate('Rantevou SP (demo)');
    const idp = createDemoSamlIdp({
      baseUrl: `${publicUrl}/demo-saml-idp`,
      sp: { entityId: `${acsBase}/metadata`, acsUrl: `${acsBase}/acs`, sloUrl: `${acsBase}/slo`, encryptionCert: sp.certPem },
      accounts: [...loadDemoAccounts(), ...loadExtraDemoAccounts()],
    });
    mounts.push(['/demo-saml-idp', idp.router]);
    identityProviders.push({
      id: DEMO_SAML_ID,
      kind: 'saml',
      label: 'Δοκιμαστικός πάροχος SAML (demo)',
      entryPoint: idp.ssoUrl,
      idpIssuer: idp.entityId,
      idpCert: idp.certPem,
      logoutUrl: idp.sloUrl,
      decryptionKey: sp.privateKeyPem,
      decryptionCert: sp.certPem,
      wantAssertionsEncrypted: true,
      demo: true,
    });
  }

  let roleSource: RoleSource;
  if (env.COUNTER_APP_URL) {
    roleSource = createCounterAppRoleSource({
      url: env.COUNTER_APP_URL,
      ...(env.COUNTER_APP_TOKEN ? { credentials: { bearer: env.COUNTER_APP_TOKEN } } : {}),
      timeoutMs: env.COUNTER_APP_TIMEOUT_MS,
    });
  } else if (env.ROLES_FROM_CLAIMS === '1') {
    roleSource = createClaimsRoleSource();
  } else if (env.ROLES_FILE || production) {
    roleSource = createStaticFileRoleSource(env.ROLES_FILE ?? defaultRolesFile);
  } else {
    const counter = createDemoCounter();
    mounts.push(['/demo-counter', counter.router]);
    roleSource = createCounterAppRoleSource({ url: `${publicUrl}/demo-counter`, credentials: { bearer: counter.token } });
  }
  const samlId = identityProviders[0]?.id;
  return { identityProviders, roleSource, mounts, samlLoginUrl: samlId ? `${publicUrl}/auth/login?idp=${samlId}` : null };
}
