import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { assertReader, storeIdOf } from '../http/store-access.js';
import type { LiveEvents } from './live-events.js';
// Adds the stream's path to the OpenAPI document.
import './live.openapi.js';
import { sendEvents } from './sse.js';

/**
 * `/stores/:storeId/events`: every live event of the KEP, as a server-sent event stream, for a staff
 * session of someone who reads that KEP (operators, its administrator, a supervisor); another KEP
 * answers 404 as everywhere, no session 401, before anything is streamed.
 */
export function liveRoutes(live: LiveEvents): Router {
  const router = Router({ mergeParams: true });
  router.get('/', (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    sendEvents(req, res, { storeId, live });
  });
  return router;
}
