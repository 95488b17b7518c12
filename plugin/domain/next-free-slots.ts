import { DateTime } from 'luxon';
import { ATHENS } from './local-time.js';
import type { WeeklyHours } from './weekly-hours.js';

/** A taken stretch of a queue. */
export interface Interval {
  start: Date;
  end: Date;
}

/** What a queue offers: its hours and its slot length. */
export interface QueueShape {
  weeklyHours: WeeklyHours;
  slotMinutes: number;
  zone?: string;
}

/**
 * The first `count` free slot starts at or after `from`, walking the queue's weekly hours day by day
 * in local time (so a DST day has exactly the slots its local hours say), for at most `horizonDays`.
 */
export function nextFreeSlots(
  queue: QueueShape,
  taken: readonly Interval[],
  from: Date,
  count = 3,
  horizonDays = 14,
): Date[] {
  const zone = queue.zone ?? ATHENS;
  const found: Date[] = [];
  const firstDay = DateTime.fromJSDate(from, { zone }).startOf('day');
  for (let d = 0; d < horizonDays && found.length < count; d++) {
    const day = firstDay.plus({ days: d });
    const intervals = queue.weeklyHours[String(day.weekday) as keyof WeeklyHours] ?? [];
    for (const [open, close] of intervals) {
      const closeAt = atLocalTime(day, close);
      for (let slot = atLocalTime(day, open); slot.plus({ minutes: queue.slotMinutes }) <= closeAt; slot = slot.plus({ minutes: queue.slotMinutes })) {
        const start = slot.toJSDate();
        const end = slot.plus({ minutes: queue.slotMinutes }).toJSDate();
        if (start < from || overlapsAny(start, end, taken)) continue;
        found.push(start);
        if (found.length === count) return found;
      }
    }
  }
  return found;
}

function atLocalTime(day: DateTime, hhmm: string): DateTime {
  const [hour, minute] = hhmm.split(':').map(Number);
  return day.set({ hour, minute, second: 0, millisecond: 0 });
}

function overlapsAny(start: Date, end: Date, taken: readonly Interval[]): boolean {
  return taken.some((t) => t.start < end && start < t.end);
}
