import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES } from '../domain/appointment-status.js';
import { z } from '../http/zod-openapi.js';
import { appointmentFields as f, businessComplete, StartsAt } from './appointment-fields.js';
import { text } from './text.js';

const BUSINESS_MESSAGE = { message: 'Για εκπροσώπηση επιχείρησης συμπληρώστε και την επωνυμία και τον ΑΦΜ της.', path: ['businessTaxId'] };

// Linked so that the procedure's rules and texts (video, what to do instead) reach the staff screen
// and the citizen's emails, which free text alone cannot do.
const ProcedureId = z
  .uuid('Μη έγκυρη διαδικασία.')
  .nullable()
  .openapi({
    description:
      'An active catalogue procedure staff picked (400 otherwise; null: none). Without it, a `procedure` text that is a catalogue name in Greek or English, accents and case aside, links that procedure.',
  });

/** The body of `POST /api/v1/stores/:storeId/appointments`. */
export const CreateAppointmentBody = z
  .object({
    firstName: f.firstName,
    lastName: f.lastName,
    startsAt: StartsAt,
    queueId: f.queueId.optional(),
    durationMinutes: f.durationMinutes.optional(),
    email: f.email.optional(),
    phone: f.phone.optional(),
    taxId: f.taxId.optional(),
    businessName: f.businessName.optional(),
    businessTaxId: f.businessTaxId.optional(),
    procedure: f.procedure.optional(),
    procedureId: ProcedureId.optional(),
    source: f.source.optional(),
    mode: f.mode.optional(),
    notes: f.notes.optional(),
  })
  .strict()
  .refine(businessComplete, BUSINESS_MESSAGE)
  .openapi('CreateAppointment');

export type CreateAppointmentInput = z.infer<typeof CreateAppointmentBody>;

/** The body of `PATCH /api/v1/appointments/:id`: any subset; `null` clears an optional field. */
export const UpdateAppointmentBody = z
  .object({
    firstName: f.firstName,
    lastName: f.lastName,
    startsAt: StartsAt,
    queueId: f.queueId,
    durationMinutes: f.durationMinutes,
    email: f.email,
    phone: f.phone,
    taxId: f.taxId,
    businessName: f.businessName,
    businessTaxId: f.businessTaxId,
    procedure: f.procedure,
    procedureId: ProcedureId,
    source: f.source,
    mode: f.mode,
    notes: f.notes,
    /** The version the edit was based on, when the client cannot send `If-Match`. */
    version: z.number().int().positive(),
  })
  .partial()
  .strict()
  .openapi('UpdateAppointment');

export type UpdateAppointmentInput = z.infer<typeof UpdateAppointmentBody>;

/** The body of `POST /api/v1/appointments/:id/cancel`. */
export const CancelBody = z
  .object({
    reason: text('line', { required: 'Γράψτε τον λόγο της ακύρωσης.', max: 500, tooLong: 'Ο λόγος έχει έως 500 χαρακτήρες.' }),
  })
  .strict()
  .openapi('CancelAppointment');

/** Statuses staff set through the day; `booked` undoes a mistaken mark. */
export const STAFF_SETTABLE_STATUSES = ['booked', 'arrived', 'served', 'no_show'] as const;

/** The body of `POST /api/v1/appointments/:id/status`. */
export const StatusBody = z
  .object({
    status: z.enum(STAFF_SETTABLE_STATUSES, 'Η κατάσταση μπορεί να είναι booked, arrived, served ή no_show.'),
    /** Why: required when correcting an appointment the end of the day marked as missed by staff (issue 8). */
    reason: text('line', { max: 500, tooLong: 'Ο λόγος έχει έως 500 χαρακτήρες.' }).optional(),
  })
  .strict()
  .openapi('SetAppointmentStatus');

const csv = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values, message)));

const day = z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.');

