import { z } from '../http/zod-openapi.js';

const day = z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.');

/** The longest period one report covers: a year, leap years included. */
export const MAX_REPORT_DAYS = 366;

/** Query of `GET /api/v1/reports`. */
export const ReportQuery = z
  .object({
    from: day.optional(),
    to: day.optional(),
    /** One KEP; without it, every KEP the caller may read (a supervisor: all of them). */
    storeId: z.string().optional(),
    format: z.enum(['json', 'csv', 'html'], 'Η μορφή είναι json, csv ή html.').default('json'),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'Το «από» είναι μετά το «έως».', path: ['to'] });

const Counts = {
  booked: z.number().int(),
  cancelled: z.number().int(),
  served: z.number().int(),
  arrived: z.number().int(),
  noShow: z.number().int(),
  missedByStaff: z.number().int(),
  unrecorded: z.number().int(),
  upcoming: z.number().int(),
  missedByStaffRate: z.number().nullable(),
  leadTimeDays: z.object({ median: z.number().nullable(), p90: z.number().nullable() }),
  bookedMinutes: z.number().int(),
  offeredMinutes: z.number().int(),
  utilisation: z.number().nullable(),
  waitingMinutes: z
    .object({ median: z.number().nullable(), p90: z.number().nullable(), count: z.number().int() })
    .openapi({ description: 'Minutes from arrival to the call (in person) or from the citizen’s «Περιμένω» to the call’s start (video): median, 90th percentile (waits that occurred, one decimal) and how many waits' }),
  lateVideoStarts: z
    .object({ count: z.number().int(), started: z.number().int(), rate: z.number().nullable() })
    .openapi({ description: 'Video calls started more than the KEP’s alert minutes after the later of the start time and the citizen’s «Περιμένω», of those started' }),
  waitedNotServed: z.number().int().openapi({ description: 'Arrived (or waited on video) and not served, once their day was over' }),
  unmetDemand: z.number().int().openapi({ description: 'Public searches and holds that found no free time within `publicBooking.unmetDemandDays`, in the ISO weeks that touch the period' }),
};

/** One KEP's line. */
export const KepReportView = z
  .object({
    storeId: z.uuid(),
    code: z.string(),
    name: z.string(),
    municipality: z.string(),
    ...Counts,
    series: z.object({ booked: z.array(z.number().int()), served: z.array(z.number().int()), missedByStaff: z.array(z.number().int()) }),
  })
  .openapi('KepReport');

/** The report as JSON. */
export const ReportView = z
  .object({
    from: z.string(),
    to: z.string(),
    generatedAt: z.iso.datetime(),
    weeks: z.array(z.string()),
    stores: z.array(KepReportView),
    totals: z.object(Counts),
    unmetDemand: z.array(
      z.object({
        storeId: z.uuid(),
        procedureId: z.uuid().nullable(),
        procedure: z.string().nullable(),
        mode: z.enum(['in_person', 'video']),
        week: z.iso.date().openapi({ description: 'Monday of the ISO week of the searches' }),
        searches: z.number().int(),
        holds: z.number().int(),
      }),
    ),
  })
  .openapi('AttendanceReport');
