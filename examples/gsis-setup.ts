import express from 'express';
import type { IdentityProviderInput, RantevouOptions } from '../plugin/index.js';
import { GSIS_BASE_URLS } from '../plugin/auth/gsis-client.js';
import { createDemoGsis, loadDemoGsisPeople, type DemoGsis } from './demo-gsis/demo-gsis.js';
import type { HostEnv } from './host-env.js';

/** The id of the demo GSIS staff provider: `/auth/login?idp=gsis-demo`. */
export const DEMO_GSIS_ID = 'gsis-demo';
const STAFF_CLIENT = { clientId: 'rantevou-staff-demo', clientSecret: 'demo-gsis-staff-secret-not-for-production' };
const CITIZEN_CLIENT = { clientId: 'rantevou-citizen-demo', clientSecret: 'demo-gsis-citizen-secret-not-for-production' };

/**
 * GSIS OAuth 2.0 from `GSIS_STAFF_*` and `GSIS_CITIZEN_*` (bases from `GSIS_ENV` unless given). The
 * embedded default mounts a stand-in of both services at `/demo-gsis/oauth2servergov/` and
 * `/demo-gsis/oauth2server/`, a third staff sign-in and a citizen sign-in (`?idp=gsis`).
 */
export function gsisSetup(env: HostEnv, production: boolean, publicUrl: string) {
  const identityProviders: IdentityProviderInput[] = [];
  const mounts: [string, express.Router][] = [];
  let citizenGsis: RantevouOptions['citizenGsis'];
  const common = { timeoutMs: env.GSIS_TIMEOUT_MS, pkce: env.GSIS_PKCE === '1' };
  const demo: { staff: DemoGsis | null; citizen: DemoGsis | null } = { staff: null, citizen: null };
  const people = production ? null : loadDemoGsisPeople();

  if (env.GSIS_STAFF_CLIENT_ID) {
    identityProviders.push({
      id: 'gsis', kind: 'gsis', label: env.GSIS_STAFF_LABEL, ...common, subject: env.GSIS_STAFF_SUBJECT,
      baseUrl: env.GSIS_STAFF_BASE_URL ?? GSIS_BASE_URLS.staff[env.GSIS_ENV],
      clientId: env.GSIS_STAFF_CLIENT_ID, clientSecret: env.GSIS_STAFF_CLIENT_SECRET ?? '',
    });
  } else if (people) {
    demo.staff = createDemoGsis({
      baseUrl: `${publicUrl}/demo-gsis/oauth2servergov/`,
      title: 'Δοκιμαστική υπηρεσία ΓΓΠΣ — κωδικοί δημόσιας διοίκησης',
      clients: [{ ...STAFF_CLIENT, redirectUris: [`${publicUrl}/auth/gsis/${DEMO_GSIS_ID}/callback`], logoutUrls: [`${publicUrl}/`] }],
      people: people.staff,
    });
    mounts.push(['/demo-gsis/oauth2servergov', demo.staff.router]);
    identityProviders.push({ id: DEMO_GSIS_ID, kind: 'gsis', label: 'Δοκιμαστική υπηρεσία ΓΓΠΣ (demo)', ...common, baseUrl: demo.staff.baseUrl, ...STAFF_CLIENT, demo: true });
  }

  if (env.GSIS_CITIZEN_CLIENT_ID) {
    citizenGsis = {
      ...common, baseUrl: env.GSIS_CITIZEN_BASE_URL ?? GSIS_BASE_URLS.citizen[env.GSIS_ENV],
      clientId: env.GSIS_CITIZEN_CLIENT_ID, clientSecret: env.GSIS_CITIZEN_CLIENT_SECRET ?? '', preferred: env.CITIZEN_SIGN_IN !== 'oidc',
    };
  } else if (people) {
    demo.citizen = createDemoGsis({
      baseUrl: `${publicUrl}/demo-gsis/oauth2server/`,
      title: 'Δοκιμαστική υπηρεσία ΓΓΠΣ — TaxisNet',
      clients: [{ ...CITIZEN_CLIENT, redirectUris: [`${publicUrl}/api/v1/public/auth/gsis/callback`], logoutUrls: [publicUrl] }],
      people: people.citizens,
    });
    mounts.push(['/demo-gsis/oauth2server', demo.citizen.router]);
    // The demo OIDC citizen sign-in stays the popup's default unless CITIZEN_SIGN_IN=gsis.
    citizenGsis = { ...common, baseUrl: demo.citizen.baseUrl, ...CITIZEN_CLIENT, demo: true, preferred: env.CITIZEN_SIGN_IN === 'gsis' };
  }
  return { identityProviders, citizenGsis, mounts, demo };
}
