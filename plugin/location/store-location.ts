import { LockMode, type MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { Store } from '../db/store.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { notFound } from '../http/app-error.js';
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
export type Location = z.output<typeof LocationBody>;

/** Sets where the KEP is, under the store row's lock, audited as store.location. */
export function setLocation(orm: MikroORM, user: StaffUser, storeId: string, location: Location): Promise<Location> {
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

/** Where the KEP is (nulls when unknown). */
export async function readLocation(orm: MikroORM, storeId: string): Promise<Location> {
  const store = await orm.em.fork().findOne(Store, { id: storeId });
  if (!store) throw notFound('Το ΚΕΠ δεν βρέθηκε.');
  return locationOf(store);
}

function locationOf(s: Pick<Store, 'latitude' | 'longitude' | 'prefecture'>): Location {
  // A double may come back as a string from some drivers.
  const toNumber = (v: string | number | null | undefined) => (v === null || v === undefined ? null : Number(v));
  return { latitude: toNumber(s.latitude), longitude: toNumber(s.longitude), prefecture: s.prefecture ?? null };
}