/** Query of the appointment list: a day or a range, filters, name search, sorting, pages. */
export const ListQuery = z
  .object({
    date: day.optional(),
    from: day.optional(),
    to: day.optional(),
    q: text('line', { max: 100, tooLong: 'Η αναζήτηση έχει έως 100 χαρακτήρες.' }).optional(),
    queueId: z.uuid('Μη έγκυρη ουρά.').optional(),
    status: csv(APPOINTMENT_STATUSES, 'Άγνωστη κατάσταση.').optional(),
    mode: z.enum(['in_person', 'video'], 'Άγνωστος τρόπος εξυπηρέτησης.').optional(),
    source: csv(APPOINTMENT_SOURCES, 'Άγνωστη προέλευση.').optional(),
    /** `1`: only appointments that need attention (still only booked well after their start; issue 8). */
    attention: z.enum(['0', '1'], 'Το attention είναι 0 ή 1.').optional(),
    sort: z.enum(['startsAt', '-startsAt', 'lastName', '-lastName'], 'Άγνωστη ταξινόμηση.').default('startsAt'),
    page: z.coerce.number().int().min(1, 'Η σελίδα ξεκινά από 1.').max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(200, 'Έως 200 ανά σελίδα.').default(50),
  })
  .refine((v) => !(v.date && (v.from || v.to)), { message: 'Δώστε είτε date είτε from/to.', path: ['date'] })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'Το «από» είναι μετά το «έως».', path: ['to'] });

export type ListQueryInput = z.infer<typeof ListQuery>;

/** An appointment as the API shows it: instants in UTC ISO form, the widget shows them in Athens time. */
export const AppointmentView = z
  .object({
    id: z.uuid(),
    /** The booking reference, unique in its KEP, the same after a move; `q` finds it typed with or without the dash, any case. */
    reference: z.string().openapi({ example: 'K7P-4MX' }),
    storeId: z.uuid(),
    queueId: z.uuid(),
    queueName: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    durationMinutes: z.number().int(),
    firstName: z.string(),
    lastName: z.string(),
    email: z.string().nullable(),
    phone: z.string().nullable(),
    taxId: z.string().nullable(),
    business: z.object({ name: z.string(), taxId: z.string() }).nullable(),
    procedure: z.string().nullable(),
    /** The catalogue procedure: chosen online, picked or typed (by its name) by staff; null for other free text. */
    procedureId: z.uuid().nullable(),
    /** Whether a video call can serve the catalogue procedure; null when there is none. */
    procedureVideoEligible: z.boolean().nullable(),
    notes: z.string().nullable(),
    mode: z.enum(['in_person', 'video']),
    /** The meeting link of a video appointment (myKEPLive); null otherwise. */
    videoLink: z.string().nullable(),
    status: z.enum(APPOINTMENT_STATUSES),
    source: z.enum(APPOINTMENT_SOURCES),
    statusChangedAt: z.iso.datetime().nullable(),
    statusChangedBy: z.string().nullable(),
    cancelledReason: z.string().nullable(),
    /** Why staff recorded the status after the fact (a missed appointment corrected), or null. */
    statusReason: z.string().nullable(),
    /** A video appointment: when and by whom the call was started. */
    callStartedAt: z.iso.datetime().nullable(),
    callStartedBy: z.string().nullable(),
    /** A video appointment: when the citizen first pressed «Περιμένω» in the waiting room (null: not there). */
    videoWaitingAt: z.iso.datetime().nullable(),
    /** A video appointment: when the late-start alert was raised (the call not started in time), or null. */
    videoAlertAt: z.iso.datetime().nullable(),
    /** Still only booked some minutes after its start: the staff screen highlights it and the KEP's administrator was alerted. */
    needsAttention: z.boolean(),
    /** When staff sent the polite notice (circular 000: video cannot serve the procedure), or null. */
    politeNoticeSentAt: z.iso.datetime().nullable(),
    /** From when each attendance outcome may be recorded (arrival shortly before the start, the others from it); earlier the status change answers 409. */
    outcomesFrom: z.object({ arrived: z.iso.datetime(), served: z.iso.datetime(), no_show: z.iso.datetime() }),
    createdBy: z.string(),
    createdAt: z.iso.datetime(),
    version: z.number().int(),
  })
  .openapi('Appointment');

/** One line of an appointment's history. */
export const HistoryEntry = z
  .object({
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    changes: z.record(z.string(), z.object({ from: z.unknown(), to: z.unknown() })),
  })
  .openapi('AppointmentHistoryEntry');
