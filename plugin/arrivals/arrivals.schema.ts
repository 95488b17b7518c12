import { ARRIVAL_OPENS_MINUTES_BEFORE } from '../domain/attendance.js';
import { z } from '../http/zod-openapi.js';
import { text } from '../schemas/text.js';
import { referenceFromTyped } from '../domain/booking-reference.js';

const JUNK = 'Ο κωδικός ραντεβού έχει 6 χαρακτήρες, γράμματα και αριθμούς, π.χ. K7P-4MX (χωρίς 0, O, 1, I, L). Ελέγξτε τον και δοκιμάστε ξανά.';

/**
 * `POST /stores/:storeId/arrivals`: the booking reference as typed or scanned. What reaches the
 * handler is the stored form ("K7P-4MX"): case, spaces, dashes and Greek look-alike letters folded.
 */
export const ArrivalBody = z
  .object({
    reference: z
      .string({ error: 'Συμπληρώστε τον κωδικό του ραντεβού.' })
      .max(40, JUNK)
      .transform((typed, ctx) => {
        const reference = referenceFromTyped(typed);
        if (reference === null) {
          ctx.addIssue({ code: 'custom', message: typed.trim() === '' ? 'Συμπληρώστε τον κωδικό του ραντεβού.' : JUNK });
          return z.NEVER;
        }
        return reference;
      })
      .openapi({ type: 'string', maxLength: 40, example: 'K7P-4MX' }),
  })
  .strict()
  .openapi('Arrival');

/** What the ticket prints, and what the staff screen shows after an arrival. */
export const ArrivalTicket = z
  .object({
    number: z.number().int().positive().openapi({ description: 'Queue number of the KEP’s day, from 1' }),
    day: z.string().openapi({ description: 'The KEP’s local day of the number, YYYY-MM-DD' }),
    reference: z.string().openapi({ example: 'K7P-4MX' }),
    appointmentId: z.uuid(),
    queue: z.object({ id: z.uuid(), name: z.string() }),
    startsAt: z.string().openapi({ description: 'The appointment’s start (UTC)' }),
    time: z.string().openapi({ description: 'The start as the KEP’s local "HH:mm"', example: '09:30' }),
    issuedAt: z.string(),
  })
  .openapi('ArrivalTicket');

/** What a device key may do: record arrivals (ticket machine, kiosk) or read the calls (waiting-room display). */
const DeviceKindSchema = z
  .enum(['arrivals', 'display'], { error: 'Το είδος της συσκευής είναι «arrivals» (μηχάνημα προτεραιότητας, κιόσκι) ή «display» (οθόνη κλήσεων).' })
  .openapi({ description: '`arrivals`: records arrivals by reference; `display`: reads the calls for a waiting-room screen, nothing else' });

/** `POST /stores/:storeId/devices`: a ticket machine, kiosk or call display to issue a key for. */
export const IssueDeviceBody = z
  .object({
    name: text('name', { required: 'Δώστε ένα όνομα στη συσκευή (π.χ. «Μηχάνημα εισόδου»).', max: 80, tooLong: 'Το όνομα της συσκευής έχει έως 80 χαρακτήρες.' }),
    kind: DeviceKindSchema.default('arrivals'),
  })
  .strict()
  .openapi('IssueDevice');

/** A device as the list shows it: never its key. */
export const DeviceView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    kind: DeviceKindSchema,
    createdAt: z.string(),
    createdBy: z.string(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('Device');

/** The answer to an issue: the device and its key, shown this once (only its hash is stored). */
export const IssuedDevice = DeviceView.extend({ key: z.string().openapi({ description: 'Send as `Authorization: Bearer <key>`; shown only now' }) }).openapi('IssuedDevice');

/**
 * `PUT /stores/:storeId/arrivals/window`: how early and how late the KEP takes an arrival by
 * reference. Early at most {@link ARRIVAL_OPENS_MINUTES_BEFORE}: the attendance rule records no
 * arrival before that, and the kiosk must not invite what the counter then refuses.
 */
export const ArrivalWindowBody = z
  .object({
    earlyMinutes: z
      .number({ error: 'Συμπληρώστε πόσα λεπτά νωρίτερα γίνεται δεκτή η άφιξη.' })
      .int('Τα λεπτά είναι ακέραιος αριθμός.')
      .min(0, 'Τα λεπτά δεν μπορεί να είναι αρνητικά.')
      .max(ARRIVAL_OPENS_MINUTES_BEFORE, `Η άφιξη καταγράφεται το πολύ ${ARRIVAL_OPENS_MINUTES_BEFORE} λεπτά πριν από την ώρα του ραντεβού.`),
    lateMinutes: z
      .number({ error: 'Συμπληρώστε πόσα λεπτά αργότερα γίνεται δεκτή η άφιξη.' })
      .int('Τα λεπτά είναι ακέραιος αριθμός.')
      .min(0, 'Τα λεπτά δεν μπορεί να είναι αρνητικά.')
      .max(240, 'Η καθυστέρηση που γίνεται δεκτή είναι έως 240 λεπτά.'),
  })
  .strict()
  .openapi('ArrivalWindow', { example: { earlyMinutes: 30, lateMinutes: 15 } });
