import { ScheduleRules, type QueueSchedule, type ScheduleException } from './day-schedule.js';
import { addDays, localDay, type LocalDay } from './local-day.js';

const MINUTE_MS = 60_000;

/** One KEP's schedule as the report needs it. */
export interface OfferedInput {
  storeId: string;
  queues: readonly QueueSchedule[];
  exceptions: readonly ScheduleException[];
}

/**
 * The minutes each KEP's active queues were open from `from` to `to` (local days, both included):
 * weekly hours, after public holidays and the KEP's exceptions, by the same rules as free slots
 * ({@link ScheduleRules}). Minutes are real minutes, so the day the clocks go forward is an hour
 * shorter for a queue open across 03:00.
 */
export function offeredMinutes(
  schedules: readonly OfferedInput[],
  holidays: ReadonlySet<string>,
  from: string,
  to: string,
  zone: string,
): Map<string, number> {
  const days: LocalDay[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) days.push(localDay(d, zone));
  const result = new Map<string, number>();
  for (const s of schedules) {
    const rules = new ScheduleRules(s.exceptions, holidays, from, to);
    let ms = 0;
    for (const queue of s.queues) {
      if (!queue.active) continue;
      for (const day of days) {
        const hours = rules.hoursOn(queue, day.date, day.weekday);
        if (!hours.open) continue;
        for (const [open, close] of hours.intervals) ms += Math.max(0, day.at(close) - day.at(open));
      }
    }
    result.set(s.storeId, Math.round(ms / MINUTE_MS));
  }
  return result;
}
