import { z } from 'zod';
import { minutesOf } from '../domain/weekly-hours.js';

const LocalTime = (what: string) =>
  z.string().refine((v) => v !== '24:00' && minutesOf(v) !== null, `${what} must be a local time "HH:mm" (Europe/Athens)`);

/**
 * The `attendance` option of `createRantevou` (issue 8): when the jobs that keep a missed appointment
 * from passing unnoticed run, and how long personal data is kept. Every field has a default.
 */
export const AttendanceOptions = z
  .object({
    /** Run the scheduler in this instance (every instance may: an advisory lock makes each job run once). */
    runJobs: z.boolean().default(true),
    /** An appointment still only "booked" this long after its start alerts the KEP's administrator, once. */
    escalateAfterMinutes: z.number().int().min(1).max(240).default(15),
    /** From this local time, the day's appointments still only "booked" become "missed_by_staff". */
    endOfDay: LocalTime('attendance.endOfDay').default('20:00'),
    /** When staff who asked for it get the day's list. */
    morningListAt: LocalTime('attendance.morningListAt').default('07:30'),
    /** Personal data of appointments is removed this many months after the appointment. */
    retentionMonths: z.number().int().min(1).max(120).default(12),
    /** When the nightly retention job runs (local time). */
    retentionAt: LocalTime('attendance.retentionAt').default('03:00'),
    /** A citizen whose appointment the KEP missed may book again first in line until the end of this many days after. */
    priorityDays: z.number().int().min(1).max(365).default(30),
    /**
     * Who gets the alert of an appointment without action, per KEP code (`"*"`: every other KEP).
     * Without an entry, the KEP's contact email.
     */
    alertAddresses: z.record(z.string(), z.array(z.email())).default({}),
    /**
     * The "book again first in line" link of the apology; `{token}` becomes the priority token.
     * Default: the plugin's own `/api/v1/priority/{token}` under `publicUrl`.
     */
    rebookUrl: z.string().includes('{token}', { message: 'attendance.rebookUrl must contain {token}' }).optional(),
    /** How often the scheduler looks at its jobs. */
    tickSeconds: z.number().min(1).max(600).default(30),
  })
  .prefault({});

/** The parsed `attendance` option. */
export type AttendanceSettings = z.output<typeof AttendanceOptions>;

/** The attendance settings with every default, for callers that build them without `createRantevou` (tests, benches). */
export function attendanceSettings(input: z.input<typeof AttendanceOptions> = {}): AttendanceSettings {
  return AttendanceOptions.parse(input);
}
