import express, { Router } from 'express';
import { unknownRoute } from '../http/error-handler.js';
import { refuseNonJsonBodies } from '../http/json-bodies.middleware.js';
import { bookingRoutes } from './booking.routes.js';
import { catalogRoutes } from './catalog.routes.js';
import { citizenAppointmentRoutes } from './citizen-appointments.routes.js';
import { loadCitizen } from './citizen-auth.js';
import { citizenSignInRoutes } from './citizen-sign-in.routes.js';
import { publicPriorityRoutes } from '../priority/priority-rebooking.js';
import { publicWaitlistRoutes } from '../waitlist/waitlist.routes.js';
import { registerPublicOpenApi } from './public-openapi.js';
import { publicCors } from './public-cors.js';
import { publicRateLimits } from './public-rate-limits.js';
import type { PublicDeps } from './public-settings.js';
import { startPublicSweeper } from './public-sweeper.js';
import { videoRoomRoutes } from '../video-room/video-room.routes.js';
import { nearbyRoutes } from './nearby.routes.js';
import { createUnmetDemand } from './unmet-demand.js';

/** The running public API: its router, to mount at `/api/v1/public`, and its housekeeping. */
export interface PublicApi {
  router: Router;
  /** Runs the housekeeping once now (tests, shutdown). */
  sweep(): Promise<void>;
  close(): Promise<void>;
}

/**
 * `/api/v1/public`: what citizens and businesses use from gov.gr pages — the KEPs, procedures and
 * free slots; sign-in in a popup; hold, book, see, cancel and move their own appointments. Nothing
 * of staff is reachable here, no cookie is read for authorisation, CORS answers only the configured
 * origins, and every request counts against a per-IP limit.
 */
export function publicRoutes(deps: PublicDeps): PublicApi {
  registerPublicOpenApi();
  const router = Router();
  const limits = publicRateLimits(deps.rules, deps.rateLimits);
  router.use(publicCors(deps.publicOrigins));
  router.use(limits.all, limits.writes);
  router.use(refuseNonJsonBodies());
  router.use(express.json({ limit: '16kb', strict: true, type: ['application/json', '+json'] }));
  router.use(loadCitizen(deps.orm));
  router.use('/auth', citizenSignInRoutes(deps));
  const unmet = createUnmetDemand(deps);
  router.use(catalogRoutes(deps, unmet));
  router.use(nearbyRoutes(deps, unmet));
  router.use(publicPriorityRoutes(deps.orm, deps.now));
  router.use(bookingRoutes(deps, unmet));
  if (deps.waitlist) router.use('/waitlist', publicWaitlistRoutes(deps, deps.waitlist));
  router.use(citizenAppointmentRoutes(deps));
  router.use(videoRoomRoutes({ orm: deps.orm, now: deps.now, live: deps.live, publicUrl: deps.publicUrl, rebook: deps.rebook }));
  router.use(unknownRoute);
  const sweeper = startPublicSweeper(deps.orm, deps.now, (err) => deps.log('public booking housekeeping failed; it runs again in a minute', err));
  return { router, sweep: sweeper.sweep, close: () => sweeper.stop() };
}
