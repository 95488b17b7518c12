import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { Clock } from '../domain/clock.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';
import type { LiveEvents } from '../live/live-events.js';
// Adds the device and arrival paths to the OpenAPI document.
import './arrivals.openapi.js';
import { arrivalQueries } from './arrival.queries.js';
import { ArrivalBody, ArrivalWindowBody, IssueDeviceBody } from './arrivals.schema.js';
import { arrivalCaller, type FailedKeyLimit } from './device-auth.js';
import { issueDevice, revokeDevice, setArrivalWindow, toDeviceView } from './devices.js';
import { recordArrival } from './record-arrival.js';

/**
 * `/stores/:storeId/arrivals`: a citizen checks in by booking reference, at a ticket machine or
 * kiosk of the KEP (its device key) or at the counter (a staff session of the KEP). The caller is
 * known before the body is read, so another KEP answers 404 whatever was sent. `/window`: how early
 * and how late the KEP takes them.
 */
export function arrivalRoutes(orm: MikroORM, now: Clock, live: LiveEvents, limit: FailedKeyLimit): Router {
  const router = Router({ mergeParams: true });
  router.post('/', async (req, res) => {
    const storeId = storeIdOf(req);
    const actor = await arrivalCaller(orm, req, res, storeId, { now, limit });
    const { reference } = ArrivalBody.parse(req.body ?? {});
    const ticket = await recordArrival(orm, actor, storeId, reference, now);
    // After its commit; the same reference again tells the screens again, which costs them one reload.
    live.publish({ kind: 'arrived', storeId, queueId: ticket.queue.id, appointmentId: ticket.appointmentId, number: ticket.number, queueName: ticket.queue.name, at: now().toISOString() });
    res.json(ticket);
  });

  // The window: read by every staff member of the KEP, set by its store administrator.
  router.get('/window', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json(await arrivalQueries.window(orm.em.fork(), storeId));
  });

  router.put('/window', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const window = ArrivalWindowBody.parse(req.body ?? {});
    res.json(await setArrivalWindow(orm, user, storeId, window));
  });
  return router;
}

/**
 * `/stores/:storeId/devices`: the KEP's ticket machines and kiosks and their keys, for its store
 * administrator only (an operator gets 403, another KEP 404). A key is shown once, when issued.
 */
export function deviceRoutes(orm: MikroORM, now: Clock): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const devices = await arrivalQueries.devices(orm.em.fork(), storeId);
    res.json({ storeId, items: devices.map(toDeviceView) });
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const device = IssueDeviceBody.parse(req.body ?? {});
    const issued = await issueDevice(orm, user, storeId, device, now);
    res.status(201).location(`${req.baseUrl}/${issued.id}`).set('cache-control', 'no-store').json(issued);
  });

  router.delete('/:deviceId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const deviceId = pathId(req.params.deviceId);
    assertAdministrator(user, storeId);
    await revokeDevice(orm, user, storeId, deviceId, now);
    res.status(204).end();
  });

  return router;
}
