import type { EntityManager } from '@mikro-orm/core';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { freeSlots, type AvailabilityDay, type TakenInterval } from '../domain/availability.js';
import type { ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { addDays, localDateOf, localDay } from '../domain/local-day.js';
import { AppError } from '../http/app-error.js';
import type { QueueState } from '../queues/queue-view.js';

/**
 * Who is looking for a free time, as data: staff see every queue they name, with cool-downs and
 * lapsed holds as free; the public sees only the public queues it is given, after the minimum notice
 * and within the horizon, with cool-downs taken (unless it holds a priority token) and its own hold
 * free. Built by `staffTimes` (plugin/api) and `publicTimes` (plugin/public).
 */
export interface TimePolicy {
  store: { id: string; timeZone: string };
  queues: readonly QueueState[];
  /** The plugin's clock read once for the request. */
  now: Date;
  minNoticeMinutes?: number;
  horizonDays?: number;
  /** Times in a cancellation's cool-down count as free. */
  cooldownsFree: boolean;
  /** This citizen's own holds count as free (a new hold of theirs replaces them). */
  exceptHolder?: string;
}

/** The free times of the policy's queues on the local days [from, to], per day, with each slot's queue. */
export async function freeTimes(em: EntityManager, policy: TimePolicy, from: string, to: string): Promise<AvailabilityDay[]> {
  const zone = policy.store.timeZone;
  const storeId = policy.store.id;
  if (policy.queues.length === 0) return [];
  const range = { start: new Date(localDay(from, zone).at(0)), end: new Date(localDay(addDays(to, 1), zone).at(0)) };
  const [exceptions, taken] = await Promise.all([
    queueQueries.exceptions(em, storeId, [storeId], { from, to }),
    queueQueries.taken(em, storeId, [storeId], range, {
      queueIds: policy.queues.map((q) => q.id),
      exceptHolder: policy.exceptHolder,
      cooldownsFree: policy.cooldownsFree,
      now: policy.now,
    }),
  ]);
  return timesFrom(policy, from, to, exceptions.map(toExceptionRule), taken);
}

/** {@link freeTimes} from exceptions and taken intervals already read (a hold reads them with the rest). */
export function timesFrom(policy: TimePolicy, from: string, to: string, exceptions: readonly ExceptionRule[], taken: readonly TakenInterval[]): AvailabilityDay[] {
  return freeSlots({
    queues: [...policy.queues],
    exceptions: [...exceptions],
    holidays: greekHolidayDates(from, to),
    taken: [...taken],
    now: policy.now,
    from,
    to,
    zone: policy.store.timeZone,
    minNoticeMinutes: policy.minNoticeMinutes,
    horizonDays: policy.horizonDays,
  });
}

/**
 * THE suggestion function: the first `count` free starts (ISO) at or after `from`, within two weeks,
 * under the policy. Usually the same or the next days have room: it looks there first, and further
 * only when they do not.
 */
export async function suggestTimes(em: EntityManager, policy: TimePolicy, from: Date, count = 3): Promise<string[]> {
  const first = localDateOf(Math.max(from.getTime(), policy.now.getTime()), policy.store.timeZone);
  const after = from.toISOString();
  const found: string[] = [];
  for (const [a, b] of [[0, 2], [3, 13]] as const) {
    const days = await freeTimes(em, policy, addDays(first, a), addDays(first, b));
    for (const s of new Set(days.flatMap((d) => d.slots.map((x) => x.start)))) if (s >= after && found.length < count) found.push(s);
    if (found.length >= count) break;
  }
  return found;
}

/** The one text of every slot-taken 409, staff's and citizens' alike. */
export const SLOT_TAKEN_MESSAGE = 'Η ώρα αυτή δεν είναι πλέον διαθέσιμη: μόλις κλείστηκε ή επικαλύπτεται με άλλο ραντεβού. Επιλέξτε μία από τις επόμενες ελεύθερες ώρες.';

/**
 * THE 409 of a time that is taken (a lost race, or a time no queue has free): code `slot-taken`,
 * one text, and the next free times under the caller's policy. On a fresh entity manager: the
 * transaction that lost is gone.
 */
export async function slotTaken(em: EntityManager, policy: TimePolicy, wanted: Date): Promise<AppError> {
  return new AppError(409, 'slot-taken', SLOT_TAKEN_MESSAGE, { nextFreeSlots: await suggestTimes(em, policy, wanted) });
}
