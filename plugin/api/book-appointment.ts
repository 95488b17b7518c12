import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { bookingQueries, type LockedQueueRow } from '../db/booking.queries.js';
import type { StaffUser } from '../auth/session-data.js';
import { notFound } from '../http/app-error.js';
import { rememberViewFacts } from '../booking/appointment-view.js';
import { assertModeFits, startInstant } from '../booking/appointment-time.js';
import { assertBookable } from '../booking/assert-bookable.js';
import { inTimeTransaction, isLostRace, type BookingCore } from '../booking/booking-core.js';
import { claimTime, datesAround, queueStateOf } from '../booking/claim-time.js';
import { slotTaken, type TimePolicy } from '../booking/free-times.js';
import { assertCanWrite, readableStores } from '../http/caller-scope.js';
import { namedProcedure } from '../catalogue/named-procedure.js';
import type { CreateAppointmentInput } from '../schemas/appointment.schema.js';
import { VIDEO_TOKEN_BYTES, videoLinkFor } from '../domain/video-link.js';

/** What staff writes take from the plugin's options, with the booking core's clock and hook. */
export interface StaffWriteSettings extends BookingCore {
  /** The meeting link of a video appointment (the `videoLinkTemplate` option). */
  videoLinkTemplate: string;
  /** How long a public slot that staff free stays out of public view (`publicBooking.cooldownMinutes`). */
  cooldownMinutes: number;
}

/**
 * Staff's policy for free times: the queue as named, cool-downs and lapsed holds free (staff may
 * book those at once), no minimum notice and no horizon.
 */
export function staffTimes(store: { id: string; timeZone: string }, queue: LockedQueueRow, now: Date): TimePolicy {
  return { store, queues: [queueStateOf(queue)], now, cooldownsFree: true };
}

/**
 * Books an appointment: the row, its audit event and (with an email) its outbox message in one
 * statement of one transaction, after the queue's locks and the schedule check under them (four
 * round trips). The database's exclusion constraint decides races; the loser gets the one 409
 * `slot-taken` with the next free times. A video appointment gets its unguessable meeting link; a
 * procedure picked from the catalogue, or typed as one of its names, is linked to it.
 */
export async function bookAppointment(orm: MikroORM, user: StaffUser, storeId: string, input: CreateAppointmentInput, settings: StaffWriteSettings): Promise<Appointment> {
  if (!readableStores(user).includes(storeId)) throw notFound(input.queueId ? 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.' : 'Το ΚΕΠ δεν βρέθηκε.');
  assertCanWrite(user, storeId);
  const dates = datesAround(startInstant(input.startsAt, 'UTC'));
  // Typed text that may name a catalogue procedure is matched before the transaction; a picked id is read with the locks.
  const named = input.procedureId === undefined ? await namedProcedure(orm.em, undefined, input.procedure) : null;
  let wanted = null as { policy: TimePolicy; startsAt: Date } | null;
  try {
    return await inTimeTransaction(orm, settings, async (em, changed) => {
      const now = settings.now();
      const locked = await bookingQueries.lockTimes(em, { storeId, queueIds: input.queueId ? [input.queueId] : [], orDefault: !input.queueId, dates, procedureId: input.procedureId });
      const queue = locked.queues[0];
      if (!queue || !locked.store) throw notFound(input.queueId ? 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.' : 'Το ΚΕΠ δεν βρέθηκε.');
      const store = { id: storeId, timeZone: locked.store.time_zone };
      const startsAt = startInstant(input.startsAt, store.timeZone);
      assertModeFits(input.mode, queue.mode);
      const endsAt = new Date(startsAt.getTime() + (input.durationMinutes ?? queue.slot_minutes) * 60_000);
      const policy = staffTimes(store, queue, now);
      // Inactive queue, past day, holiday, closure or outside the hours: 409 with the next free times.
      await assertBookable(em, { queue: queueStateOf(queue), startsAt, endsAt, exceptions: locked.schedule.exceptions, now, zone: store.timeZone }, policy);
      const picked = input.procedureId ? locked.procedure : null;
      const procedure = picked
        ? { id: picked.id, name: picked.name, videoEligible: picked.video_eligible }
        : // A picked id that is not (or no longer) an active procedure: 400, as the catalogue says it.
          (named ?? (input.procedureId ? await namedProcedure(em, input.procedureId, undefined) : null));
      wanted = { policy, startsAt };
      const appointment = await claimTime(em, changed, {
        store: locked.store,
        queue,
        startsAt,
        endsAt,
        now,
        schedule: { dates, fingerprint: locked.schedule.fingerprint },
        // Lapsed holds and a cancellation's public cool-down give way to staff (a citizen's live hold does not).
        cooldownToo: true,
        appointment: {
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email ?? null,
          phone: input.phone ?? null,
          taxId: input.taxId ?? null,
          businessName: input.businessName ?? null,
          businessTaxId: input.businessTaxId ?? null,
          procedure: input.procedure || procedure?.name || null,
          procedureId: procedure?.id ?? null,
          notes: input.notes || null,
          mode: queue.mode,
          status: 'booked',
          videoLink: queue.mode === 'video' ? newVideoLink(settings.videoLinkTemplate) : null,
          source: input.source ?? 'phone',
          createdBy: user.sub,
        },
        audit: { actor: user.sub, action: 'appointment.create' },
        outboxKind: 'appointment.confirmation',
      });
      rememberViewFacts(appointment, { procedureVideoEligible: procedure?.videoEligible ?? null, politeNoticeSentAt: null });
      return appointment;
    });
  } catch (err) {
    if (!wanted || !isLostRace(err)) throw err;
    throw await slotTaken(orm.em, wanted.policy, wanted.startsAt);
  }
}

/** A fresh meeting link: the template with 128 random bits. */
export function newVideoLink(template: string): string {
  return videoLinkFor(template, randomBytes(VIDEO_TOKEN_BYTES));
}
