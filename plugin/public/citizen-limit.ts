import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { AppError } from '../http/app-error.js';

/**
 * Refuses one more appointment to a citizen who already has `max` future ones (booked online or
 * recorded for them), so that nobody can take a KEP's week for themselves.
 */
export async function assertBelowCitizenLimit(em: EntityManager, sub: string, max: number, exceptId?: string): Promise<void> {
  const future = await em.count(Appointment, {
    citizenSub: sub,
    status: { $nin: ['cancelled', 'held'] },
    startsAt: { $gt: new Date() },
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
