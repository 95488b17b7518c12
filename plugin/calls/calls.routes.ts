import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request, type Response } from 'express';
import { deviceCaller, type FailedKeyLimit } from '../arrivals/device-auth.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { Clock } from '../domain/clock.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';
import type { LiveEvents } from '../live/live-events.js';
import { sendEvents } from '../live/sse.js';
import { liveQueueSettings, setLiveQueueSettings } from './call-alert-setting.js';
import { callCitizen } from './call-citizen.js';
// Adds the live queue, call and display paths to the OpenAPI document.
import './calls.openapi.js';
import { CallBody, DisplayCallsQuery, LiveQueueSettings } from './calls.schema.js';
import { displayCalls, forDisplay } from './display.js';
import { liveQueue } from './live-queue.js';

/**
 * `/stores/:storeId/live-queue`: the operator's screen (any staff member who reads the KEP: names
 * are shown, as on the appointments' screen), and `/settings`, the call alert minutes, set by the
 * KEP's store administrator.
 */
export function liveQueueRoutes(orm: MikroORM, now: Clock): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json(await liveQueue(orm.em.fork(), user, storeId, now));
  });
  router.get('/settings', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json(await liveQueueSettings(orm, storeId));
  });
  router.put('/settings', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const settings = LiveQueueSettings.parse(req.body ?? {});
    res.json(await setLiveQueueSettings(orm, user, storeId, settings));
  });
  return router;
}

/** `/stores/:storeId/queues/:queueId/calls`: «Κλήση», the next citizen of the queue or one called again. */
export function callRoutes(orm: MikroORM, now: Clock, live: LiveEvents): Router {
  const router = Router({ mergeParams: true });
  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const queueId = pathId((req.params as Record<string, unknown>).queueId);
    assertReader(user, storeId);
    const { appointmentId } = CallBody.parse(req.body ?? {});
    res.json(await callCitizen(orm, user, storeId, queueId, appointmentId, { now, live }));
  });
  return router;
}

/**
 * `/stores/:storeId/display`: the waiting-room call display, by a device key of kind 'display'
 * (`Authorization: Bearer`): its stream of calls and the day's latest calls. The key reads nothing
 * else (every other route wants a staff session, and the arrivals route a kiosk's key); a kiosk's
 * key is refused here (403), another KEP's 404, a revoked one 401. Without a key, a staff session
 * of the KEP sees the same (a preview of the screen: numbers and queues only).
 */
export function displayRoutes(orm: MikroORM, now: Clock, live: LiveEvents, limit: FailedKeyLimit): Router {
  const router = Router({ mergeParams: true });
  const displayCaller = async (req: Request, res: Response, storeId: string) => {
    if (req.get('authorization') === undefined) return assertReader(requireStaff(req), storeId);
    await deviceCaller(orm, req, res, storeId, 'display', { now, limit });
  };
  router.get('/events', async (req, res) => {
    const storeId = storeIdOf(req);
    await displayCaller(req, res, storeId);
    sendEvents(req, res, { storeId, live, filter: forDisplay });
  });
  router.get('/calls', async (req, res) => {
    const storeId = storeIdOf(req);
    await displayCaller(req, res, storeId);
    const { limit: count } = DisplayCallsQuery.parse(req.query);
    res.set('cache-control', 'no-store').json(await displayCalls(orm, storeId, count, now));
  });
  return router;
}
