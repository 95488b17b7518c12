import { APPOINTMENT_SOURCES } from '../domain/appointment-status.js';
import { normalisePhone } from '../domain/phone.js';
import { isValidAfm } from '../domain/tax-id.js';
import { z } from '../http/zod-openapi.js';
import { text } from './text.js';

/** A required person name (the shared text rule for names: no controls, no invisible or bidi characters). */
export function personName(label: string, capitalised: string) {
  return text('name', { required: `Συμπληρώστε ${label}.`, max: 100, tooLong: `${capitalised} έχει έως 100 χαρακτήρες.` });
}

/**
 * Local KEP time (`2026-12-01T09:00`, read in Europe/Athens) or an instant with an offset
 * (`2026-12-01T07:00:00Z`). Local time is what staff type; the offset form is for programs, and for
 * choosing one of the two 03:30 of the autumn night. `startInstant` reads it (DST gap, real offsets).
 */
export const StartsAt = z
  .string({ error: 'Συμπληρώστε ημερομηνία και ώρα.' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
    'Η ημερομηνία και ώρα πρέπει να έχουν τη μορφή ΕΕΕΕ-ΜΜ-ΗΗTΩΩ:ΛΛ.',
  )
  .openapi({
    example: '2026-12-01T09:30',
    description: 'Local time in the KEP’s zone, or with Z or an offset (−12:00…+14:00). A local time the spring change skips is 400; one the autumn change repeats is its first occurrence unless an offset picks one.',
  });

export const Email = z
  .string()
  .trim()
  .max(254, 'Το email έχει έως 254 χαρακτήρες.')
  .pipe(z.email('Το email δεν είναι έγκυρο.'))
  .nullable();

export const Phone = z
  .string()
  .max(40, 'Το τηλέφωνο δεν είναι έγκυρο.')
  .transform((s, ctx) => {
    const e164 = normalisePhone(s);
    if (!e164) ctx.addIssue({ code: 'custom', message: 'Το τηλέφωνο δεν είναι έγκυρο (κινητό 69…, σταθερό 2… ή διεθνές με +).' });
    return e164 ?? '';
  })
  .nullable()
  .openapi({ type: 'string', example: '6912345678' });

export const TaxId = z
  .string()
  .trim()
  .refine(isValidAfm, 'Ο ΑΦΜ δεν είναι έγκυρος (9 ψηφία με σωστό ψηφίο ελέγχου).')
  .nullable()
  .openapi({ type: 'string', example: '090000045' });

/** The fields an appointment has beyond its time: all optional but the names. */
export const appointmentFields = {
  firstName: personName('το όνομα', 'Το όνομα'),
  lastName: personName('το επώνυμο', 'Το επώνυμο'),
  queueId: z.uuid('Μη έγκυρη ουρά.'),
  durationMinutes: z.number().int().min(5, 'Τουλάχιστον 5 λεπτά.').max(240, 'Έως 240 λεπτά.'),
  email: Email,
  phone: Phone,
  taxId: TaxId,
  businessName: text('name', { max: 200, tooLong: 'Η επωνυμία έχει έως 200 χαρακτήρες.' }).nullable(),
  businessTaxId: TaxId,
  // Shown in the day list next to the name, and matched against the catalogue's names: a name.
  procedure: text('name', { max: 300, tooLong: 'Η διαδικασία έχει έως 300 χαρακτήρες.' }).nullable(),
  source: z.enum(APPOINTMENT_SOURCES, 'Άγνωστος τρόπος συνεννόησης.'),
  mode: z.enum(['in_person', 'video'], 'Άγνωστος τρόπος εξυπηρέτησης.'),
  notes: text('multiline', { max: 2000, tooLong: 'Οι σημειώσεις έχουν έως 2000 χαρακτήρες.' }).nullable(),
};

/** A business is represented by name and tax id together, or not at all. */
export function businessComplete(v: { businessName?: string | null; businessTaxId?: string | null }): boolean {
  return Boolean(v.businessName) === Boolean(v.businessTaxId);
}
