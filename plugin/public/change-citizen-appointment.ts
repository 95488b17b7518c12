import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { Queue } from '../db/queue.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { sqlEm } from '../db/sql-em.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError, notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { startInstant } from '../booking/appointment-time.js';
import { bookableVerdict } from '../booking/assert-bookable.js';
import { inTimeTransaction, isLostRace } from '../booking/booking-core.js';
import { queueStateOf } from '../booking/claim-time.js';
import { clearWay, coolDown, lockForChange, markCancelled, slotOf } from '../booking/free-time.js';
import { freeTimes, slotTaken } from '../booking/free-times.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { canChange } from './citizen-view.js';
import type { CitizenWrites } from './holds.js';
import { publicTimes } from './public-availability.js';
import { publicQueries } from './public-queries.js';

/** Who is changing an appointment online: a signed-in citizen, or whoever holds its manage link. */
export interface OnlineActor {
  /** The audit actor: `citizen:<sub>` or `manage-link`. */
  actor: string;
}

/**
 * Cancels an appointment online: the record stays, its email tells the citizen, and in a public queue
 * the freed slot goes into a short cool-down before the public sees it again.
 */
export async function cancelOnline(deps: CitizenWrites, id: string, who: OnlineActor): Promise<Appointment> {
  const current = await deps.orm.em.findOne(Appointment, id, { populate: ['store', 'queue'] });
  if (!current || current.status === 'held') throw notFound('Το ραντεβού δεν βρέθηκε.');
  return inTimeTransaction(deps.orm, deps, async (em, changed) => {
    const now = deps.now();
    await lockForChange(em, current);
    const a = await lockedForChange(em, id, now);
    markCancelled(em, a, { actor: who.actor, reason: 'Ακύρωση από τον πολίτη μέσω διαδικτύου.', now });
    await em.flush();
    await coolDown(em, changed, slotOf(a), deps.rules.cooldownMinutes, now);
    return a;
  });
}

/**
 * Moves an appointment to another free public time of the same KEP and mode. Like a hold, the
 * queue is any public queue with the time free; the database decides races (the one 409 with other
 * times). The old time goes into the cool-down, and the citizen gets a change email.
 */
export async function moveOnline(deps: CitizenWrites, id: string, startsAtInput: string, who: OnlineActor): Promise<Appointment> {
  const { orm, rules } = deps;
  const now = deps.now();
  const current = await orm.em.findOne(Appointment, id, { populate: ['store', 'queue'] });
  if (!current || current.status === 'held') throw notFound('Το ραντεβού δεν βρέθηκε.');
  if (!canChange(current, now)) throw notChangeable(current);
  const store = current.store;
  const queues = await publicQueries.queues(orm.em, store.id, current.mode);
  const startsAt = startInstant(startsAtInput, store.timeZone);
  const date = localDateOf(startsAt.getTime(), store.timeZone);
  const policy = publicTimes(store, queues, rules, now);
  const [day] = await freeTimes(orm.em, policy, date, date);
  const candidates = (day?.slots ?? []).filter((s) => s.start === startsAt.toISOString());
  if (candidates.length === 0) throw await slotTaken(orm.em, policy, startsAt);

  for (const slot of candidates) {
    const moved = await inTimeTransaction(orm, deps, async (em, changed) => {
      const at = deps.now();
      const [start, end] = [new Date(slot.start), new Date(slot.end)];
      const locked = await lockForChange(em, current, { otherQueueIds: [slot.queueId], typed: start });
      const queue = locked.queues.find((q) => q.id === slot.queueId);
      // The queue must still offer the time to the public, as checked under its lock.
      if (!queue || !locked.store || !queue.public || queue.mode !== current.mode) return null;
      if (!bookableVerdict({ queue: queueStateOf(queue), startsAt: start, endsAt: end, exceptions: locked.schedule.exceptions, now: at, zone: store.timeZone }).ok) return null;
      const a = await lockedForChange(em, id, at);
      const before = auditSnapshot(a);
      const old = slotOf(a);
      await clearWay(em, changed, locked.store, locked.schedule, { queueId: queue.id, startsAt: start, endsAt: end, now: at, cooldownToo: false });
      a.queue = em.getReference(Queue, queue.id);
      a.startsAt = start;
      a.endsAt = end;
      recordAudit(em, { actor: who.actor, action: 'appointment.update', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
      if (a.email) addToOutbox(em, 'appointment.change', a, { previousStartsAt: new Date(before.startsAt as string) });
      await em.flush();
      changed.add(a.store.id, queue.id, store.timeZone, start, end);
      await coolDown(em, changed, old, rules.cooldownMinutes, at);
      return a;
    }).catch((err: unknown) => {
      if (isLostRace(err)) return null;
      throw err;
    });
    if (moved) return moved;
  }
  throw await slotTaken(orm.em, policy, startsAt);
}

/** The appointment, locked for the change, when it can still be changed online. */
async function lockedForChange(em: EntityManager, id: string, now: Date): Promise<Appointment> {
  // Lock the row alone (a FOR UPDATE over a join would lock the KEP's row too), then load it with its store and queue.
  const [row] = await sqlEm(em).execute<{ id: string }[]>(`select id from appointment where id = ? and status <> 'held' for update`, [id]);
  if (!row) throw notFound('Το ραντεβού δεν βρέθηκε.');
  const a = (await em.findOne(Appointment, id, { populate: ['store', 'queue'], refresh: true }))!;
  if (!canChange(a, now)) throw notChangeable(a);
  return a;
}

function notChangeable(a: Appointment): AppError {
  if (a.status === 'cancelled') return new AppError(409, 'cancelled', 'Το ραντεβού έχει ήδη ακυρωθεί.');
  return new AppError(409, 'not-changeable', 'Το ραντεβού δεν μπορεί πλέον να αλλάξει μέσω διαδικτύου (έχει αρχίσει ή ολοκληρωθεί). Επικοινωνήστε με το ΚΕΠ.');
}
