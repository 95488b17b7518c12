import type { MikroORM } from '@mikro-orm/core';
import { citizenBookingQueries, type FullProcedureJson, type PublicQueueJson } from '../db/citizen-booking.queries.js';
import { bookingQueries } from '../db/booking.queries.js';
import { sqlEm } from '../db/sql-em.js';
import { Procedure } from '../db/procedure.entity.js';
import { localDateOf } from '../domain/local-day.js';
import { AppError } from '../http/app-error.js';
import { startInstant } from '../booking/appointment-time.js';
import { bookableVerdict } from '../booking/assert-bookable.js';
import { inTimeTransaction, isLostRace, type BookingCore } from '../booking/booking-core.js';
import { claimTime, datesAround, queueStateOf } from '../booking/claim-time.js';
import { slotTaken, timesFrom } from '../booking/free-times.js';
import { citizenActor, type Citizen, type PublicBookingRules } from './public-settings.js';
import { publicTimes } from './public-availability.js';
import { assertBelowCitizenLimit } from './citizen-limit.js';
import type { HoldInput } from './public.schema.js';
import { priorityGrant, type PriorityGrant } from '../priority/priority-rebooking.js';

/** A slot kept for a citizen while they fill in the booking form. */
export interface Hold {
  holdId: string;
  startsAt: string;
  endsAt: string;
  expiresAt: string;
}

/** What a citizen's writes take from the plugin: the ORM, the public rules, the core's clock and hook. */
export interface CitizenWrites extends BookingCore {
  orm: MikroORM;
  rules: PublicBookingRules;
}

const DAY_MS = 86_400_000;

/**
 * Holds a public slot for a citizen for a few minutes: an appointment row with status 'held', so
 * the same exclusion constraint that guards bookings guards holds, and a hold becomes a booking by
 * changing that one row (no window in which someone else could slip in). The citizen's earlier hold
 * is released, and lapsed holds in the way are deleted, in the same statement. The queue is any
 * public queue of the mode that has the time free; a lost race tries the next and then answers the
 * one 409 with other free times. With a valid priority token the hold may take a time inside the
 * minimum notice or in a cool-down, and remembers the token for the booking to use up. Five round
 * trips: what it decides on (one statement), then begin, locks and schedule, the write, commit.
 */
