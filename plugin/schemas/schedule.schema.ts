import { HOLIDAY_YEARS } from '../domain/greek-holidays.js';
import { daysBetween } from '../domain/local-day.js';
import { z } from '../http/zod-openapi.js';
import { DayIntervals, FutureAppointmentsDecision } from './queue.schema.js';
import { text } from './text.js';

/** The longest stretch one availability request may ask for (the work is bounded per request). */
export const MAX_AVAILABILITY_DAYS = 62;

const IsoDate = (what: string) => z.iso.date(`${what}: η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.`);

const Reason = text('line', { required: 'Συμπληρώστε την αιτία (π.χ. τοπική εορτή, επιμόρφωση, απεργία).', max: 200, tooLong: 'Η αιτία έχει έως 200 χαρακτήρες.' });

const ExceptionFields = {
  queueId: z.uuid('Μη έγκυρη ουρά.').nullable(),
  startDate: IsoDate('Από'),
  endDate: IsoDate('Έως'),
  hours: DayIntervals.min(1, 'Δώστε τουλάχιστον ένα διάστημα, ή κανένα ωράριο για κλειστή ημέρα.').nullable(),
  reason: Reason,
  recursYearly: z.boolean(),
};

function datesInOrder(e: { startDate?: string; endDate?: string; recursYearly?: boolean }, ctx: z.RefinementCtx): void {
  if (!e.startDate || !e.endDate) return;
  const span = daysBetween(e.startDate, e.endDate);
  if (span < 0) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Η ημερομηνία λήξης πρέπει να είναι ίδια ή μετά την ημερομηνία έναρξης.' });
  else if (e.recursYearly && span >= 366) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Μια ετήσια εξαίρεση διαρκεί λιγότερο από έναν χρόνο.' });
  else if (span > 730) ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'Μια εξαίρεση διαρκεί έως δύο χρόνια.' });
}

/**
 * The body of `POST /stores/:storeId/exceptions`: a closure (`hours` null or left out) or changed
 * hours, for the KEP (`queueId` null or left out) or one queue.
 */
export const CreateExceptionBody = z
  .object({
    queueId: ExceptionFields.queueId.default(null),
    startDate: ExceptionFields.startDate,
    endDate: ExceptionFields.endDate,
    hours: ExceptionFields.hours.default(null),
    reason: ExceptionFields.reason,
    recursYearly: ExceptionFields.recursYearly.default(false),
    ...FutureAppointmentsDecision,
  })
  .strict()
  .superRefine(datesInOrder)
  .openapi('CreateException');

/** The body of `PATCH /stores/:storeId/exceptions/:exceptionId`. */
export const UpdateExceptionBody = z
  .object({
    queueId: ExceptionFields.queueId.optional(),
    startDate: ExceptionFields.startDate.optional(),
    endDate: ExceptionFields.endDate.optional(),
    hours: ExceptionFields.hours.optional(),
    reason: ExceptionFields.reason.optional(),
    recursYearly: ExceptionFields.recursYearly.optional(),
    ...FutureAppointmentsDecision,
  })
  .strict()
  .openapi('UpdateException');

export type CreateExceptionInput = z.infer<typeof CreateExceptionBody>;
export type UpdateExceptionInput = z.infer<typeof UpdateExceptionBody>;

/** An exception as the API shows it. */
export const ExceptionView = z
  .object({
    id: z.uuid(),
    storeId: z.uuid(),
    queueId: z.uuid().nullable(),
    startDate: z.iso.date(),
    endDate: z.iso.date(),
    hours: z.array(z.tuple([z.string(), z.string()])).nullable(),
    reason: z.string(),
    recursYearly: z.boolean(),
  })
  .openapi('ScheduleException');

/** Query of the exception list: the dates to show (default: today and the next 6 months). */
export const ExceptionListQuery = z.object({ from: IsoDate('Από').optional(), to: IsoDate('Έως').optional() });

/** Query of `GET /stores/:storeId/availability`. */
export const AvailabilityQuery = z
  .object({
    from: IsoDate('Από').optional(),
    to: IsoDate('Έως').optional(),
    queueId: z.uuid('Μη έγκυρη ουρά.').optional(),
    mode: z.enum(['in_person', 'video'], { error: 'Ο τρόπος είναι «in_person» ή «video».' }).optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const span = daysBetween(q.from, q.to);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Η ημερομηνία «έως» πρέπει να είναι ίδια ή μετά την «από».' });
    if (span >= MAX_AVAILABILITY_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Έως ${MAX_AVAILABILITY_DAYS} ημέρες ανά αίτημα.` });
  });

/** A free slot: instants in UTC ISO form, the local time label, and the queue. */
export const FreeSlotView = z
  .object({ queueId: z.uuid(), start: z.iso.datetime(), end: z.iso.datetime(), label: z.string().openapi({ example: '09:30' }) })
  .openapi('FreeSlot');

/** The answer of `GET /stores/:storeId/availability`. */
export const AvailabilityView = z
  .object({
    storeId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.array(z.object({ date: z.iso.date(), slots: z.array(FreeSlotView) })),
  })
  .openapi('Availability');

/** Query of `GET /stores/:storeId/holidays`. */
export const HolidaysQuery = z.object({
  year: z.coerce
    .number()
    .int('Μη έγκυρο έτος.')
    .min(HOLIDAY_YEARS.min, `Το έτος είναι από ${HOLIDAY_YEARS.min} έως ${HOLIDAY_YEARS.max}.`)
    .max(HOLIDAY_YEARS.max, `Το έτος είναι από ${HOLIDAY_YEARS.min} έως ${HOLIDAY_YEARS.max}.`)
    .optional(),
});

/** A day every KEP is closed (national) or this KEP is (its yearly local holidays). */
export const HolidayView = z
  .object({
    date: z.iso.date(),
    nameEl: z.string(),
    nameEn: z.string(),
    kind: z.enum(['national', 'local']),
    moving: z.boolean(),
    exceptionId: z.uuid().nullable(),
  })
  .openapi('Holiday');
