import { APPOINTMENT_SOURCES } from '../../domain/appointment-status.js';
import { normalisePhone } from '../../domain/phone.js';
import { isValidAfm } from '../../domain/tax-id.js';
import { z } from '../zod-openapi.js';

const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;
const NO_CONTROL_CHARS_BUT_NEWLINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

/** A one-line text: NFC-normalised, trimmed, no control characters. */
function line(max: number, tooLong: string) {
  return z
    .string()
    .transform((s) => s.normalize('NFC').trim())
    .pipe(z.string().max(max, tooLong).regex(NO_CONTROL_CHARS, 'Περιέχει μη επιτρεπτούς χαρακτήρες.'));
}

/** A required person name. */
export function personName(label: string, capitalised: string) {
  return z
    .string({ error: `Συμπληρώστε ${label}.` })
    .transform((s) => s.normalize('NFC').trim())
    .pipe(
      z
        .string()
        .min(1, `Συμπληρώστε ${label}.`)
        .max(100, `${capitalised} έχει έως 100 χαρακτήρες.`)
        .regex(NO_CONTROL_CHARS, 'Περιέχει μη επιτρεπτούς χαρακτήρες.'),
    );
}

/**
 * Local KEP time (`2026-12-01T09:00`, read in Europe/Athens) or an instant with an offset
 * (`2026-12-01T07:00:00Z`). Local time is what staff type; the offset form is for programs.
 */
export const StartsAt = z
  .string({ error: 'Συμπληρώστε ημερομηνία και ώρα.' })
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/,
    'Η ημερομηνία και ώρα πρέπει να έχουν τη μορφή ΕΕΕΕ-ΜΜ-ΗΗTΩΩ:ΛΛ.',
  )
  .openapi({ example: '2026-12-01T09:30' });

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
  businessName: line(200, 'Η επωνυμία έχει έως 200 χαρακτήρες.').nullable(),
  businessTaxId: TaxId,
  procedure: line(300, 'Η διαδικασία έχει έως 300 χαρακτήρες.').nullable(),
  source: z.enum(APPOINTMENT_SOURCES, 'Άγνωστος τρόπος συνεννόησης.'),
  mode: z.enum(['in_person', 'video'], 'Άγνωστος τρόπος εξυπηρέτησης.'),
  notes: z
    .string()
    .trim()
    .max(2000, 'Οι σημειώσεις έχουν έως 2000 χαρακτήρες.')
    .regex(NO_CONTROL_CHARS_BUT_NEWLINES, 'Περιέχει μη επιτρεπτούς χαρακτήρες.')
    .nullable(),
};

/** A business is represented by name and tax id together, or not at all. */
export function businessComplete(v: { businessName?: string | null; businessTaxId?: string | null }): boolean {
  return Boolean(v.businessName) === Boolean(v.businessTaxId);
}
