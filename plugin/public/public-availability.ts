import type { EntityManager } from '@mikro-orm/core';
import type { Queue } from '../db/queue.entity.js';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import type { Store } from '../db/store.entity.js';
import { freeSlots, type AvailabilityDay } from '../domain/availability.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { addDays, localDateOf, localDay } from '../domain/local-day.js';
import { toQueueState } from '../queues/queue-view.js';
import type { PublicBookingRules } from './public-settings.js';

/** A free public slot: a real start and end (ISO, UTC) and the local time a person reads. */
export interface PublicSlot {
  startsAt: string;
  endsAt: string;
  label: string;
}

/** The question: which public slots of one mode does a KEP have on these local days? */
export interface PublicAvailabilityQuery {
  store: Store;
  queues: readonly Queue[];
  from: string;
  to: string;
  rules: Pick<PublicBookingRules, 'minNoticeMinutes' | 'horizonDays'>;
  now?: Date;
  /** This citizen's own holds count as free (a new hold of theirs replaces them). */
  exceptHolder?: string;
  /**
   * The citizen holds a valid priority token for this KEP (the KEP missed their appointment): the
   * minimum notice does not apply (a slot must still start in the future), and times in a
   * cancellation's cool-down count as free, since the cool-down keeps them from the crowd, not from them.
   */
  priority?: boolean;
}

/**
 * The free slots of the given public queues, per local day, with each slot's queue: the engine's
 * answer under the public rules (minimum notice, horizon). Holds that have lapsed are free.
 * A priority token's holder is offered more: see {@link PublicAvailabilityQuery.priority}.
 */
export async function publicFreeSlots(em: EntityManager, q: PublicAvailabilityQuery): Promise<AvailabilityDay[]> {
  const zone = q.store.timeZone;
  const range = { start: new Date(localDay(q.from, zone).at(0)), end: new Date(localDay(addDays(q.to, 1), zone).at(0)) };
  const queueIds = q.queues.map((x) => x.id);
  const [exceptions, taken] = await Promise.all([
    queueQueries.exceptions(em, q.store.id, [q.store.id], { from: q.from, to: q.to }),
    queueQueries.taken(em, q.store.id, [q.store.id], range, { queueIds, exceptHolder: q.exceptHolder, cooldownsFree: q.priority ?? false }),
  ]);
  return freeSlots({
    queues: q.queues.map(toQueueState),
    exceptions: exceptions.map(toExceptionRule),
    holidays: greekHolidayDates(q.from, q.to),
    taken,
    now: q.now ?? new Date(),
    from: q.from,
    to: q.to,
    zone,
    minNoticeMinutes: q.priority ? 0 : q.rules.minNoticeMinutes,
    horizonDays: q.rules.horizonDays,
  });
}

/**
 * Merges the queues of each day: a time is offered once when any public queue of the mode has it
 * free (the queue is chosen when the citizen holds it).
 */
export function mergeQueues(days: readonly AvailabilityDay[]): { date: string; slots: PublicSlot[] }[] {
  return days.map((day) => {
    const seen = new Set<string>();
    const slots: PublicSlot[] = [];
    for (const s of day.slots) {
      const key = `${s.start}/${s.end}`;
      if (seen.has(key)) continue;
      seen.add(key);
      slots.push({ startsAt: s.start, endsAt: s.end, label: s.label });
    }
    return { date: day.date, slots };
  });
}

/** The last local day the public may book on: today plus the horizon, less one. */
export function lastPublicDay(zone: string, horizonDays: number, now = new Date()): string {
  return addDays(localDateOf(now.getTime(), zone), horizonDays - 1);
}

/**
 * The first `count` free public slot starts (ISO) at or after `from`, within two weeks: what to
 * offer a citizen whose time was just taken.
 */
export async function suggestPublicSlots(
  em: EntityManager,
  store: Store,
  queues: readonly Queue[],
  from: Date,
  rules: PublicAvailabilityQuery['rules'],
  mine: Pick<PublicAvailabilityQuery, 'exceptHolder' | 'priority'> = {},
  count = 3,
): Promise<string[]> {
  const first = localDateOf(Math.max(from.getTime(), Date.now()), store.timeZone);
  const after = from.toISOString();
  const found: string[] = [];
  // Usually the same or the next days have room: look there first, and further only when they do not.
  for (const [a, b] of [[0, 2], [3, 13]] as const) {
    const days = await publicFreeSlots(em, { store, queues, from: addDays(first, a), to: addDays(first, b), rules, ...mine });
    for (const s of new Set(days.flatMap((d) => d.slots.map((x) => x.start)))) if (s >= after && found.length < count) found.push(s);
    if (found.length >= count) break;
  }
  return found;
}
