import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { registerOpenApiPaths, registerStoreSetting } from '../http/openapi.js';
import { assertAdministrator, assertReader, storeIdOf } from '../http/store-access.js';
import { LocationBody, readLocation, setLocation } from './store-location.js';

/** `/stores/:storeId/location`: read by every staff member of the KEP, set by its store administrator (audited as store.location). */
export function locationRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json(await readLocation(orm, storeId));
  });
  router.put('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    res.json(await setLocation(orm, user, storeId, LocationBody.parse(req.body ?? {})));
  });
  return router;
}

registerOpenApiPaths((registry, problem) =>
  registerStoreSetting(registry, problem, {
    path: '/api/v1/stores/{storeId}/location',
    schema: LocationBody,
    read: 'Where the KEP is (WGS 84 latitude and longitude, prefecture; nulls when unknown; any staff member of the KEP): the public booking’s nearest KEPs',
    write: 'Set where the KEP is (store administrator; audited as store.location); latitude and longitude both or neither',
  }),
);
