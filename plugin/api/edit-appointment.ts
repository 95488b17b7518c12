import { OptimisticLockError, type EntityManager, type MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Appointment } from '../db/appointment.entity.js';
import { appointmentQueries } from '../db/appointment.queries.js';
import { Queue } from '../db/queue.entity.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { AppError, notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { assertModeFits, startInstant } from '../booking/appointment-time.js';
import { assertBookable } from '../booking/assert-bookable.js';
import { inTimeTransaction, isLostRace, type ChangedTimes } from '../booking/booking-core.js';
import { queueStateOf } from '../booking/claim-time.js';
import { clearWay, coolDown, lockForChange, slotOf } from '../booking/free-time.js';
import { slotTaken, type TimePolicy } from '../booking/free-times.js';
import { newVideoLink, staffTimes, type StaffWriteSettings } from './book-appointment.js';
import { assertCanWrite, readableStores } from '../http/caller-scope.js';
import { namedProcedure } from '../catalogue/named-procedure.js';
import type { UpdateAppointmentInput } from '../schemas/appointment.schema.js';

const EDITABLE = ['firstName', 'lastName', 'email', 'phone', 'taxId', 'businessName', 'businessTaxId', 'procedure', 'source', 'notes'] as const;

/**
 * Edits or moves an appointment, refusing a stale edit (412) so two people editing the same row never
 * overwrite each other silently, and a move onto a taken slot (409) through the same database rule as
 * booking. A change of time or queue tells the citizen by email, through the outbox; as with a
 * cancellation, the public time it leaves goes into the cool-down. A video appointment has a meeting
 * link, an in-person one none.
 */
export async function editAppointment(orm: MikroORM, user: StaffUser, id: string, input: UpdateAppointmentInput, settings: StaffWriteSettings, ifMatch?: number) {
  const expectedVersion = ifMatch ?? input.version;
  if (expectedVersion === undefined) {
    throw new AppError(428, 'version-required', 'Στείλτε την έκδοση του ραντεβού που επεξεργαστήκατε (If-Match ή version).');
  }
  let moved = null as { policy: TimePolicy; startsAt: Date } | null;
  try {
    return await inTimeTransaction(orm, settings, async (em, changed) => {
      const now = settings.now();
      const a = await loadForChange(em, user, id);
      if (a.version !== expectedVersion) throw stale();
      const before = auditSnapshot(a);
      const linksBefore = { procedureId: a.procedureId, videoLink: a.videoLink };
      const left = slotOf(a);
      const target = await applyTimeAndQueue(em, changed, user, a, input, now);
      if (target) moved = target;
      if (a.mode !== 'video') a.videoLink = null;
      else if (!a.videoLink) a.videoLink = newVideoLink(settings.videoLinkTemplate);
      await linkProcedure(em, a, input);
      for (const field of EDITABLE) if (input[field] !== undefined) (a as Record<string, unknown>)[field] = input[field];
      if (Boolean(a.businessName) !== Boolean(a.businessTaxId)) {
        const message = 'Για εκπροσώπηση επιχείρησης συμπληρώστε και την επωνυμία και τον ΑΦΜ της.';
        throw new AppError(400, 'validation', message, { errors: [{ path: 'businessTaxId', message }] });
      }
      const after = auditSnapshot(a);
      // An edit that changes nothing is no change: no audit event, no email, and the version stays.
      if (sameSnapshot({ ...before, ...linksBefore }, { ...after, procedureId: a.procedureId, videoLink: a.videoLink })) return a;
      recordAudit(em, { actor: user.sub, action: 'appointment.update', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after });
      const timeChanged = before.startsAt !== after.startsAt || before.endsAt !== after.endsAt || before.queueId !== after.queueId;
      if (timeChanged && a.email) addToOutbox(em, 'appointment.change', a, { previousStartsAt: new Date(before.startsAt as string) });
      await flushOrStale(em);
      if (timeChanged) {
        changed.add(a.store.id, a.queue.id, a.store.timeZone, a.startsAt, a.endsAt);
        await coolDown(em, changed, left, settings.cooldownMinutes, now);
      }
      return a;
    });
  } catch (err) {
    if (!moved || !isLostRace(err)) throw err;
    throw await slotTaken(orm.em, moved.policy, moved.startsAt);
  }
}

