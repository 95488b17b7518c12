import type { MikroORM } from '@mikro-orm/core';
import { Queue } from '../plugin/db/queue.entity.js';
import { Store } from '../plugin/db/store.entity.js';
import { WEEKDAY_HOURS, type WeeklyHours } from '../plugin/domain/weekly-hours.js';
import { seedDemoProcedures } from './demo-procedures.js';

const DEMO_STORES = [
  { code: 'KEP-ATH-0101', name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', municipality: 'Αθηναίων', address: 'Λιοσίων 22, 104 38 Αθήνα', contactEmail: 'kep.liosion@athens.example.gr', phone: '+30 210 5200000', latitude: 37.9886, longitude: 23.7244, prefecture: 'Κεντρικού Τομέα Αθηνών' },
  { code: 'KEP-THE-0201', name: 'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς)', municipality: 'Θεσσαλονίκης', address: 'Εθνικής Αμύνης 9, 546 21 Θεσσαλονίκη', contactEmail: 'kep@thessaloniki.example.gr', phone: '+30 2310 400000', latitude: 40.6301, longitude: 22.9489, prefecture: 'Θεσσαλονίκης' },
  { code: 'KEP-HER-0301', name: 'ΚΕΠ Δήμου Ηρακλείου', municipality: 'Ηρακλείου', address: 'Αγίου Τίτου 1, 712 02 Ηράκλειο', contactEmail: 'kep@heraklion.example.gr', phone: '+30 2810 300000', latitude: 35.3393, longitude: 25.1347, prefecture: 'Ηρακλείου' },
];

/** The myKEPLive video queue of the first demo KEP: weekdays 09:00–14:00. */
const VIDEO_HOURS: WeeklyHours = { '1': [['09:00', '14:00']], '2': [['09:00', '14:00']], '3': [['09:00', '14:00']], '4': [['09:00', '14:00']], '5': [['09:00', '14:00']] };

/**
 * Creates the three demo KEPs, once: a second run changes nothing. Each has a public default weekday
 * queue; the first also a public video queue (myKEPLive). The procedures catalogue comes with them.
 */
export async function seedDemoData(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if ((await em.count(Store)) === 0) {
    DEMO_STORES.forEach((data, i) => {
      const store = em.create(Store, { ...data, timeZone: 'Europe/Athens' });
      em.create(Queue, { store, name: 'Κύρια ουρά', isDefault: true, mode: 'in_person', slotMinutes: 15, weeklyHours: WEEKDAY_HOURS, active: true, public: true });
      if (i === 0) em.create(Queue, { store, name: 'myKEPLive', isDefault: false, mode: 'video', slotMinutes: 20, weeklyHours: VIDEO_HOURS, active: true, public: true });
    });
    await em.flush();
  }
  // A demo database from before KEPs had a phone gets the demo phones (the emails show them).
  for (const { code, phone } of DEMO_STORES) await em.nativeUpdate(Store, { code, phone: null }, { phone });
  // And where its KEPs are, from before KEPs had coordinates (the addresses' places, to about 20 m).
  for (const { code, latitude, longitude, prefecture } of DEMO_STORES) await em.nativeUpdate(Store, { code, latitude: null }, { latitude, longitude, prefecture });
  await seedDemoProcedures(em);
}
