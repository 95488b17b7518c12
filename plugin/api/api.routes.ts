import type { MikroORM } from '@mikro-orm/core';
import express, { Router } from 'express';
import type { Clock } from '../domain/clock.js';
import { requireCsrf } from '../auth/csrf.middleware.js';
import { appointmentByIdRoutes } from './appointment-by-id.routes.js';
import { arrivalRoutes, deviceRoutes } from '../arrivals/arrivals.routes.js';
import { failedKeyLimit } from '../arrivals/device-auth.js';
import type { RateLimitStores } from '../http/rate-limit-stores.js';
import { staffWaitlistRoutes } from '../waitlist/waitlist.routes.js';
import { appointmentRoutes } from './appointments.routes.js';
import { preferencesRoutes } from '../attendance/attendance-preferences.routes.js';
import { attendanceRoutes } from '../attendance/attendance.routes.js';
import { availabilityRoutes, holidayRoutes } from './availability.routes.js';
import type { StaffWriteSettings } from './book-appointment.js';
import { callRoutes, displayRoutes, liveQueueRoutes } from '../calls/calls.routes.js';
import { catalogueEditorsFrom } from '../catalogue/catalogue-editors.js';
import { catalogueRoutes } from '../catalogue/catalogue.routes.js';
import { daySheetRoutes } from './day-sheet.routes.js';
import { unknownRoute } from '../http/error-handler.js';
import { exceptionRoutes } from '../queues/exceptions.routes.js';
import { meRoutes } from './me.routes.js';
import { openApiDocument } from '../http/openapi.js';
import { outboxRoutes } from '../outbox/outbox.routes.js';
import { politeNoticeRoutes } from '../attendance/polite-notice.routes.js';
import { priorityRoutes } from '../priority/priority.routes.js';
import { procedureRoutes } from '../catalogue/procedures.routes.js';
import { queueRoutes } from '../queues/queues.routes.js';
import { reportRoutes } from '../reports/reports.routes.js';
import { locationRoutes } from '../location/location.routes.js';
import type { AvailabilityChanges } from '../booking/availability-changes.js';
import type { LiveEvents } from '../live/live-events.js';
import { videoRoomSettingsRoutes } from '../video-room/video-room-settings.routes.js';
import { liveRoutes } from '../live/live.routes.js';
import { webhookRoutes, type WebhookRouteDeps } from '../webhooks/webhooks.routes.js';

/** What the JSON API needs. */
export interface ApiDeps {
  orm: MikroORM;
  allowedOrigins: readonly string[];
  /** Called after a change commits, e.g. to relay its email at once. */
  afterChange: () => void;
  /** Told of every schedule change after it commits: the public availability cache. */
  availability: AvailabilityChanges;
  /** The plugin's clock (`createRantevou({ clock })`): every rule's "now"; never the staff session's. */
  now: Clock;
  /** Who may edit the procedures catalogue (SSO subjects or emails); default: nobody. */
  catalogueEditors?: readonly string[];
  /** The video link template and the public cool-down that staff bookings, moves and cancellations use. */
  staffWrites: StaffWriteSettings;
  /** Every KEP screen's instant updates (issue 16): publish after a change commits. */
  live: LiveEvents;
  /** Where the device keys' failed attempts count (shared with the public limits' Redis). */
  rateLimits: RateLimitStores;
  /** Signed webhooks (issue 17): the URL rule, the secrets' key, the relay to nudge. */
  webhooks: Omit<WebhookRouteDeps, 'orm'>;
}

/** `/api/v1`: JSON in, JSON or problem+json out. */
export function apiRoutes(deps: ApiDeps): Router {
  const api = Router();
  api.use(express.json({ limit: '32kb', strict: true, type: ['application/json', '+json'] }));
  api.use(requireCsrf(deps.allowedOrigins));
  api.get('/openapi.json', (_req, res) => void res.json(openApiDocument()));
  const { now } = deps;
  // One count of a client's failed device keys, whichever device route they try.
  const deviceKeys = failedKeyLimit(deps.rateLimits);
  const editors = catalogueEditorsFrom(deps.catalogueEditors ?? []);
  api.use('/me', meRoutes(deps.orm, editors));
  api.use('/me/preferences', preferencesRoutes(deps.orm));
  api.use('/stores/:storeId/appointments', appointmentRoutes(deps.orm, deps.afterChange, deps.staffWrites, now));
  api.use('/stores/:storeId/day-sheet', daySheetRoutes(deps.orm));
  api.use('/appointments', appointmentByIdRoutes(deps.orm, deps.afterChange, deps.staffWrites, now, deps.live));
  api.use('/stores/:storeId/queues/:queueId/calls', callRoutes(deps.orm, now, deps.live));
  api.use('/stores/:storeId/live-queue', liveQueueRoutes(deps.orm, now));
  api.use('/stores/:storeId/display', displayRoutes(deps.orm, now, deps.live, deviceKeys));
  api.use('/stores/:storeId/queues', queueRoutes(deps.orm, deps.afterChange, deps.availability));
  api.use('/stores/:storeId/exceptions', exceptionRoutes(deps.orm, deps.afterChange, deps.availability));
  api.use('/stores/:storeId/availability', availabilityRoutes(deps.orm, now));
  api.use('/stores/:storeId/holidays', holidayRoutes(deps.orm, now));
  api.use('/stores/:storeId/arrivals', arrivalRoutes(deps.orm, now, deps.live, deviceKeys));
  api.use('/stores/:storeId/events', liveRoutes(deps.live));
  api.use('/stores/:storeId/devices', deviceRoutes(deps.orm, now));
  api.use('/stores/:storeId/location', locationRoutes(deps.orm));
  api.use('/stores/:storeId/video-room', videoRoomSettingsRoutes(deps.orm));
  api.use('/stores/:storeId/waitlist', staffWaitlistRoutes(deps.orm));
  api.use('/stores/:storeId/outbox', outboxRoutes(deps.orm, deps.afterChange));
  api.use('/stores/:storeId/webhooks', webhookRoutes({ orm: deps.orm, ...deps.webhooks }, 'store'));
  api.use('/webhooks', webhookRoutes({ orm: deps.orm, ...deps.webhooks }, 'directorate'));
  api.use('/stores/:storeId/procedures', procedureRoutes(deps.orm));
  api.use('/procedures', catalogueRoutes(deps.orm, editors));
  api.use('/appointments', politeNoticeRoutes(deps.orm, deps.afterChange));
  api.use('/appointments', attendanceRoutes(deps.orm, now, deps.live));
  api.use('/reports', reportRoutes(deps.orm, now));
  api.use('/priority', priorityRoutes(deps.orm, now));
  api.use(unknownRoute);
  return api;
}
