import { readFileSync } from 'node:fs';
import type { RequestHandler } from 'express';
import type { RantevouOptions } from '../plugin/index.js';
import { createDemoIdp, type DemoAccount } from './demo-idp/demo-idp.js';
import type { HostEnv } from './host-env.js';

const DEMO_CITIZEN_CLIENT = { client_id: 'rantevou-citizen-demo', client_secret: 'demo-citizen-secret-not-for-production' };

/** The demo citizens of `examples/demo-citizens.json` (TaxisNet-style accounts for the demo provider). */
export function loadDemoCitizens(): DemoAccount[] {
  return JSON.parse(readFileSync(new URL('./demo-citizens.json', import.meta.url), 'utf8')) as DemoAccount[];
}

/**
 * The host's public-booking settings from the environment: allowed origins, the citizen identity
 * provider (a second demo provider with demo citizens when none is configured and not in
 * production), the video link template and the public rules.
 */
export function publicBookingSetup(env: HostEnv, production: boolean, publicUrl: string) {
  const demo = !env.CITIZEN_OIDC_ISSUER && !production;
  const idp = demo
    ? createDemoIdp({
        issuer: `${publicUrl}/demo-citizen-idp`,
        clients: [{ ...DEMO_CITIZEN_CLIENT, redirect_uris: [`${publicUrl}/api/v1/public/auth/callback`] }],
        accounts: loadDemoCitizens(),
      })
    : null;
  const citizenOidc: RantevouOptions['citizenOidc'] = env.CITIZEN_OIDC_ISSUER
    ? { issuer: env.CITIZEN_OIDC_ISSUER, clientId: env.CITIZEN_OIDC_CLIENT_ID ?? '', clientSecret: env.CITIZEN_OIDC_CLIENT_SECRET ?? '' }
    : demo
      ? { issuer: `${publicUrl}/demo-citizen-idp`, clientId: DEMO_CITIZEN_CLIENT.client_id, clientSecret: DEMO_CITIZEN_CLIENT.client_secret, demo: true }
      : undefined;
  const rules = {
    ...(env.PUBLIC_READS_PER_MINUTE ? { readsPerMinute: env.PUBLIC_READS_PER_MINUTE } : {}),
    ...(env.PUBLIC_WRITES_PER_MINUTE ? { writesPerMinute: env.PUBLIC_WRITES_PER_MINUTE } : {}),
    ...(env.PUBLIC_MAX_FUTURE_PER_CITIZEN ? { maxFutureAppointmentsPerCitizen: env.PUBLIC_MAX_FUTURE_PER_CITIZEN } : {}),
    ...(env.MANAGE_URL ? { manageUrl: env.MANAGE_URL } : {}),
    ...(env.WAITLIST_OFFER_MINUTES ? { waitlistOfferMinutes: env.WAITLIST_OFFER_MINUTES } : {}),
    ...(env.UNMET_DEMAND_DAYS ? { unmetDemandDays: env.UNMET_DEMAND_DAYS } : {}),
    // Every process and instance on this Redis shares the per-IP counts.
    ...(env.REDIS_URL ? { rateLimitRedisUrl: env.REDIS_URL } : {}),
  };
  const options = {
    publicOrigins: env.PUBLIC_ORIGINS,
    citizenOidc,
    publicBooking: rules,
    ...(env.VIDEO_LINK_TEMPLATE ? { videoLinkTemplate: env.VIDEO_LINK_TEMPLATE } : {}),
  } satisfies Partial<RantevouOptions>;
  const mounts: [string, RequestHandler][] = idp ? [['/demo-citizen-idp', idp.handler]] : [];
  return { options, mounts, demoCitizens: idp ? loadDemoCitizens() : [] };
}
