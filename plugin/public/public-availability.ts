import type { EntityManager } from '@mikro-orm/core';
import type { Queue } from '../db/queue.entity.js';
import type { Store } from '../db/store.entity.js';
import type { AvailabilityDay } from '../domain/availability.js';
import { addDays, localDateOf } from '../domain/local-day.js';
import { freeTimes, type TimePolicy } from '../booking/free-times.js';
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
  /** The plugin's clock, read once for the request. */
  now: Date;
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
 * The citizens' policy for free times (the booking core's `TimePolicy`): only the given public
 * queues, after the minimum notice and within the horizon, cool-downs taken and lapsed holds free.
 * A priority token's holder is offered more: see {@link PublicAvailabilityQuery.priority}.
 */
export function publicTimes(
  store: Pick<Store, 'id' | 'timeZone'>,
  queues: readonly Pick<Queue, 'id' | 'weeklyHours' | 'slotMinutes' | 'active' | 'mode'>[],
  rules: PublicAvailabilityQuery['rules'],
  now: Date,
  mine: Pick<PublicAvailabilityQuery, 'exceptHolder' | 'priority'> = {},
): TimePolicy {
  return {
    store: { id: store.id, timeZone: store.timeZone },
    queues: queues.map((q) => ({ id: q.id, weeklyHours: q.weeklyHours, slotMinutes: q.slotMinutes, active: q.active, mode: q.mode })),
    now,
    minNoticeMinutes: mine.priority ? 0 : rules.minNoticeMinutes,
    horizonDays: rules.horizonDays,
    cooldownsFree: mine.priority ?? false,
    exceptHolder: mine.exceptHolder,
  };
}

/**
 * The free slots of the given public queues, per local day, with each slot's queue: the booking
 * core's free times under {@link publicTimes}.
 */
export async function publicFreeSlots(em: EntityManager, q: PublicAvailabilityQuery): Promise<AvailabilityDay[]> {
  return freeTimes(em, publicTimes(q.store, q.queues, q.rules, q.now, q), q.from, q.to);
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
export function lastPublicDay(zone: string, horizonDays: number, now: Date): string {
  return addDays(localDateOf(now.getTime(), zone), horizonDays - 1);
}
