import { readTypedTime } from '../domain/local-time.js';
import { AppError } from '../http/app-error.js';

/**
 * The instant of a `startsAt` field in the KEP's zone, or a 400 naming the field and saying why.
 * Every path that takes a time (staff booking and edit, a citizen's hold and move) reads it here.
 */
export function startInstant(startsAt: string, zone: string): Date {
  const reading = readTypedTime(startsAt, zone);
  if (reading.ok) return reading.instant;
  const message =
    reading.reason === 'gap'
      ? `Η ώρα ${startsAt.slice(11, 16)} δεν υπάρχει στις ${greekDate(startsAt)}: εκείνη τη νύχτα τα ρολόγια πάνε μία ώρα μπροστά (θερινή ώρα). Διαλέξτε άλλη ώρα.`
      : reading.reason === 'offset'
        ? 'Η διαφορά ώρας από την UTC δεν υπάρχει: γράψτε από −12:00 έως +14:00 (π.χ. +02:00), ή Z.'
        : 'Η ημερομηνία ή η ώρα δεν υπάρχει.';
  throw new AppError(400, 'validation', message, { errors: [{ path: 'startsAt', message }] });
}

function greekDate(typed: string): string {
  const [y, m, d] = typed.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** Refuses an appointment mode the queue does not serve. */
export function assertModeFits(mode: string | undefined, queueMode: string): void {
  if (mode && mode !== queueMode) {
    const message = queueMode === 'video' ? 'Η ουρά αυτή εξυπηρετεί μόνο βιντεοκλήσεις.' : 'Η ουρά αυτή εξυπηρετεί μόνο δια ζώσης ραντεβού.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'mode', message }] });
  }
}
