import { expect } from 'chai';
import type { MikroORM } from '@mikro-orm/core';
import { Queue } from '../../plugin/db/queue.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { freeTimes } from '../../plugin/booking/free-times.js';
import { publicTimes } from '../../plugin/public/public-availability.js';
import type { PublicBookingRules } from '../../plugin/public/public-settings.js';

/** The public rules the waitlist tests run with (the defaults, the offer minutes theirs). */
export function waitlistRules(offerMinutes: number): PublicBookingRules {
  return {
    holdMinutes: 5, cooldownMinutes: 10, waitlistOfferMinutes: offerMinutes, minNoticeMinutes: 120, horizonDays: 60, maxFutureAppointmentsPerCitizen: 3,
    citizenTokenMinutes: 120, readsPerMinute: 600, writesPerMinute: 60,
  } as PublicBookingRules;
}

/** A raw statement on its own connection. */
export function sqlOn(orm: MikroORM) {
  return <T>(query: string, params: unknown[] = []) => orm.em.fork().getConnection().execute(query, params) as Promise<T[]>;
}

/**
 * Books every public in-person time of `date` in a KEP straight in the database (the day staff
 * filled by phone), so that citizens find nothing and join the waitlist; the appointments in time order.
 */
export async function fillDay(orm: MikroORM, storeId: string, date: string, now: Date): Promise<{ id: string; startsAt: string }[]> {
  const em = orm.em.fork();
  const store = await em.findOneOrFail(Store, storeId);
  const queues = await em.find(Queue, { store, public: true, active: true, mode: 'in_person' });
  const days = await freeTimes(em, publicTimes(store, queues, waitlistRules(30), now), date, date);
  const rows: { id: string; startsAt: string }[] = [];
  for (const s of days.flatMap((d) => d.slots)) {
    const [row] = await sqlOn(orm)<{ id: string }>(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by)
       values (?, ?, ?, ?, 'Ελένη', 'Ρήγα', 'in_person', 'booked', 'phone', 'test') returning id`,
      [store.id, s.queueId, s.start, s.end],
    );
    rows.push({ id: row!.id, startsAt: s.start });
  }
  expect(rows.length, 'public times on the full day').to.be.greaterThan(3);
  return rows;
}
