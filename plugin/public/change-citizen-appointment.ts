import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Appointment } from '../db/appointment.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError, notFound } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { startInstant } from '../booking/appointment-time.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { canChange } from './citizen-view.js';
import { insertCooldown, lockedPublicQueue, slotOf, slotTaken } from './holds.js';
import { clearStaleHolds, isLostRace, lockQueue, retryingDeadlocks } from '../booking/stale-holds.js';
import type { PublicBookingRules } from './public-settings.js';
import { publicFreeSlots, suggestPublicSlots } from './public-availability.js';
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
export async function cancelOnline(orm: MikroORM, id: string, who: OnlineActor, rules: PublicBookingRules): Promise<Appointment> {
  return orm.em.transactional(async (em) => {
    const a = await lockedForChange(em, id);
    const before = auditSnapshot(a);
    a.status = 'cancelled';
    a.cancelledReason = 'Ακύρωση από τον πολίτη μέσω διαδικτύου.';
    a.statusChangedAt = new Date();
    a.statusChangedBy = who.actor;
    recordAudit(em, { actor: who.actor, action: 'appointment.cancel', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
    if (a.email) addToOutbox(em, 'appointment.cancellation', a);
    await em.flush();
    await insertCooldown(em, slotOf(a), rules.cooldownMinutes);
    return a;
  });
}

/**
 * Moves an appointment to another free public time of the same KEP and mode. Like a hold, the
 * queue is any public queue with the time free; the database decides races (409 with other times).
 * The old time goes into the cool-down, and the citizen gets a change email.
 */
export async function moveOnline(orm: MikroORM, id: string, startsAtInput: string, who: OnlineActor, rules: PublicBookingRules): Promise<Appointment> {
  const current = await orm.em.findOne(Appointment, id, { populate: ['store', 'queue'] });
  if (!current || current.status === 'held') throw notFound('Το ραντεβού δεν βρέθηκε.');
  if (!canChange(current)) throw notChangeable(current);
  const store = current.store;
  const queues = await publicQueries.queues(orm.em, store.id, current.mode);
  const startsAt = startInstant(startsAtInput, store.timeZone);
  const date = localDateOf(startsAt.getTime(), store.timeZone);
  const [day] = await publicFreeSlots(orm.em, { store, queues, from: date, to: date, rules });
  const candidates = (day?.slots ?? []).filter((s) => s.start === startsAt.toISOString());
  const taken = async () => slotTaken(await suggestPublicSlots(orm.em, store, queues, startsAt, rules));
  if (candidates.length === 0) throw await taken();

  for (const slot of candidates) {
    const queue = queues.find((q) => q.id === slot.queueId)!;
    const moved = await retryingDeadlocks(() =>
      orm.em.transactional(async (em) => {
        if (!(await lockedPublicQueue(em, queue, current.mode, new Date(slot.start), new Date(slot.end)))) return null;
        await lockQueue(em, queue.id);
        const a = await lockedForChange(em, id);
        const before = auditSnapshot(a);
        const old = slotOf(a);
        await clearStaleHolds(em, queue.id, new Date(slot.start), new Date(slot.end), { cooldownToo: false });
        a.queue = queue;
        a.startsAt = new Date(slot.start);
        a.endsAt = new Date(slot.end);
        recordAudit(em, { actor: who.actor, action: 'appointment.update', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
        if (a.email) addToOutbox(em, 'appointment.change', a, { previousStartsAt: new Date(before.startsAt as string) });
        await em.flush();
        await insertCooldown(em, old, rules.cooldownMinutes);
        return a;
      }),
    ).catch((err: unknown) => {
      if (isLostRace(err)) return null;
      throw err;
    });
    if (moved) return moved;
  }
  throw await taken();
}

/** The appointment, locked for the change, when it can still be changed online. */
async function lockedForChange(em: EntityManager, id: string): Promise<Appointment> {
  // Lock the row alone (see bookings.ts), then load it with its store and queue.
  const [row] = await (em as SqlEntityManager).execute<{ id: string }[]>(`select id from appointment where id = ? and status <> 'held' for update`, [id]);
  if (!row) throw notFound('Το ραντεβού δεν βρέθηκε.');
  const a = (await em.findOne(Appointment, id, { populate: ['store', 'queue'], refresh: true }))!;
  if (!canChange(a)) throw notChangeable(a);
  return a;
}

function notChangeable(a: Appointment): AppError {
  if (a.status === 'cancelled') return new AppError(409, 'cancelled', 'Το ραντεβού έχει ήδη ακυρωθεί.');
  return new AppError(409, 'not-changeable', 'Το ραντεβού δεν μπορεί πλέον να αλλάξει μέσω διαδικτύου (έχει αρχίσει ή ολοκληρωθεί). Επικοινωνήστε με το ΚΕΠ.');
}
