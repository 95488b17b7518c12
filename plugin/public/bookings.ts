import { randomBytes } from 'node:crypto';
import { Appointment } from '../db/appointment.entity.js';
import { citizenBookingQueries } from '../db/citizen-booking.queries.js';
import { VIDEO_TOKEN_BYTES, videoLinkFor } from '../domain/video-link.js';
import { videoRoomUrl } from '../domain/video-room.js';
import { searchKey } from '../domain/search-key.js';
import { AppError } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { inTimeTransaction } from '../booking/booking-core.js';
import { assertBelowCitizenLimit } from './citizen-limit.js';
import { claimIdempotencyKey, releaseIdempotencyKey, type StoredResponse } from './idempotency.js';
import { bookingName } from './citizen-name.js';
import { newManageLink } from './manage-links.js';
import { usePriorityToken } from '../priority/priority-rebooking.js';
import type { CitizenWrites } from './holds.js';
import { citizenActor, type Citizen } from './public-settings.js';
import type { BookingInput, BookingView } from './public.schema.js';
import type { z } from '../http/zod-openapi.js';

/** What booking needs besides the citizen and the form. */
/** What a held time becomes when booked, as the citizen's answer needs it. */
export interface BookedFacts {
  id: string;
  reference: string;
  storeName: string;
  startsAt: Date | string;
  endsAt: Date | string;
  mode: 'in_person' | 'video';
  procedure: string | null;
  /** The meeting of a video appointment, drawn by the booking. */
  videoLink: string | null;
  /** Where the plugin is reached: the video waiting room's address. */
  baseUrl: string;
  manageUrl: string;
}

/**
 * The answer of a booking, from the public booking and from a waitlist offer's link alike: a video
 * appointment's waiting room is the link to give the citizen (`videoRoomUrl`), as the emails do.
 */
export function bookingAnswer(f: BookedFacts): z.infer<typeof BookingView> {
  return {
    id: f.id,
    reference: f.reference,
    storeName: f.storeName,
    startsAt: new Date(f.startsAt).toISOString(),
    endsAt: new Date(f.endsAt).toISOString(),
    mode: f.mode,
    procedure: f.procedure,
    videoLink: f.videoLink,
    videoRoomUrl: f.videoLink ? videoRoomUrl(f.baseUrl, f.videoLink) : null,
    manageUrl: f.manageUrl,
  };
}

export interface BookingContext {
  videoLinkTemplate: string;
  /** Where the plugin is reached, for the manage link. */
  baseUrl: string;
  idempotencyKey: string;
  requestHash: string;
}

const HOLD_GONE = 'Η κράτηση της ώρας δεν βρέθηκε ή έχει λήξει. Επιλέξτε ξανά ώρα.';

/**
 * Turns the citizen's hold into a booked appointment: the same row, so nobody can take the time in
 * between. In one transaction of five round trips: the citizen's lock and the idempotency key (a
 * repeated request replays the first answer), the hold locked with what the booking decides on
 * (the per-citizen limit, serialised by that lock; the procedure still offered), then one statement
 * with the row, a video link for a video call, a manage link, the audit event, the confirmation
 * email and the answer to replay. A hold placed with a priority token uses the token up (409
 * `priority-used`, nothing booked, when another booking used it first).
 */
export async function bookHold(deps: CitizenWrites, citizen: Citizen, input: BookingInput, ctx: BookingContext): Promise<StoredResponse & { replayed: boolean }> {
  const name = bookingName(citizen, input);
  const actor = citizenActor(citizen);
  const outcome = await inTimeTransaction(deps.orm, deps, async (em, changed) => {
    const now = deps.now();
    if (!(await citizenBookingQueries.lockCitizenAndClaim(em, actor, citizen.sub, ctx.idempotencyKey, ctx.requestHash))) {
      const stored = await claimIdempotencyKey(em, citizen.sub, ctx.idempotencyKey, ctx.requestHash);
      if (stored) return { ...stored, replayed: true };
    }
    const hold = await citizenBookingQueries.lockHold(em, { holdId: input.holdId, citizenSub: citizen.sub, now });
    if (!hold) throw new AppError(404, 'hold-not-found', HOLD_GONE);
    if (new Date(hold.held_until).getTime() <= now.getTime()) throw new AppError(409, 'hold-expired', 'Ο χρόνος κράτησης της ώρας έληξε. Επιλέξτε ξανά ώρα.');
    const store = hold.store_json;
    const procedure = hold.procedure_json;
    if (hold.procedure_id && !procedure) {
      // Withdrawn while the citizen filled in the form: the time goes back to everyone at once.
      await em.nativeDelete(Appointment, { id: hold.id, status: 'held' });
      await releaseIdempotencyKey(em, citizen.sub, ctx.idempotencyKey);
      changed.add(store.id, hold.queue_id, store.time_zone, hold.starts_at, hold.ends_at);
      return 'withdrawn' as const;
    }
    const max = deps.rules.maxFutureAppointmentsPerCitizen;
    if (hold.future >= max) await assertBelowCitizenLimit(em, citizen.sub, max, hold.id, now);
    if (hold.priority_token_hash) await usePriorityToken(em, hold.priority_token_hash, now);

    const videoLink = hold.mode === 'video' ? videoLinkFor(ctx.videoLinkTemplate, randomBytes(VIDEO_TOKEN_BYTES)) : null;
    const booked = {
      firstName: name.firstName,
      lastName: name.lastName,
      email: input.email,
      phone: input.phone ?? null,
      businessName: input.business?.name ?? null,
      businessTaxId: input.business?.taxId ?? null,
      // The ΑΦΜ the identity provider said (GSIS): the citizen's own, never typed.
      taxId: citizen.taxId ?? null,
    };
    const manage = newManageLink(ctx.baseUrl, deps.rules, now);
    const body = bookingAnswer({
      id: hold.id,
      reference: hold.reference,
      storeName: store.name,
      startsAt: hold.starts_at,
      endsAt: hold.ends_at,
      mode: hold.mode,
      procedure: procedure ? (input.language === 'en' ? procedure.name_en : procedure.name) : (hold.procedure ?? null),
      videoLink,
      baseUrl: ctx.baseUrl,
      manageUrl: manage.url,
    });
    const after = auditSnapshot({
      ...booked,
      queue: { id: hold.queue_id },
      startsAt: new Date(hold.starts_at),
      endsAt: new Date(hold.ends_at),
      procedure: hold.procedure,
      notes: hold.notes,
      mode: hold.mode,
      status: 'booked',
      source: 'online',
      cancelledReason: null,
    });
    const written = await citizenBookingQueries.bookHeld(em, {
      holdId: hold.id,
      set: { ...booked, searchKey: `${searchKey(name.firstName)} ${searchKey(name.lastName)}`.slice(0, 300), language: input.language, citizenSub: citizen.sub, videoLink },
      audit: { actor, after: { ...after, citizenSub: citizen.sub, videoLink } },
      manage,
      answer: { citizenSub: citizen.sub, key: ctx.idempotencyKey, status: 201, body },
    });
    if (!written) throw new AppError(404, 'hold-not-found', HOLD_GONE);
    // A hold becoming a booking takes no time from anyone: the availability already counted it.
    return { status: 201, body, replayed: false };
  });
  if (outcome === 'withdrawn') {
    throw new AppError(409, 'procedure-withdrawn', 'Η διαδικασία που επιλέξατε δεν προσφέρεται πλέον σε αυτό το ΚΕΠ. Επιλέξτε ξανά διαδικασία και ώρα.');
  }
  return outcome;
}
