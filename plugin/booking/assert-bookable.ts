import type { EntityManager } from '@mikro-orm/core';
import type { Queue } from '../db/queue.entity.js';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { freeSlots, isBookable, NOT_BOOKABLE_MESSAGES, type NotBookableReason } from '../domain/availability.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { addDays, localDateOf, localDay } from '../domain/local-day.js';
import { AppError } from '../http/app-error.js';
import { toQueueState } from '../queues/queue-view.js';

const CODES: Record<NotBookableReason, string> = {
  inactive: 'queue-inactive',
  past: 'in-the-past',
  holiday: 'holiday',
  closed: 'closed',
  'no-hours': 'outside-hours',
  'outside-hours': 'outside-hours',
  taken: 'slot-taken',
};

/**
 * Refuses, with 409 and the queue's next free slots, a booking that the queue's schedule does not
 * allow: an inactive queue, a past day, a public holiday or closure, a time outside the hours.
 * `queue.store` must be loaded. Overlaps are left to the database's exclusion constraint.
 */
export async function assertBookable(em: EntityManager, queue: Queue, startsAt: Date, endsAt: Date, now = new Date()): Promise<void> {
  const verdict = await bookableVerdict(em, queue, startsAt, endsAt, now);
  if (verdict.ok) return;
  const message = NOT_BOOKABLE_MESSAGES[verdict.reason];
  const from = new Date(Math.max(startsAt.getTime(), now.getTime()));
  const nextFreeSlots = verdict.reason === 'inactive' ? [] : await suggestFreeSlots(em, queue, from, now);
  throw new AppError(409, CODES[verdict.reason], message, { errors: [{ path: 'startsAt', message }], nextFreeSlots });
}

/** Whether the queue's schedule allows the time (overlaps aside), and if not why; `queue.store` must be loaded. */
export async function bookableVerdict(em: EntityManager, queue: Queue, startsAt: Date, endsAt: Date, now = new Date()) {
  const zone = queue.store.timeZone;
  const date = localDateOf(startsAt.getTime(), zone);
  const exceptions = await queueQueries.exceptions(em, queue.store.id, [queue.store.id], { from: date, to: date });
  return isBookable({
    queue: toQueueState(queue),
    start: startsAt,
    end: endsAt,
    exceptions: exceptions.map(toExceptionRule),
    holidays: greekHolidayDates(date, date),
    now,
    zone,
  });
}

/**
 * The first `count` free slot starts (ISO) of a queue at or after `from`, within two weeks, after
 * holidays, exceptions and what staff cannot book (appointments, citizens' live holds): what to
 * offer a person whose time was refused.
 */
export async function suggestFreeSlots(em: EntityManager, queue: Queue, from: Date, now = new Date(), count = 3): Promise<string[]> {
  const zone = queue.store.timeZone;
  const first = localDateOf(from.getTime(), zone);
  const last = addDays(first, 13);
  const storeId = queue.store.id;
  const range = { start: from, end: new Date(localDay(addDays(last, 1), zone).at(0)) };
  const [exceptions, taken] = await Promise.all([
    queueQueries.exceptions(em, storeId, [storeId], { from: first, to: last }),
    queueQueries.taken(em, storeId, [storeId], range),
  ]);
  const days = freeSlots({
    queues: [toQueueState(queue)],
    exceptions: exceptions.map(toExceptionRule),
    holidays: greekHolidayDates(first, last),
    taken,
    now: new Date(Math.max(from.getTime(), now.getTime())),
    from: first,
    to: last,
    zone,
  });
  return days.flatMap((d) => d.slots.map((s) => s.start)).slice(0, count);
}
