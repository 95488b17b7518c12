import type { EntityManager } from '@mikro-orm/core';
import { DateTime } from 'luxon';
import { appointmentQueries } from '../db/appointment.queries.js';
import type { Queue } from '../db/queue.entity.js';
import { nextFreeSlots } from '../domain/next-free-slots.js';
import { AppError } from './app-error.js';

const OVERLAP_CONSTRAINT = 'appointment_no_overlap';

/** Whether a failed write was refused by the no-overlap exclusion constraint. */
export function isOverlap(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string; message?: string };
  return e?.code === '23P01' || e?.constraint === OVERLAP_CONSTRAINT || !!e?.message?.includes(OVERLAP_CONSTRAINT);
}

/** The 409 a lost race or a taken slot answers, with the queue's next free slots. */
export async function slotTakenError(em: EntityManager, queue: Queue, wanted: Date, durationMinutes: number): Promise<AppError> {
  const zone = queue.store.timeZone;
  const from = DateTime.fromJSDate(wanted, { zone }).startOf('day');
  const taken = await appointmentQueries.taken(em, queue.id, { start: from.toJSDate(), end: from.plus({ days: 14 }).toJSDate() });
  const slots = nextFreeSlots(
    { weeklyHours: queue.weeklyHours, slotMinutes: durationMinutes, zone },
    taken.map((t) => ({ start: t.startsAt, end: t.endsAt })),
    new Date(Math.max(wanted.getTime(), Date.now())),
  );
  return new AppError(409, 'slot-taken', 'Η ώρα αυτή μόλις κλείστηκε ή επικαλύπτεται με άλλο ραντεβού της ουράς.', {
    nextFreeSlots: slots.map((s) => s.toISOString()),
  });
}

/** Runs a write; an overlap refused by the database becomes the 409 with alternatives. */
export async function refusingOverlap<T>(em: EntityManager, write: () => Promise<T>, slot: () => { queue: Queue; startsAt: Date; minutes: number }): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (!isOverlap(err)) throw err;
    const { queue, startsAt, minutes } = slot();
    throw await slotTakenError(em, queue, startsAt, minutes);
  }
}
