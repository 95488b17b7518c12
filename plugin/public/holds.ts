import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Appointment } from '../db/appointment.entity.js';
import { Procedure } from '../db/procedure.entity.js';
import type { Queue } from '../db/queue.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { StoreProcedure } from '../db/store-procedure.entity.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError } from '../http/app-error.js';
import { startInstant } from '../booking/appointment-time.js';
import { citizenActor, type Citizen, type PublicBookingRules } from './public-settings.js';
import { publicFreeSlots, suggestPublicSlots } from './public-availability.js';
import { publicQueries } from './public-queries.js';
import { queueQueries } from '../db/queue.queries.js';
import { bookableVerdict } from '../booking/assert-bookable.js';
import { assertBelowCitizenLimit } from './citizen-limit.js';
import { clearStaleHolds, isLostRace, lockQueue } from '../booking/stale-holds.js';
import type { HoldInput } from './public.schema.js';
import { priorityGrant, type PriorityGrant } from '../priority/priority-rebooking.js';

/** A slot kept for a citizen while they fill in the booking form. */
export interface Hold {
  holdId: string;
  startsAt: string;
  endsAt: string;
  expiresAt: string;
}

/**
 * Holds a public slot for a citizen for a few minutes: an appointment row with status 'held', so
 * the same exclusion constraint that guards bookings guards holds, and a hold becomes a booking by
 * changing that one row (no window in which someone else could slip in). The citizen's earlier hold
 * is released, and lapsed holds in the way are deleted, in the same transaction. The queue is any
 * public queue of the mode that has the time free; a lost race tries the next and then answers 409
 * with other free times. With a valid priority token the hold may take a time inside the minimum
 * notice or in a cool-down, and remembers the token for the booking to use up.
 */
export async function placeHold(orm: MikroORM, citizen: Citizen, input: HoldInput, rules: PublicBookingRules): Promise<Hold> {
  const em = orm.em;
  const found = await publicQueries.storeWithQueues(em, input.storeId);
  if (!found) throw new AppError(404, 'not-found', 'Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
  const procedure = await offeredProcedure(em, input.storeId, input.procedureId);
  if (input.mode === 'video' && !procedure.videoEligible) {
    const alternative = procedure.alternativeIn('el');
    throw new AppError(400, 'not-video-eligible', `Η διαδικασία «${procedure.name}» δεν εξυπηρετείται με βιντεοκλήση. ${alternative ?? 'Κλείστε ραντεβού δια ζώσης.'}`, {
      alternative,
      errors: [{ path: 'mode', message: 'Η διαδικασία δεν εξυπηρετείται με βιντεοκλήση.' }],
    });
  }
  const { store } = found;
  const grant = await priorityGrant(em, input.priorityToken, store.id);
  const queues = found.queues.filter((q) => q.mode === input.mode);
  if (queues.length === 0) {
    const message = input.mode === 'video' ? 'Το ΚΕΠ δεν προσφέρει ραντεβού με βιντεοκλήση.' : 'Το ΚΕΠ δεν προσφέρει ραντεβού δια ζώσης μέσω διαδικτύου.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'mode', message }] });
  }
  const startsAt = startInstant(input.startsAt, store.timeZone);
  const date = localDateOf(startsAt.getTime(), store.timeZone);
  const mine = { exceptHolder: citizen.sub, priority: grant != null };
  const [day] = await publicFreeSlots(em, { store, queues, from: date, to: date, rules, ...mine });
  const candidates = (day?.slots ?? []).filter((s) => s.start === startsAt.toISOString());
  const taken = async () => slotTaken(await suggestPublicSlots(em, store, queues, startsAt, rules, mine));
  if (candidates.length === 0) throw await taken();
  await assertBelowCitizenLimit(em, citizen.sub, rules.maxFutureAppointmentsPerCitizen);

  // Concurrent citizens wanting the same time start from different queues, so they mostly do not collide.
  for (const slot of shuffled(candidates)) {
    const queue = queues.find((q) => q.id === slot.queueId)!;
    const held = await tryHold(orm, citizen, queue, new Date(slot.start), new Date(slot.end), procedure, input.mode, rules.holdMinutes, grant).catch((err: unknown) => {
      if (isLostRace(err)) return null;
      throw err;
    });
    if (held) return held;
  }
  throw await taken();
}

/** The hold, or null when the queue no longer offers the time (a change of it committed meanwhile). */
async function tryHold(
  orm: MikroORM,
  citizen: Citizen,
  found: Queue,
  startsAt: Date,
  endsAt: Date,
  procedure: Procedure,
  mode: 'in_person' | 'video',
  holdMinutes: number,
  grant: PriorityGrant | null,
): Promise<Hold | null> {
  return orm.em.transactional(async (em) => {
    // The citizen's lock first (as a booking takes it): their holds at once on other queues or KEPs
    // wait here, so each sees and lets go of the one before (a unique index refuses a second anyway).
    await (em as SqlEntityManager).execute(`select pg_advisory_xact_lock(hashtextextended(?, 0))`, [citizenActor(citizen)]);
    const queue = await lockedPublicQueue(em, found, mode, startsAt, endsAt);
    if (!queue) return null;
    await lockQueue(em, queue.id);
    // One hold per citizen: choosing another time lets the previous one go.
    await (em as SqlEntityManager).execute(`delete from appointment where status = 'held' and holder = ?`, [citizen.sub]);
    // A cool-down keeps a freed time from the crowd, not from the citizen the KEP let down.
    await clearStaleHolds(em, queue.id, startsAt, endsAt, { cooldownToo: grant != null });
    const heldUntil = new Date(Date.now() + holdMinutes * 60_000);
    const hold = em.create(Appointment, {
      store: queue.store,
      queue,
      startsAt,
      endsAt,
      firstName: '',
      lastName: '',
      mode,
      status: 'held',
      heldUntil,
      holder: citizen.sub,
      citizenSub: citizen.sub,
      priorityTokenHash: grant?.tokenHash ?? null,
      procedureId: procedure.id,
      procedure: procedure.name,
      source: 'online',
      createdBy: citizenActor(citizen),
    });
    recordAudit(em, {
      actor: citizenActor(citizen),
      action: 'appointment.hold',
      entityType: 'appointment',
      entityId: hold.id,
      storeId: queue.store.id,
      after: { queueId: queue.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), heldUntil: heldUntil.toISOString(), priority: grant != null },
    });
    await em.flush();
    return { holdId: hold.id, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), expiresAt: heldUntil.toISOString() };
  });
}

