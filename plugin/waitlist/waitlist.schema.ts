import { daysBetween } from '../domain/local-day.js';
import { z } from '../http/zod-openapi.js';
import { appointmentFields as f } from '../schemas/appointment-fields.js';
import { MAX_AVAILABILITY_DAYS } from '../schemas/schedule.schema.js';

const Mode = z.enum(['in_person', 'video'], { error: 'Ο τρόπος είναι «in_person» ή «video».' });
const IsoDate = z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.');

/** The longest span of dates one entry waits for. */
export const MAX_WAITLIST_DAYS = MAX_AVAILABILITY_DAYS;

/** The body of `POST /public/waitlist`: tell me when a time frees up in this KEP, for this procedure and mode, between these local dates. */
export const JoinWaitlistBody = z
  .object({
    storeId: z.uuid('Μη έγκυρο ΚΕΠ.'),
    procedureId: z.uuid('Μη έγκυρη διαδικασία.'),
    mode: Mode,
    from: IsoDate,
    to: IsoDate,
    email: z
      .string({ error: 'Συμπληρώστε το email σας: εκεί θα σας στείλουμε την ώρα που ελευθερώθηκε.' })
      .trim()
      .max(254, 'Το email έχει έως 254 χαρακτήρες.')
      .pipe(z.email('Το email δεν είναι έγκυρο.')),
    // Optional: when the identity provider gave the citizen's names they are the name (a different one is 400).
    firstName: f.firstName.optional(),
    lastName: f.lastName.optional(),
    language: z.enum(['el', 'en'], { error: 'Η γλώσσα είναι «el» ή «en».' }).default('el'),
  })
  .strict()
  .superRefine((q, ctx) => {
    const span = daysBetween(q.from, q.to);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Η ημερομηνία «έως» πρέπει να είναι ίδια ή μετά την «από».' });
    if (span >= MAX_WAITLIST_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Έως ${MAX_WAITLIST_DAYS} ημέρες.` });
  })
  .openapi('PublicWaitlistRequest');
export type JoinWaitlistInput = z.infer<typeof JoinWaitlistBody>;

/** What joining answers: the link to leave (and, later, the one the offer email brings), and the place in line. */
export const WaitlistJoinedView = z
  .object({
    id: z.uuid(),
    status: z.literal('waiting'),
    position: z.number().int().openapi({ description: 'How many wait for this KEP, procedure and mode, this citizen included' }),
    from: z.iso.date(),
    to: z.iso.date(),
    linkUrl: z.string().openapi({ description: 'The link to see the entry and to leave the list (`DELETE`); each offer email brings a new one' }),
    offerMinutes: z.number().int().openapi({ description: 'How long a freed time is held for the citizen once offered' }),
  })
  .openapi('PublicWaitlistJoined');

/** An entry as its link shows it: what it waits for and, when offered, the time held. */
export const WaitlistEntryView = z
  .object({
    status: z.enum(['waiting', 'offered', 'booked', 'left', 'expired']),
    storeName: z.string(),
    procedure: z.string(),
    mode: Mode,
    from: z.iso.date(),
    to: z.iso.date(),
    offer: z
      .object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), until: z.iso.datetime() })
      .nullable()
      .openapi({ description: 'The time held for the citizen, while the offer lasts' }),
  })
  .openapi('PublicWaitlistEntry');

/** `GET /stores/:storeId/waitlist?from=&to=` */
export const StaffWaitlistQuery = z
  .object({ from: IsoDate, to: IsoDate })
  .superRefine((q, ctx) => {
    const span = daysBetween(q.from, q.to);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Η ημερομηνία «έως» πρέπει να είναι ίδια ή μετά την «από».' });
    if (span >= MAX_AVAILABILITY_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Έως ${MAX_AVAILABILITY_DAYS} ημέρες ανά αίτημα.` });
  });

/** How many wait per day and procedure: counts only, no names. */
export const StaffWaitlistView = z
  .object({
    storeId: z.uuid(),
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.array(
      z.object({
        date: z.iso.date(),
        waiting: z.number().int().openapi({ description: 'Citizens on the list whose dates include this day (waiting, or holding an offer)' }),
        procedures: z.array(z.object({ procedureId: z.uuid(), procedure: z.string(), waiting: z.number().int() })),
      }),
    ),
  })
  .openapi('StaffWaitlistCounts');
