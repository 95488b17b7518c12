import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { AppError } from '../http/app-error.js';
import { systemClock } from '../domain/clock.js';

/**
 * Refuses one more appointment to a citizen who already has `max` future ones at `now` (booked
 * online or recorded for them), so that nobody can take a KEP's week for themselves. The default of
 * `now` lasts only until the booking paths pass the plugin's clock (issue 14); then it is required.
 */
export async function assertBelowCitizenLimit(em: EntityManager, sub: string, max: number, exceptId?: string, now: Date = systemClock()): Promise<void> {
  const future = await em.count(Appointment, {
    citizenSub: sub,
    status: { $nin: ['cancelled', 'held'] },
    startsAt: { $gt: now },
    ...(exceptId ? { id: { $ne: exceptId } } : {}),
  });
  if (future >= max) {
    throw new AppError(
      409,
      'citizen-limit',
      `Έχετε ήδη ${future} προγραμματισμένα ραντεβού· μπορείτε να έχετε έως ${max} ταυτόχρονα. Ακυρώστε ένα για να κλείσετε νέο.`,
      { limit: max },
    );
  }
}
