import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { freeSlots } from '../domain/availability.js';
import { exceptionDates } from '../domain/day-schedule.js';
import { greekHolidayDates, greekPublicHolidays } from '../domain/greek-holidays.js';
import { addDays, localDay } from '../domain/local-day.js';
import { ATHENS, todayIn } from '../domain/local-time.js';
import type { Clock } from '../domain/clock.js';
import { AppError, notFound } from '../http/app-error.js';
import { toQueueState } from '../queues/queue-view.js';
import { AvailabilityQuery, HolidaysQuery, MAX_AVAILABILITY_DAYS } from '../schemas/schedule.schema.js';
import { assertReader, storeIdOf } from '../http/store-access.js';

/**
 * The rules staff book by: any free slot from now on (a citizen on the phone may come in an hour),
 * with no horizon, exactly as booking itself accepts any later day. Public booking will bring its
 * own, stricter, notice and horizon; the engine takes both.
 */
export const STAFF_BOOKING_RULES: { minNoticeMinutes: number; horizonDays?: number } = { minNoticeMinutes: 0 };

/**
 * `GET /stores/:storeId/availability?from=&to=&queueId=&mode=`: the free slots of the KEP's active
 * queues per local day (default: today and the next 6 days; at most 62 days).
 */
export function availabilityRoutes(orm: MikroORM, clock: Clock): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const q = AvailabilityQuery.parse(req.query);
    const callerStores = user.grants.map((g) => g.storeId);
    const now = clock();
    const today = todayIn(ATHENS, now);
    const from = q.from ?? (q.to && q.to < today ? q.to : today);
    const to = q.to ?? addDays(from, 6);
    if (to < from || addDays(from, MAX_AVAILABILITY_DAYS) <= to) {
      const message = `Η «έως» πρέπει να είναι από την «από» έως ${MAX_AVAILABILITY_DAYS} ημέρες μετά.`;
      throw new AppError(400, 'validation', message, { errors: [{ path: 'to', message }] });
    }
    const range = (zone: string) => ({ start: new Date(localDay(from, zone).at(0)), end: new Date(localDay(addDays(to, 1), zone).at(0)) });
    // The three reads run at once; the taken times are read for Athens, as every KEP is there, and
    // read again only for a KEP that carries another zone.
    const [allQueues, exceptions, takenInAthens] = await Promise.all([
      queueQueries.list(orm.em, storeId, callerStores),
      queueQueries.exceptions(orm.em, storeId, callerStores, { from, to }),
      queueQueries.taken(orm.em, storeId, callerStores, range(ATHENS), { now }),
    ]);
    // Every KEP has its default queue; the KEP itself comes with it, saving a query per request.
    const store = allQueues[0]?.store ?? (await queueQueries.store(orm.em, storeId, callerStores));
    if (!store) throw notFound();
    if (q.queueId && !allQueues.some((x) => x.id === q.queueId)) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
    const queues = allQueues.filter((x) => x.active && (!q.queueId || x.id === q.queueId) && (!q.mode || x.mode === q.mode));
    const zone = store.timeZone;
    const taken = zone === ATHENS ? takenInAthens : await queueQueries.taken(orm.em, storeId, callerStores, range(zone), { now });
    const days = freeSlots({
      queues: queues.map(toQueueState),
      exceptions: exceptions.map(toExceptionRule),
      holidays: greekHolidayDates(from, to),
      taken,
      now,
      from,
      to,
      zone,
      ...STAFF_BOOKING_RULES,
    });
    res.set('Cache-Control', 'no-store').json({ storeId, from, to, days });
  });
  return router;
}

/**
 * `GET /stores/:storeId/holidays?year=`: the national public holidays of the year (every KEP is
 * closed) and the KEP's own yearly holidays (yearly closures of the whole KEP), by date.
 */
export function holidayRoutes(orm: MikroORM, clock: Clock): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const year = HolidaysQuery.parse(req.query).year ?? Number(todayIn(ATHENS, clock()).slice(0, 4));
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const exceptions = await queueQueries.exceptions(orm.em, storeId, user.grants.map((g) => g.storeId), { from, to });
    const national = greekPublicHolidays(year).map((h) => ({ ...h, kind: 'national' as const, exceptionId: null }));
    const local = exceptions
      .filter((e) => e.recursYearly && !e.queue && !e.hours)
      .flatMap((e) =>
        exceptionDates(toExceptionRule(e), from, to).map((date) => ({ date, nameEl: e.reason, nameEn: e.reason, moving: false, kind: 'local' as const, exceptionId: e.id })),
      );
    const items = [...national, ...local].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    res.json({ storeId, year, items });
  });
  return router;
}
