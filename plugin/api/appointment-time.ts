import { localToInstant } from '../domain/local-time.js';
import { AppError } from './app-error.js';

/** The instant of a `startsAt` field in the KEP's zone, or a 400 naming the field. */
export function startInstant(startsAt: string, zone: string): Date {
  const instant = localToInstant(startsAt, zone);
  if (!instant) {
    const message = 'Η ημερομηνία ή η ώρα δεν υπάρχει.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'startsAt', message }] });
  }
  return instant;
}

/** Refuses an appointment mode the queue does not serve. */
export function assertModeFits(mode: string | undefined, queueMode: string): void {
  if (mode && mode !== queueMode) {
    const message = queueMode === 'video' ? 'Η ουρά αυτή εξυπηρετεί μόνο βιντεοκλήσεις.' : 'Η ουρά αυτή εξυπηρετεί μόνο δια ζώσης ραντεβού.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'mode', message }] });
  }
}
