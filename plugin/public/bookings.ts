import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Appointment } from '../db/appointment.entity.js';
import type { OutboxMessage } from '../db/outbox-message.entity.js';
import { Procedure } from '../db/procedure.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { StoreProcedure } from '../db/store-procedure.entity.js';
import { VIDEO_TOKEN_BYTES, videoLinkFor } from '../domain/video-link.js';
import { AppError } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { assertBelowCitizenLimit } from './citizen-limit.js';
import { claimIdempotencyKey, releaseIdempotencyKey, storeResponse, type StoredResponse } from './idempotency.js';
import { bookingName } from './citizen-name.js';
import { createManageLink } from './manage-links.js';
import { lockQueue, retryingDeadlocks } from '../booking/stale-holds.js';
import { usePriorityToken } from '../priority/priority-rebooking.js';
import { citizenActor, type Citizen, type PublicBookingRules } from './public-settings.js';
import type { BookingInput } from './public.schema.js';

/** What booking needs besides the citizen and the form. */
export interface BookingContext {
  rules: PublicBookingRules;
  videoLinkTemplate: string;
  /** Where the plugin is reached, for the manage link. */
  baseUrl: string;
  idempotencyKey: string;
  requestHash: string;
}

/**
 * Turns the citizen's hold into a booked appointment: the same row, so nobody can take the time in
 * between. In one transaction: the idempotency key (a repeated request replays the first answer),
 * the per-citizen limit (serialised per citizen by an advisory lock), the row, a video link for a
 * video call, a manage link, the audit event and the confirmation email in the outbox; and, for a
 * hold placed with a priority token, the token used up (409 `priority-used`, nothing booked, when
 * another booking used it first).
 */
export async function bookHold(orm: MikroORM, citizen: Citizen, input: BookingInput, ctx: BookingContext): Promise<StoredResponse & { replayed: boolean }> {
  const name = bookingName(citizen, input);
  const outcome = await retryingDeadlocks(() =>
    orm.em.transactional(async (em) => {
      const stored = await claimIdempotencyKey(em, citizen.sub, ctx.idempotencyKey, ctx.requestHash);
      if (stored) return { ...stored, replayed: true };
      await (em as SqlEntityManager).execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [citizenActor(citizen)]);
      const hold = await lockedHold(em, citizen, input.holdId);
      const procedure = hold.procedureId ? await stillOffered(em, hold.store.id, hold.procedureId) : null;
      if (hold.procedureId && !procedure) {
        // Withdrawn while the citizen filled in the form: the time goes back to everyone at once.
        em.remove(hold);
        await em.flush();
        await releaseIdempotencyKey(em, citizen.sub, ctx.idempotencyKey);
        return 'withdrawn' as const;
      }
      await assertBelowCitizenLimit(em, citizen.sub, ctx.rules.maxFutureAppointmentsPerCitizen, hold.id);
      if (hold.priorityTokenHash) await usePriorityToken(em, hold.priorityTokenHash);

      hold.status = 'booked';
      hold.heldUntil = null;
      hold.holder = null;
      hold.firstName = name.firstName;
      hold.lastName = name.lastName;
      hold.email = input.email;
      hold.phone = input.phone ?? null;
      hold.businessName = input.business?.name ?? null;
      hold.businessTaxId = input.business?.taxId ?? null;
      // The ΑΦΜ the identity provider said (GSIS): the citizen's own, never typed.
      hold.taxId = citizen.taxId ?? null;
      hold.language = input.language;
      hold.source = 'online';
      hold.citizenSub = citizen.sub;
      hold.videoLink = hold.mode === 'video' ? videoLinkFor(ctx.videoLinkTemplate, randomBytes(VIDEO_TOKEN_BYTES)) : null;
      const manageUrl = createManageLink(em, hold, ctx.baseUrl, ctx.rules);
      recordAudit(em, {
        actor: citizenActor(citizen),
        action: 'appointment.create',
        entityType: 'appointment',
        entityId: hold.id,
        storeId: hold.store.id,
        after: { ...auditSnapshot(hold), citizenSub: citizen.sub, videoLink: hold.videoLink ?? null },
      });
      const outbox: OutboxMessage = addToOutbox(em, 'appointment.confirmation', hold);
      outbox.manageUrl = manageUrl;
      await em.flush();

      const body = {
        id: hold.id,
        reference: hold.reference,
        storeName: hold.store.name,
        startsAt: hold.startsAt.toISOString(),
        endsAt: hold.endsAt.toISOString(),
        mode: hold.mode,
        procedure: procedure ? procedure.nameIn(input.language) : (hold.procedure ?? null),
        videoLink: hold.videoLink ?? null,
        manageUrl,
      };
      await storeResponse(em, citizen.sub, ctx.idempotencyKey, { status: 201, body });
      return { status: 201, body, replayed: false };
    }),
  );
  if (outcome === 'withdrawn') {
    throw new AppError(409, 'procedure-withdrawn', 'Η διαδικασία που επιλέξατε δεν προσφέρεται πλέον σε αυτό το ΚΕΠ. Επιλέξτε ξανά διαδικασία και ώρα.');
  }
  return outcome;
}

/** The hold's procedure while the catalogue has it and the KEP still offers it; null once withdrawn. */
async function stillOffered(em: EntityManager, storeId: string, procedureId: string): Promise<Procedure | null> {
  const offer = await em.findOne(StoreProcedure, { store: storeId, procedure: { id: procedureId, active: true } }, { populate: ['procedure'] });
  return (offer?.procedure as Procedure | undefined) ?? null;
}

/** The citizen's own live hold, locked for the change; 404 for anyone else's, 409 once it lapsed. */
async function lockedHold(em: EntityManager, citizen: Citizen, holdId: string): Promise<Appointment> {
  const [queue] = await (em as SqlEntityManager).execute<{ queue_id: string }[]>(`select queue_id from appointment where id = ? and citizen_sub = ?`, [holdId, citizen.sub]);
  if (!queue) throw new AppError(404, 'hold-not-found', 'Η κράτηση της ώρας δεν βρέθηκε ή έχει λήξει. Επιλέξτε ξανά ώρα.');
  // The queue first, then the row (as holds do), so that writers of one queue never wait for each other in a circle.
  await lockQueue(em, queue.queue_id);
  // Lock the row alone: a FOR UPDATE over a join would lock the KEP's row too and queue every booking of the KEP behind it.
  const [row] = await (em as SqlEntityManager).execute<{ id: string; held_until: Date }[]>(
    `select id, held_until from appointment where id = ? and citizen_sub = ? and status = 'held' and holder = ? for update`,
    [holdId, citizen.sub, citizen.sub],
  );
  if (!row) throw new AppError(404, 'hold-not-found', 'Η κράτηση της ώρας δεν βρέθηκε ή έχει λήξει. Επιλέξτε ξανά ώρα.');
  if (new Date(row.held_until).getTime() <= Date.now()) {
    throw new AppError(409, 'hold-expired', 'Ο χρόνος κράτησης της ώρας έληξε. Επιλέξτε ξανά ώρα.');
  }
  const hold = await em.findOne(Appointment, holdId, { populate: ['store', 'queue'], refresh: true });
  return hold!;
}