/**
 * Applies a new time, length or queue: under the locks of both queues (see LOCK ORDER), checked
 * against the schedule as a booking is, with the lapsed holds and cool-downs in the way cleared (a
 * move takes them as a staff booking does). Answers the policy and time of a move, else null.
 */
async function applyTimeAndQueue(em: SqlEntityManager, changed: ChangedTimes, user: StaffUser, a: Appointment, input: UpdateAppointmentInput, now: Date) {
  if (!((input.queueId && input.queueId !== a.queue.id) || input.startsAt || input.durationMinutes)) {
    assertModeFits(input.mode, a.queue.mode);
    a.mode = a.queue.mode;
    return null;
  }
  const targetId = input.queueId ?? a.queue.id;
  const locked = await lockForChange(em, a, { otherQueueIds: [targetId], typed: input.startsAt ? startInstant(input.startsAt, 'UTC') : a.startsAt });
  const queue = locked.queues.find((q) => q.id === targetId);
  if (!queue || !locked.store || !readableStores(user).includes(queue.store_id)) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
  const from = { queueId: a.queue.id, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString() };
  a.queue = em.merge(Queue, { id: queue.id, store: queue.store_id, name: queue.name, isDefault: queue.is_default, mode: queue.mode, slotMinutes: queue.slot_minutes,
    weeklyHours: queue.weekly_hours, active: queue.active, public: queue.public, employeeSub: queue.employee_sub, employeeName: queue.employee_name });
  assertModeFits(input.mode, queue.mode);
  a.mode = queue.mode;
  const minutes = input.durationMinutes ?? Math.round((a.endsAt.getTime() - a.startsAt.getTime()) / 60_000);
  if (input.startsAt) a.startsAt = startInstant(input.startsAt, a.store.timeZone);
  a.endsAt = new Date(a.startsAt.getTime() + minutes * 60_000);
  if (a.startsAt.toISOString() === from.startsAt && a.endsAt.toISOString() === from.endsAt && a.queue.id === from.queueId) return null;
  const policy = staffTimes({ id: a.store.id, timeZone: a.store.timeZone }, queue, now);
  // A move obeys the same schedule as a booking: no holidays, closures or times outside the hours;
  // and, like a staff booking, takes a time that is only cooling down or held by a lapsed hold.
  await assertBookable(em, { queue: queueStateOf(queue), startsAt: a.startsAt, endsAt: a.endsAt, exceptions: locked.schedule.exceptions, now, zone: a.store.timeZone }, policy);
  await clearWay(em, changed, locked.store, locked.schedule, { queueId: queue.id, startsAt: a.startsAt, endsAt: a.endsAt, now, cooldownToo: true });
  return { policy, startsAt: a.startsAt };
}

/** An appointment the caller may change, loaded for update; cancelled ones are history, not editable. */
export async function loadForChange(em: EntityManager, user: StaffUser, id: string): Promise<Appointment> {
  const a = await appointmentQueries.byId(em, id, readableStores(user));
  if (!a) throw notFound('Το ραντεβού δεν βρέθηκε.');
  assertCanWrite(user, a.store.id);
  if (a.status === 'cancelled') throw new AppError(409, 'cancelled', 'Το ραντεβού έχει ακυρωθεί· κλείστε νέο ραντεβού αν χρειάζεται.');
  return a;
}

/**
 * Links the catalogue procedure the edit names: the one picked, or the one whose name a changed
 * text is (a changed text that names none unlinks it). Text left alone keeps its link, so an
 * online booking's procedure, named in the citizen's language, stays linked through any edit.
 */
async function linkProcedure(em: EntityManager, a: Appointment, input: UpdateAppointmentInput): Promise<void> {
  const textChanged = input.procedure !== undefined && (input.procedure || null) !== (a.procedure ?? null);
  if (input.procedureId === undefined && !textChanged) return;
  const procedure = await namedProcedure(em, input.procedureId, input.procedure);
  a.procedureId = procedure?.id ?? null;
  if (procedure && input.procedure === undefined) a.procedure = procedure.name;
}

/** Flushes; a concurrent change of the same row (its version moved on) is a 412, not a 500. */
export async function flushOrStale(em: EntityManager): Promise<void> {
  await em.flush().catch((err: unknown) => {
    throw err instanceof OptimisticLockError ? stale() : err;
  });
}

function stale(): AppError {
  return new AppError(412, 'stale', 'Το ραντεβού άλλαξε στο μεταξύ από άλλον χρήστη. Φορτώστε το ξανά και επαναλάβετε την αλλαγή.');
}
