import { z } from '../zod-openapi.js';

const NO_CONTROL_CHARS = /^[^\u0000-\u001f\u007f]*$/;

function personName(label: string, capitalised: string) {
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

/** The body of `POST /api/v1/stores/:storeId/appointments`. */
export const CreateAppointmentBody = z
  .object({
    firstName: personName('το όνομα', 'Το όνομα'),
    lastName: personName('το επώνυμο', 'Το επώνυμο'),
    startsAt: StartsAt,
    queueId: z.uuid('Μη έγκυρη ουρά.').optional(),
    email: z.string().trim().max(254, 'Το email έχει έως 254 χαρακτήρες.').pipe(z.email('Το email δεν είναι έγκυρο.')).optional(),
    phone: z.string().trim().regex(/^\+?[0-9][0-9 ()-]{4,19}$/, 'Το τηλέφωνο δεν είναι έγκυρο.').optional(),
    notes: z
      .string()
      .trim()
      .max(2000, 'Οι σημειώσεις έχουν έως 2000 χαρακτήρες.')
      .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'Περιέχει μη επιτρεπτούς χαρακτήρες.')
      .optional(),
  })
  .strict()
  .openapi('CreateAppointment');

export type CreateAppointmentInput = z.infer<typeof CreateAppointmentBody>;

/** An appointment as the API shows it: instants in UTC ISO form, the widget shows them in Athens time. */
export const AppointmentView = z
  .object({
    id: z.uuid(),
    storeId: z.uuid(),
    queueId: z.uuid(),
    queueName: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    notes: z.string().nullable(),
    mode: z.enum(['in_person', 'video']),
    status: z.string(),
    source: z.string(),
    version: z.number().int(),
  })
  .openapi('Appointment');

/** Query of the day list. */
export const DayQuery = z.object({
  date: z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.').optional(),
});