export async function placeHold(deps: CitizenWrites, citizen: Citizen, input: HoldInput): Promise<Hold> {
  const { orm, rules } = deps;
  const em = orm.em;
  const now = deps.now();
  const typed = startInstant(input.startsAt, 'UTC');
  const dates = datesAround(typed);
  // Read before the grant: only a token's holder sees cool-downs as free, and most holds carry none.
  const grant = await priorityGrant(em, input.priorityToken, input.storeId, now);
  const facts = await citizenBookingQueries.holdFacts(sqlEm(em), {
    storeId: input.storeId,
    procedureId: input.procedureId,
    holder: citizen.sub,
    now,
    dates,
    range: { start: new Date(typed.getTime() - 2 * DAY_MS), end: new Date(typed.getTime() + 3 * DAY_MS) },
    cooldownsFree: grant != null,
  });
  if (!facts) throw new AppError(404, 'not-found', 'Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
  const procedure = offered(orm, facts.procedure);
  if (input.mode === 'video' && !procedure.videoEligible) {
    const alternative = procedure.alternativeIn('el');
    throw new AppError(400, 'not-video-eligible', `Η διαδικασία «${procedure.name}» δεν εξυπηρετείται με βιντεοκλήση. ${alternative ?? 'Κλείστε ραντεβού δια ζώσης.'}`, {
      alternative,
      errors: [{ path: 'mode', message: 'Η διαδικασία δεν εξυπηρετείται με βιντεοκλήση.' }],
    });
  }
  const store = { id: facts.store.id, timeZone: facts.store.time_zone };
  const queues = facts.queues.filter((q) => q.mode === input.mode);
  if (queues.length === 0) {
    const message = input.mode === 'video' ? 'Το ΚΕΠ δεν προσφέρει ραντεβού με βιντεοκλήση.' : 'Το ΚΕΠ δεν προσφέρει ραντεβού δια ζώσης μέσω διαδικτύου.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'mode', message }] });
  }
  const startsAt = startInstant(input.startsAt, store.timeZone);
  const date = localDateOf(startsAt.getTime(), store.timeZone);
  const policy = publicTimes(store, queues, rules, now, { exceptHolder: citizen.sub, priority: grant != null });
  const [day] = timesFrom(policy, date, date, facts.exceptions, facts.taken);
  const candidates = (day?.slots ?? []).filter((s) => s.start === startsAt.toISOString());
  if (candidates.length === 0) throw await slotTaken(em, policy, startsAt);
  // The limit again, with its answer, only when the count read above says it is reached.
  if (facts.future >= rules.maxFutureAppointmentsPerCitizen) await assertBelowCitizenLimit(em, citizen.sub, rules.maxFutureAppointmentsPerCitizen, undefined, now);

  // Concurrent citizens wanting the same time start from different queues, so they mostly do not collide.
  for (const slot of shuffled(candidates)) {
    const queue = queues.find((q) => q.id === slot.queueId)!;
    const held = await tryHold(deps, citizen, { storeId: store.id, queue, startsAt: new Date(slot.start), endsAt: new Date(slot.end), dates }, procedure, grant).catch((err: unknown) => {
      if (isLostRace(err)) return null;
      throw err;
    });
    if (held) return held;
  }
  throw await slotTaken(em, policy, startsAt);
}

/** The hold, or null when the queue no longer offers the time (a change of it committed meanwhile). */
function tryHold(
  deps: CitizenWrites,
  citizen: Citizen,
  want: { storeId: string; queue: PublicQueueJson; startsAt: Date; endsAt: Date; dates: { from: string; to: string } },
  procedure: Procedure,
  grant: PriorityGrant | null,
): Promise<Hold | null> {
  return inTimeTransaction(deps.orm, deps, async (em, changed) => {
    const now = deps.now();
    // The citizen's lock, the queue's row and its advisory lock (see LOCK ORDER), and the schedule read under them.
    const locked = await bookingQueries.lockTimes(em, { storeId: want.storeId, queueIds: [want.queue.id], citizenKey: citizenActor(citizen), dates: want.dates });
    const queue = locked.queues[0];
    if (!queue || !locked.store || !queue.public || queue.mode !== want.queue.mode) return null;
    const check = { queue: queueStateOf(queue), startsAt: want.startsAt, endsAt: want.endsAt, exceptions: locked.schedule.exceptions, now, zone: locked.store.time_zone };
    if (!bookableVerdict(check).ok) return null;
    const heldUntil = new Date(now.getTime() + deps.rules.holdMinutes * 60_000);
    const hold = await claimTime(em, changed, {
      store: locked.store,
      queue,
      startsAt: want.startsAt,
      endsAt: want.endsAt,
      now,
      schedule: { dates: want.dates, fingerprint: locked.schedule.fingerprint },
      // A cool-down keeps a freed time from the crowd, not from the citizen the KEP let down.
      cooldownToo: grant != null,
      // One hold per citizen: choosing another time lets the previous one go.
      releaseHolder: citizen.sub,
      appointment: {
        firstName: '',
        lastName: '',
        mode: queue.mode,
        status: 'held',
        heldUntil,
        holder: citizen.sub,
        citizenSub: citizen.sub,
        priorityTokenHash: grant?.tokenHash ?? null,
        procedureId: procedure.id,
        procedure: procedure.name,
        source: 'online',
        createdBy: citizenActor(citizen),
      },
      audit: { actor: citizenActor(citizen), action: 'appointment.hold', extra: { priority: grant != null } },
      outboxKind: null,
    });
    return { holdId: hold.id, startsAt: want.startsAt.toISOString(), endsAt: want.endsAt.toISOString(), expiresAt: heldUntil.toISOString() };
  });
}

/** The procedure the hold read, when the KEP offers it; else 400 naming the field. */
function offered(orm: MikroORM, p: FullProcedureJson | null): Procedure {
  if (!p) {
    const message = 'Η διαδικασία δεν προσφέρεται σε αυτό το ΚΕΠ.';
    throw new AppError(400, 'validation', message, { errors: [{ path: 'procedureId', message }] });
  }
  return orm.em.merge(Procedure, {
    id: p.id,
    code: p.code,
    name: p.name,
    nameEn: p.name_en,
    videoEligible: p.video_eligible,
    alternativeText: p.alternative_text,
    alternativeTextEn: p.alternative_text_en,
    bring: p.bring,
    bringEn: p.bring_en,
    active: p.active,
    version: p.version,
  });
}

function shuffled<T>(items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
