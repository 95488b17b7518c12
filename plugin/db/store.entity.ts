import { defineEntity, p } from '@mikro-orm/core';

/** A Citizen Service Centre (ΚΕΠ). */
export const StoreSchema = defineEntity({
  name: 'Store',
  tableName: 'store',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    code: p.string().length(32).unique(),
    name: p.string().length(200),
    municipality: p.string().length(200),
    address: p.string().length(300),
    timeZone: p.string().length(64).default('Europe/Athens'),
    contactEmail: p.string().length(254).nullable(),
    /** The KEP's phone for citizens (shown in their emails). */
    phone: p.string().length(32).nullable(),
    /** Where the KEP is (WGS 84 degrees, both or neither): the booking widget's nearest KEPs. */
    latitude: p.double().nullable(),
    longitude: p.double().nullable(),
    /** Prefecture (regional unit): «nearest» when a KEP has no coordinates, after the same municipality. */
    prefecture: p.string().length(100).nullable(),
    /** Minutes after the later of a video appointment's start and the citizen's «Περιμένω» with no call before the alert (1–60). */
    videoAlertMinutes: p.smallint().default(5),
    createdAt: p.datetime().defaultRaw('now()'),
  },
});

export class Store extends StoreSchema.class {}
StoreSchema.setClass(Store);
