import type { MikroORM } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { appointmentQueries } from '../db/appointment.queries.js';
import { queueQueries } from '../db/queue.queries.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { assertModeFits, startInstant } from '../booking/appointment-time.js';
import { assertBookable } from '../booking/assert-bookable.js';
import { assertCanWrite, readableStores } from '../http/caller-scope.js';
import { namedProcedure } from '../catalogue/named-procedure.js';
import type { CreateAppointmentInput } from '../schemas/appointment.schema.js';
import { refusingOverlap } from '../booking/slot-conflict.js';
import { clearStaleHolds } from '../booking/stale-holds.js';
import { randomBytes } from 'node:crypto';
import { VIDEO_TOKEN_BYTES, videoLinkFor } from '../domain/video-link.js';

/** What staff writes take from the plugin's options. */
export interface StaffWriteSettings {
  /** The meeting link of a video appointment (the `videoLinkTemplate` option). */
  videoLinkTemplate: string;
  /** How long a public slot that staff free stays out of public view (`publicBooking.cooldownMinutes`). */
  cooldownMinutes: number;
}

/**
 * Books an appointment: the row, its audit event and (with an email) its outbox message in one
 * transaction. The database's exclusion constraint decides races; the loser gets 409 and the next
 * free slots. A video appointment gets its unguessable meeting link; a procedure picked from the
 * catalogue, or typed as one of its names, is linked to it.
 */
export async function bookAppointment(orm: MikroORM, user: StaffUser, storeId: string, input: CreateAppointmentInput, settings: StaffWriteSettings): Promise<Appointment> {
  const found = await appointmentQueries.queueFor(orm.em, storeId, readableStores(user), input.queueId);
  if (!found) throw notFound(input.queueId ? 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.' : 'Το ΚΕΠ δεν βρέθηκε.');
  assertCanWrite(user, storeId);
  const startsAt = startInstant(input.startsAt, found.store.timeZone);
  const procedure = await namedProcedure(orm.em, input.procedureId, input.procedure);
  return refusingOverlap(
    orm.em,
    () =>
      orm.em.transactional(async (em) => {
        const queue = await queueQueries.lock(em, storeId, found.id, readableStores(user), 'share');
        if (!queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
        assertModeFits(input.mode, queue.mode);
        const endsAt = new Date(startsAt.getTime() + (input.durationMinutes ?? queue.slotMinutes) * 60_000);
        // Inactive queue, past day, holiday, closure or outside the hours: 409 with the next free slots.
        // Checked under the queue's lock, so a deactivation or change of hours cannot slip in before the insert.
        await assertBookable(em, queue, startsAt, endsAt);
        // Lapsed holds and a cancellation's public cool-down give way to staff (a citizen's live hold does not).
        await clearStaleHolds(em, queue.id, startsAt, endsAt, { cooldownToo: true });
        const appointment = em.create(Appointment, {
          store: storeId,
          queue,
          startsAt,
          endsAt,
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
          videoLink: queue.mode === 'video' ? newVideoLink(settings.videoLinkTemplate) : null,
          source: input.source ?? 'phone',
          createdBy: user.sub,
        });
        recordAudit(em, {
          actor: user.sub,
          action: 'appointment.create',
          entityType: 'appointment',
          entityId: appointment.id,
          storeId,
          after: auditSnapshot(appointment),
        });
        if (appointment.email) addToOutbox(em, 'appointment.confirmation', appointment);
        await em.flush();
        return appointment;
      }),
    () => ({ queue: found, startsAt }),
  );
}

/** A fresh meeting link: the template with 128 random bits. */
export function newVideoLink(template: string): string {
  return videoLinkFor(template, randomBytes(VIDEO_TOKEN_BYTES));
}
