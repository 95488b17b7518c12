import type { EntityManager } from '@mikro-orm/core';
import { Store } from '../db/store.entity.js';
import type { Clock } from '../domain/clock.js';
import { localDateOf, localDay } from '../domain/local-day.js';
import { localDayRange } from '../domain/local-time.js';

/** The KEP's local day at the clock's `now`: its date, instants `[from, to)`, and how to write a time. */
export interface KepDay {
  storeId: string;
  zone: string;
  date: string;
  from: Date;
  to: Date;
  now: Date;
  /** An instant as the KEP's local "HH:mm". */
  time(instant: Date): string;
}

/** Today of the KEP, by the plugin's clock in the KEP's time zone (the live queue is one day's). */
export async function kepDay(em: EntityManager, storeId: string, clock: Clock): Promise<KepDay> {
  const store = await em.findOneOrFail(Store, { id: storeId });
  const now = clock();
  const zone = store.timeZone;
  const date = localDateOf(now.getTime(), zone);
  const range = localDayRange(date, zone)!;
  return { storeId, zone, date, from: range.start, to: range.end, now, time: (instant) => localDay(localDateOf(instant.getTime(), zone), zone).label(instant.getTime()) };
}
