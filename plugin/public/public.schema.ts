import { appointmentFields as f, StartsAt } from '../schemas/appointment-fields.js';
import { MAX_AVAILABILITY_DAYS } from '../schemas/schedule.schema.js';
import { daysBetween } from '../domain/local-day.js';
import { text } from '../schemas/text.js';
import { z } from '../http/zod-openapi.js';

const Mode = z.enum(['in_person', 'video'], { error: 'Ο τρόπος είναι «in_person» ή «video».' });
const Lang = z.enum(['el', 'en'], { error: 'Η γλώσσα είναι «el» ή «en».' });
const IsoDate = z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.');

/** `GET /public/stores?q=` */
export const StoreSearchQuery = z.object({ q: text('line', { max: 100, tooLong: 'Η αναζήτηση έχει έως 100 χαρακτήρες.' }).optional() });

/** `GET /public/stores/:storeId/procedures?lang=` */
export const LangQuery = z.object({ lang: Lang.default('el') });

/** A "book again first in line" token, from the apology for an appointment the KEP missed. */
const PriorityToken = text('line', { required: 'Ο σύνδεσμος προτεραιότητας δεν είναι έγκυρος.', max: 200, tooLong: 'Ο σύνδεσμος προτεραιότητας δεν είναι έγκυρος.' })
  .openapi({ description: 'A priority token (from the apology for an appointment the KEP missed): also offers times inside the minimum notice and in a cancellation’s cool-down; 400 when not valid for this KEP' });

/**
 * A booking flow's random id (the widget makes a fresh one per page and per booking): a search that
 * finds no time counts once per id in a burst (unmet demand); never stored, never tied to a person.
 */
export const SearchId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/, 'Μη έγκυρο αναγνωριστικό αναζήτησης.')
  .openapi({ description: 'Optional random id of one booking flow (8–64 of A–Z a–z 0–9 _ -): a search that finds no free time within the unmet-demand days is counted once per id, KEP, procedure, mode and week for half an hour; without it each such search counts. Never stored.' });

/** `GET /public/stores/:storeId/availability?from=&to=&mode=&procedureId=&searchId=&priorityToken=` */
export const PublicAvailabilityQuery = z
  .object({
    from: IsoDate.optional(),
    to: IsoDate.optional(),
    mode: Mode.default('in_person'),
    /** What the citizen comes for: only counted when the search finds nothing (unmet demand). */
    procedureId: z.uuid('Μη έγκυρη διαδικασία.').optional(),
    searchId: SearchId.optional(),
    priorityToken: PriorityToken.optional(),
  })
  .superRefine((q, ctx) => {
    if (!q.from || !q.to) return;
    const span = daysBetween(q.from, q.to);
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: 'Η ημερομηνία «έως» πρέπει να είναι ίδια ή μετά την «από».' });
    if (span >= MAX_AVAILABILITY_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `Έως ${MAX_AVAILABILITY_DAYS} ημέρες ανά αίτημα.` });
  });

/** The body of `POST /public/holds`. */
export const HoldBody = z
  .object({
    storeId: z.uuid('Μη έγκυρο ΚΕΠ.'),
    startsAt: StartsAt,
    mode: Mode,
    procedureId: z.uuid('Μη έγκυρη διαδικασία.'),
    priorityToken: PriorityToken.optional(),
    searchId: SearchId.optional(),
  })
  .strict()
  .openapi('PublicHoldRequest');
export type HoldInput = z.infer<typeof HoldBody>;

const RequiredEmail = z
  .string({ error: 'Συμπληρώστε το email σας: εκεί θα λάβετε την επιβεβαίωση.' })
  .trim()
  .max(254, 'Το email έχει έως 254 χαρακτήρες.')
  .pipe(z.email('Το email δεν είναι έγκυρο.'));

/** The body of `POST /public/bookings`. */
export const BookingBody = z
  .object({
    holdId: z.uuid('Μη έγκυρη κράτηση ώρας.'),
    // Optional: when the identity provider gave the citizen's names they are the name (a different one is 400).
    firstName: f.firstName.optional(),
    lastName: f.lastName.optional(),
    email: RequiredEmail,
    phone: f.phone.optional(),
    business: z
      .object({
        name: f.businessName.unwrap().pipe(z.string().min(1, 'Συμπληρώστε την επωνυμία της επιχείρησης.')),
        taxId: f.taxId.unwrap(),
      })
      .strict()
      .nullable()
      .optional(),
    language: Lang.default('el'),
  })
  .strict()
  .openapi('PublicBookingRequest');
export type BookingInput = z.infer<typeof BookingBody>;

/** The body of `POST /public/manage/:token/move`. */
export const MoveBody = z.object({ startsAt: StartsAt }).strict().openapi('PublicMoveRequest');

/** A KEP in the public search. */
export const PublicStoreView = z
  .object({ id: z.uuid(), name: z.string(), municipality: z.string(), address: z.string(), offersVideo: z.boolean() })
  .openapi('PublicStore');

/** A procedure a KEP offers, in the requested language. */
export const PublicProcedureView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    videoEligible: z.boolean(),
    alternative: z.string().nullable().openapi({ description: 'What to do instead of a video call; null when video is fine' }),
    bring: z.array(z.string()),
  })
  .openapi('PublicProcedure');

/** Free public slots per local day. */
export const PublicAvailabilityView = z
  .object({
    from: z.iso.date(),
    to: z.iso.date(),
    days: z.array(
      z.object({
        date: z.iso.date(),
        slots: z.array(z.object({ startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), label: z.string().openapi({ example: '09:30' }) })),
      }),
    ),
  })
  .openapi('PublicAvailability');

/** A held slot. */
export const HoldView = z
  .object({ holdId: z.uuid(), startsAt: z.iso.datetime(), endsAt: z.iso.datetime(), expiresAt: z.iso.datetime() })
  .openapi('PublicHold');

/** What a booking answers. */
export const BookingView = z
  .object({
    id: z.uuid(),
    /** The booking reference to quote to the KEP (unique in the KEP, kept when the appointment moves). */
    reference: z.string().openapi({ example: 'K7P-4MX' }),
    storeName: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    mode: Mode,
    procedure: z.string().nullable(),
    videoLink: z.string().nullable(),
    videoRoomUrl: z.string().nullable().openapi({ description: 'A video appointment: the plugin’s video waiting room for its call, the link to give the citizen (its «Περιμένω» records that they are there, then opens `videoLink`, the meeting itself); null otherwise' }),
    manageUrl: z.string(),
  })
  .openapi('PublicBooking');

/** An appointment as its citizen sees it: no staff data. */
export const CitizenAppointmentView = z
  .object({
    id: z.uuid(),
    /** The booking reference to quote to the KEP. */
    reference: z.string().openapi({ example: 'K7P-4MX' }),
    storeId: z.uuid(),
    storeName: z.string(),
    address: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    mode: Mode,
    procedure: z.string().nullable(),
    videoLink: z.string().nullable(),
    videoRoomUrl: z.string().nullable().openapi({ description: 'A video appointment: the plugin’s video waiting room for its call, the link to give the citizen (its «Περιμένω» records that they are there, then opens `videoLink`, the meeting itself); null otherwise' }),
    status: z.enum(['booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff']),
    canChange: z.boolean().openapi({ description: 'Whether it can still be cancelled or moved online' }),
  })
  .openapi('CitizenAppointment');
