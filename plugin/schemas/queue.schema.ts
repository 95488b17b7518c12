import { intervalsProblem, WEEKDAY_HOURS, type HoursInterval, type WeeklyHours } from '../domain/weekly-hours.js';
import { z } from '../http/zod-openapi.js';
import { text } from './text.js';

const HHMM = z
  .string({ error: 'Συμπληρώστε την ώρα.' })
  .regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'Η ώρα πρέπει να έχει τη μορφή ΩΩ:ΛΛ (00:00–24:00).');

/** One day's opening intervals, e.g. `[["08:00","14:00"],["17:00","19:00"]]`: sorted out, never overlapping. */
export const DayIntervals = z
  .array(z.tuple([HHMM, HHMM]), { error: 'Τα διαστήματα ωραρίου πρέπει να είναι λίστα ζευγών [έναρξη, λήξη].' })
  .max(8, 'Έως 8 διαστήματα ωραρίου την ημέρα.')
  .superRefine((intervals, ctx) => {
    const problem = intervalsProblem(intervals as HoursInterval[]);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .openapi({ example: [['08:00', '14:00'], ['17:00', '19:00']] });

/** Weekly hours: ISO weekday ("1" = Monday … "7" = Sunday) → intervals; a missing day is closed. */
export const WeeklyHoursSchema = z
  .object({
    '1': DayIntervals.optional(),
    '2': DayIntervals.optional(),
    '3': DayIntervals.optional(),
    '4': DayIntervals.optional(),
    '5': DayIntervals.optional(),
    '6': DayIntervals.optional(),
    '7': DayIntervals.optional(),
  })
  .strict()
  .openapi('WeeklyHours', { example: WEEKDAY_HOURS as Record<string, [string, string][]> });

const QueueMode = z.enum(['in_person', 'video'], { error: 'Ο τρόπος εξυπηρέτησης είναι «in_person» ή «video».' });

const Employee = z
  .object({
    sub: text('line', { required: 'Συμπληρώστε τον υπάλληλο.', max: 200, tooLong: 'Το αναγνωριστικό του υπαλλήλου έχει έως 200 χαρακτήρες.' }),
    name: text('name', { required: 'Συμπληρώστε το όνομα του υπαλλήλου.', max: 200, tooLong: 'Το όνομα του υπαλλήλου έχει έως 200 χαρακτήρες.' }),
  })
  .strict()
  .openapi({ description: 'The employee who serves the queue: their SSO subject and name' });

const SlotMinutes = z
  .int('Η διάρκεια ραντεβού είναι ακέραιος αριθμός λεπτών.')
  .min(5, 'Η διάρκεια ραντεβού είναι τουλάχιστον 5 λεπτά.')
  .max(240, 'Η διάρκεια ραντεβού είναι έως 240 λεπτά.');

const QueueName = text('name', { required: 'Συμπληρώστε το όνομα της ουράς.', max: 200, tooLong: 'Το όνομα έχει έως 200 χαρακτήρες.' });

/**
 * What to do with the future appointments a change leaves outside the queue's hours: keep them as
 * they are, cancel them (the citizen is told by email), or move them to another queue of the KEP at
 * the same time. Without it such a change answers 409 listing the appointments.
 */
export const FutureAppointmentsDecision = {
  onFutureAppointments: z.enum(['keep', 'cancel', 'move'], { error: 'Επιλέξτε: keep, cancel ή move.' }).optional(),
  moveToQueueId: z.uuid('Μη έγκυρη ουρά.').optional(),
  cancelReason: text('line', { max: 500, tooLong: 'Η αιτιολογία έχει έως 500 χαρακτήρες.' }).optional(),
};

/** The body of `POST /stores/:storeId/queues`. */
export const CreateQueueBody = z
  .object({
    name: QueueName,
    mode: QueueMode.default('in_person'),
    slotMinutes: SlotMinutes.default(15),
    weeklyHours: WeeklyHoursSchema.default(WEEKDAY_HOURS as z.infer<typeof WeeklyHoursSchema>),
    active: z.boolean().default(true),
    public: z.boolean().default(false),
    employee: Employee.nullable().default(null),
  })
  .strict()
  .openapi('CreateQueue');

/** The body of `PATCH /stores/:storeId/queues/:queueId`: any of the fields, and a decision when needed. */
export const UpdateQueueBody = z
  .object({
    name: QueueName.optional(),
    mode: QueueMode.optional(),
    slotMinutes: SlotMinutes.optional(),
    weeklyHours: WeeklyHoursSchema.optional(),
    active: z.boolean().optional(),
    public: z.boolean().optional(),
    employee: Employee.nullable().optional(),
    ...FutureAppointmentsDecision,
  })
  .strict()
  .openapi('UpdateQueue');

export type CreateQueueInput = z.infer<typeof CreateQueueBody>;
export type UpdateQueueInput = z.infer<typeof UpdateQueueBody>;

/** A queue as the API shows it. */
export const QueueView = z
  .object({
    id: z.uuid(),
    storeId: z.uuid(),
    name: z.string(),
    isDefault: z.boolean(),
    mode: QueueMode,
    slotMinutes: z.number().int(),
    weeklyHours: WeeklyHoursSchema,
    active: z.boolean(),
    public: z.boolean(),
    employee: Employee.nullable(),
  })
  .openapi('Queue');

/** Weekly hours as stored: the API's schema and the domain's type are the same shape. */
export type WeeklyHoursInput = z.infer<typeof WeeklyHoursSchema> & WeeklyHours;

/** An appointment a change would leave outside the hours (listed in the 409). */
export const AffectedAppointment = z
  .object({
    id: z.uuid(),
    queueId: z.uuid(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    firstName: z.string(),
    lastName: z.string(),
    hasEmail: z.boolean(),
  })
  .openapi('AffectedAppointment');
