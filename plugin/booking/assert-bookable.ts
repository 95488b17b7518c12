import type { EntityManager } from '@mikro-orm/core';
import type { ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import { isBookable, NOT_BOOKABLE_MESSAGES, type NotBookableReason } from '../domain/availability.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError } from '../http/app-error.js';
import type { QueueState } from '../queues/queue-view.js';
import { suggestTimes, type TimePolicy } from './free-times.js';

const CODES: Record<NotBookableReason, string> = {
  inactive: 'queue-inactive',
  past: 'in-the-past',
  holiday: 'holiday',
  closed: 'closed',
  'no-hours': 'outside-hours',
  'outside-hours': 'outside-hours',
  taken: 'slot-taken',
};

/** What the one schedule check looks at: the queue and exceptions as read under the queue's lock. */
export interface ScheduleCheck {
  queue: QueueState;
  startsAt: Date;
  endsAt: Date;
  exceptions: readonly ExceptionRule[];
  now: Date;
  zone: string;
}

/** THE schedule check (overlaps aside): whether the queue's schedule allows the time, and if not why. */
export function bookableVerdict(c: ScheduleCheck): { ok: true } | { ok: false; reason: NotBookableReason } {
  const date = localDateOf(c.startsAt.getTime(), c.zone);
  return isBookable({
    queue: c.queue,
    start: c.startsAt,
    end: c.endsAt,
    exceptions: c.exceptions,
    holidays: greekHolidayDates(date, date),
    now: c.now,
    zone: c.zone,
  });
}

/**
 * Refuses, with 409 and the next free times under `policy`, a time that the queue's schedule does
 * not allow: an inactive queue, a past day, a public holiday or closure, a time outside the hours.
 * Overlaps are left to the database's exclusion constraint. `em`: outside the refused transaction.
 */
export async function assertBookable(em: EntityManager, c: ScheduleCheck, policy: TimePolicy): Promise<void> {
  const verdict = bookableVerdict(c);
  if (verdict.ok) return;
  const message = NOT_BOOKABLE_MESSAGES[verdict.reason];
  const from = new Date(Math.max(c.startsAt.getTime(), c.now.getTime()));
  const nextFreeSlots = verdict.reason === 'inactive' ? [] : await suggestTimes(em, policy, from);
  throw new AppError(409, CODES[verdict.reason], message, { errors: [{ path: 'startsAt', message }], nextFreeSlots });
}
