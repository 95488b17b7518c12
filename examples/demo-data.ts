import type { MikroORM } from '@mikro-orm/core';
import { Queue } from '../plugin/db/queue.entity.js';
import { Store } from '../plugin/db/store.entity.js';
import { WEEKDAY_HOURS } from '../plugin/domain/weekly-hours.js';

const DEMO_STORES = [
  { code: 'KEP-ATH-0101', name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', municipality: 'Αθηναίων', address: 'Λιοσίων 22, 104 38 Αθήνα', contactEmail: 'kep.liosion@athens.example.gr' },
  { code: 'KEP-THE-0201', name: 'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς)', municipality: 'Θεσσαλονίκης', address: 'Εθνικής Αμύνης 9, 546 21 Θεσσαλονίκη', contactEmail: 'kep@thessaloniki.example.gr' },
  { code: 'KEP-HER-0301', name: 'ΚΕΠ Δήμου Ηρακλείου', municipality: 'Ηρακλείου', address: 'Αγίου Τίτου 1, 712 02 Ηράκλειο', contactEmail: 'kep@heraklion.example.gr' },
];

/** Creates the three demo KEPs with a default weekday queue each, once: a second run changes nothing. */
export async function seedDemoData(orm: MikroORM): Promise<void> {
  const em = orm.em.fork();
  if ((await em.count(Store)) > 0) return;
  for (const data of DEMO_STORES) {
    const store = em.create(Store, { ...data, timeZone: 'Europe/Athens' });
    em.create(Queue, { store, name: 'Κύρια ουρά', isDefault: true, mode: 'in_person', slotMinutes: 15, weeklyHours: WEEKDAY_HOURS, active: true, public: false });
  }
  await em.flush();
}
