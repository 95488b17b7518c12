import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { assertAdministrator, assertReader, storeIdOf } from '../http/store-access.js';
import { VideoRoomSettingsBody } from './video-room.openapi.js';
import { setVideoAlertMinutes } from './video-room.js';
import { videoRoomQueries } from './video-room.queries.js';

/**
 * `/stores/:storeId/video-room`: the KEP's waiting-room settings, read by its staff and set by its
 * store administrator (an operator 403, another KEP 404, checked before the body is read).
 */
export function videoRoomSettingsRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json({ alertMinutes: await videoRoomQueries.alertMinutes(orm.em.fork(), storeId) });
  });
  router.put('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const { alertMinutes } = VideoRoomSettingsBody.parse(req.body ?? {});
    const saved = await setVideoAlertMinutes(orm, user, storeId, alertMinutes);
    res.json({ alertMinutes: saved });
  });
  return router;
}
