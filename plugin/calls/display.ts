import type { MikroORM } from '@mikro-orm/core';
import type { Clock } from '../domain/clock.js';
import type { LiveEvent } from '../live/live-events.js';
import { callQueries } from './call.queries.js';
import { kepDay } from './kep-day.js';

/** The KEP's latest calls of today for its waiting-room display, latest first: numbers and queues only. */
export async function displayCalls(orm: MikroORM, storeId: string, limit: number, now: Clock) {
  const em = orm.em.fork();
  const day = await kepDay(em, storeId, now);
  const rows = await callQueries.displayCalls(em, storeId, day.from, day.to, limit);
  return {
    storeId,
    items: rows.map((r) => ({ appointmentId: r.appointmentId, queueId: r.queueId, queueName: r.queueName, number: r.number, calledAt: new Date(r.calledAt).toISOString() })),
  };
}

/** What a display's stream passes on: only calls (a number and a queue), none of the KEP's other events. */
export function forDisplay(event: LiveEvent): boolean {
  return event.kind === 'called';
}