/**
 * The queue, locked FOR SHARE as a staff booking locks it, when it still offers the time to the
 * public: a deactivation or change of hours either sees the citizen's write or is seen by it. Taken
 * before the queue's advisory lock, so that citizens check in parallel and only write in line.
 */
export async function lockedPublicQueue(em: EntityManager, found: Queue, mode: 'in_person' | 'video', startsAt: Date, endsAt: Date): Promise<Queue | null> {
  const queue = await queueQueries.lock(em, found.store.id, found.id, [found.store.id], 'share');
  if (!queue?.public || queue.mode !== mode || !(await bookableVerdict(em, queue, startsAt, endsAt)).ok) return null;
  return queue;
}

/**
 * Keeps a slot that a cancellation just freed out of public view for a while, so that the people
 * refreshing the page all day do not take every freed slot from those who book once: a 'held' row
 * with holder 'cooldown', in the cancelling transaction. Staff booking clears it. Nothing is kept
 * back for a private queue, a slot already started, or when something else already took the time.
 */
export async function insertCooldown(em: EntityManager, slot: FreedSlot, minutes: number, now = new Date()): Promise<void> {
  if (minutes <= 0 || !slot.queue.public || !slot.queue.active || slot.startsAt <= now) return;
  // ON CONFLICT DO NOTHING also yields to the exclusion constraint: a taken time needs no cool-down.
  await (em as SqlEntityManager).execute(
    `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, mode, status, source, created_by, held_until, holder)
     values (?, ?, ?, ?, '', '', ?, 'held', 'online', 'system:cooldown', now() + make_interval(mins => ?), 'cooldown')
     on conflict do nothing`,
    [slot.storeId, slot.queue.id, slot.startsAt, slot.endsAt, slot.mode, minutes],
  );
}

/** A time an appointment just let go of. */
export interface FreedSlot {
  storeId: string;
  queue: Pick<Queue, 'id' | 'public' | 'active'>;
  startsAt: Date;
  endsAt: Date;
  mode: 'in_person' | 'video';
}

/** The time an appointment holds, as a {@link FreedSlot}; its queue must be loaded. */
export function slotOf(a: Appointment): FreedSlot {
  return { storeId: a.store.id, queue: a.queue, startsAt: a.startsAt, endsAt: a.endsAt, mode: a.mode };
}

/** A procedure of the catalogue that the KEP offers, or 400 naming the field. */
export async function offeredProcedure(em: EntityManager, storeId: string, procedureId: string): Promise<Procedure> {
  const offered = await em.findOne(StoreProcedure, { store: storeId, procedure: { id: procedureId, active: true } }, { populate: ['procedure'] });
  if (!offered) {
    const message = 'Η διαδικασία δεν προσφέρεται σε αυτό το ΚΕΠ.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'procedureId', message }] });
  }
  return offered.procedure as Procedure;
}

/** The 409 of a time that is no longer free, with other free times. */
export function slotTaken(nextFreeSlots: string[]): AppError {
  return new AppError(409, 'slot-taken', 'Η ώρα αυτή δεν είναι πλέον διαθέσιμη. Επιλέξτε μία από τις επόμενες ελεύθερες ώρες.', { nextFreeSlots });
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
