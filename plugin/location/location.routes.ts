import { LockMode, type MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { Store } from '../db/store.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { notFound } from '../http/app-error.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { assertAdministrator, assertReader, storeIdOf } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';
import { text } from '../schemas/text.js';

const degrees = (name: string, max: number) =>
  z
    .number({ error: `Το ${name} είναι αριθμός (μοίρες WGS 84) ή null.` })
    .min(-max, `Το ${name} είναι από −${max} έως ${max} μοίρες.`)
    .max(max, `Το ${name} είναι από −${max} έως ${max} μοίρες.`)
    .nullable();

/**
 * `PUT /stores/:storeId/location`: where the KEP is, for the booking widget's «nearest KEPs with an
 * earlier time» (unmet demand): latitude and longitude in WGS 84 degrees (both or neither), and the
 * prefecture, which stands in for the distance when a KEP has no coordinates.
 */
export const LocationBody = z
  .object({
    latitude: degrees('γεωγραφικό πλάτος', 90),
    longitude: degrees('γεωγραφικό μήκος', 180),
    prefecture: text('name', { max: 100, tooLong: 'Ο νομός έχει έως 100 χαρακτήρες.' }).nullable().transform((v) => (v === '' ? null : v)),
  })
  .strict()
  .refine((v) => (v.latitude === null) === (v.longitude === null), { message: 'Συμπληρώστε και το πλάτος και το μήκος, ή κανένα από τα δύο.', path: ['longitude'] })
  .openapi('StoreLocation', { example: { latitude: 37.9886, longitude: 23.7244, prefecture: 'Κεντρικού Τομέα Αθηνών' } });
type Location = z.output<typeof LocationBody>;

/** `/stores/:storeId/location`: read by every staff member of the KEP, set by its store administrator (audited as store.location). */
export function locationRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    res.json(locationOf(await findStore(orm, storeId)));
  });
  router.put('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    res.json(await setLocation(orm, user, storeId, LocationBody.parse(req.body ?? {})));
  });
  return router;
}

function setLocation(orm: MikroORM, user: StaffUser, storeId: string, location: Location): Promise<Location> {
  return orm.em.transactional(async (em) => {
    const store = await em.findOne(Store, { id: storeId }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (!store) throw notFound('Το ΚΕΠ δεν βρέθηκε.');
    const before = locationOf(store);
    store.latitude = location.latitude;
    store.longitude = location.longitude;
    store.prefecture = location.prefecture;
    recordAudit(em, { actor: user.sub, action: 'store.location', entityType: 'store', entityId: storeId, storeId, before: { ...before }, after: { ...location } });
    return location;
  });
}

async function findStore(orm: MikroORM, storeId: string): Promise<Store> {
  const store = await orm.em.fork().findOne(Store, { id: storeId });
  if (!store) throw notFound('Το ΚΕΠ δεν βρέθηκε.');
  return store;
}

function locationOf(s: Pick<Store, 'latitude' | 'longitude' | 'prefecture'>): Location {
  // A double may come back as a string from some drivers.
  const toNumber = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { latitude: toNumber(s.latitude), longitude: toNumber(s.longitude), prefecture: s.prefecture ?? null };
}

registerOpenApiPaths((registry, problem) => {
  const StoreId = z.object({ storeId: z.uuid() });
  const json = { content: { 'application/json': { schema: LocationBody } } };
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/location',
    summary: 'Where the KEP is (WGS 84 latitude and longitude, prefecture; any staff member of the KEP): the public booking’s nearest KEPs',
    request: { params: StoreId },
    responses: { 200: { description: 'The location (nulls when unknown)', ...json }, 401: problem('Not signed in'), 404: problem('No such KEP, or not one of yours') },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/stores/{storeId}/location',
    summary: 'Set where the KEP is (store administrator; audited as store.location); latitude and longitude both or neither',
    request: { params: StoreId, body: json },
    responses: {
      200: { description: 'Saved', ...json },
      400: problem('Out of range, or only one of latitude and longitude (`errors` lists the fields)'),
      401: problem('Not signed in'),
      403: problem('Not the KEP’s store administrator, missing CSRF token or foreign Origin'),
      404: problem('No such KEP, or not one of yours'),
    },
  });
});
