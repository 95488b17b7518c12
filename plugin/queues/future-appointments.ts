import type { EntityManager } from '@mikro-orm/core';
import { Appointment } from '../db/appointment.entity.js';
import { Queue } from '../db/queue.entity.js';
import { queueQueries } from '../db/queue.queries.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { scheduleProblem } from '../domain/availability.js';
import { ScheduleRules, type ScheduleException as ExceptionRule } from '../domain/day-schedule.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { localDateOf } from '../domain/local-day.js';
import { systemClock } from '../domain/clock.js';
import { AppError } from '../http/app-error.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { toAffectedView, type QueueState } from './queue-view.js';
import { isLostRace } from '../booking/booking-core.js';
import { markCancelled } from '../booking/free-time.js';

/** A KEP's schedule at one moment: its queues (by id) and its exceptions. */
export interface ScheduleState {
  queues: ReadonlyMap<string, QueueState>;
  exceptions: readonly ExceptionRule[];
}

/** What the administrator chose for the appointments a change leaves out. */
export interface FutureDecision {
  onFutureAppointments?: 'keep' | 'cancel' | 'move';
  moveToQueueId?: string;
  cancelReason?: string;
}

/** What happened to the affected appointments, for the change's own audit event and the answer. */
export interface Settled {
  decision: 'keep' | 'cancel' | 'move' | null;
  appointmentIds: string[];
}

const DEFAULT_CANCEL_REASON = 'Αλλαγή στο ωράριο του ΚΕΠ.';

/**
 * The future live appointments that fit the schedule before the change and do not fit it after:
 * those the change would orphan. One already outside the hours (kept by an earlier decision) is
 * not asked about again. Runs in the change's transaction and first makes the answer final: it locks
 * the queues, so bookings in flight commit before and new ones wait until the change commits (then
 * they see it), and lets go of the holds and cool-downs the new schedule leaves out, so no citizen
 * books a time the KEP just closed.
 */
export async function findAffected(
  em: EntityManager,
  storeId: string,
  callerStores: readonly string[],
  zone: string,
  states: { before: ScheduleState; after: ScheduleState },
  queueIds?: readonly string[],
  // The plugin's clock; a default only until the schedule routes pass it (issue 14).
  now: Date = systemClock(),
): Promise<Appointment[]> {
  await queueQueries.lockForScheduleChange(em, storeId, callerStores, queueIds);
  await releaseHolds(em, storeId, callerStores, zone, states.after, now, queueIds);
  // Read after the holds went: a hold booked meanwhile (its row was locked) is an appointment by now.
  const future = await queueQueries.future(em, storeId, callerStores, now, queueIds);
  if (future.length === 0) return [];
  const before = fitting(states.before, zone, now, future);
  const after = fitting(states.after, zone, now, future);
  return future.filter((a) => before(a) && !after(a));
}

/** Deletes the future holds and cool-downs that no longer fit the schedule. */
async function releaseHolds(em: EntityManager, storeId: string, callerStores: readonly string[], zone: string, after: ScheduleState, now: Date, queueIds?: readonly string[]) {
  const holds = await queueQueries.futureHolds(em, storeId, callerStores, now, queueIds);
  if (holds.length === 0) return;
  const fits = fitting(after, zone, now, holds);
  const ids = holds.filter((h) => !fits(h)).map((h) => h.id);
  // `status` again: a hold the citizen booked while this waited for its row is an appointment now.
  if (ids.length > 0) await em.nativeDelete(Appointment, { id: { $in: ids }, status: 'held' });
}

/** Whether each of `rows` (by time) fits the schedule in `state`: its queue active, of its mode, open then. */
function fitting(state: ScheduleState, zone: string, now: Date, rows: readonly Appointment[]): (a: Appointment) => boolean {
  const from = localDateOf(now.getTime(), zone);
  const to = localDateOf(rows.reduce((last, a) => Math.max(last, a.startsAt.getTime()), now.getTime()), zone);
  const rules = new ScheduleRules(state.exceptions, greekHolidayDates(from, to), from, to);
  return (a) => {
    const queue = state.queues.get(a.queue.id);
    return !!queue && queue.active && queue.mode === a.mode && scheduleProblem(queue, a.startsAt.getTime(), a.endsAt.getTime(), rules, zone) === null;
  };
}

/**
 * Carries out the administrator's decision for the affected appointments in the caller's unit of
 * work, or refuses the change with 409 listing them when there is no decision. Cancelling writes an
 * audit event and (with an email) a cancellation email per appointment; moving keeps the time and
 * needs a free, open, active queue of the same mode.
 */
export async function settleAffected(
  em: EntityManager,
  user: StaffUser,
  storeId: string,
  zone: string,
  affected: readonly Appointment[],
  decision: FutureDecision,
  after: ScheduleState,
  // The plugin's clock; a default only until the schedule routes pass it (issue 14).
  now: Date = systemClock(),
): Promise<Settled> {
  const appointmentIds = affected.map((a) => a.id);
  if (affected.length === 0) return { decision: null, appointmentIds };
  const choice = decision.onFutureAppointments;
  if (!choice) {
    throw new AppError(
      409,
      'future-appointments',
      `Η αλλαγή αφήνει ${affected.length === 1 ? '1 μελλοντικό ραντεβού' : `${affected.length} μελλοντικά ραντεβού`} εκτός ωραρίου. ` +
        'Επιλέξτε αν θα διατηρηθούν (keep), θα ακυρωθούν με ειδοποίηση (cancel) ή θα μεταφερθούν σε άλλη ουρά (move).',
      { affectedAppointments: affected.map(toAffectedView), options: ['keep', 'cancel', 'move'] },
    );
  }
  if (choice === 'cancel') {
    const reason = decision.cancelReason || DEFAULT_CANCEL_REASON;
    // The administrator's reason is written for the public (a closure's, changed hours): the email says it.
    // No cool-down: the change itself closes the time, and its own notice drops the queue's cached days.
    for (const a of affected) markCancelled(em, a, { actor: user.sub, reason, now, emailReason: reason });
  } else if (choice === 'move') {
    await moveAll(em, user, storeId, zone, affected, decision.moveToQueueId, after);
  }
  return { decision: choice, appointmentIds };
}

async function moveAll(
  em: EntityManager,
  user: StaffUser,
  storeId: string,
  zone: string,
  affected: readonly Appointment[],
  targetId: string | undefined,
  after: ScheduleState,
): Promise<void> {
  const invalid = (message: string) => new AppError(400, 'validation', message, { errors: [{ path: 'moveToQueueId', message }] });
  if (!targetId) throw invalid('Επιλέξτε την ουρά στην οποία θα μεταφερθούν τα ραντεβού.');
  const target = after.queues.get(targetId);
  if (!target) throw invalid('Η ουρά προορισμού δεν βρέθηκε σε αυτό το ΚΕΠ.');
  if (!target.active) throw invalid('Η ουρά προορισμού είναι απενεργοποιημένη.');
  const first = localDateOf(affected[0]!.startsAt.getTime(), zone);
  const last = localDateOf(affected[affected.length - 1]!.startsAt.getTime(), zone);
  const rules = new ScheduleRules(after.exceptions, greekHolidayDates(first, last), first, last);
  const misfits = affected.filter(
    (a) => a.queue.id === targetId || a.mode !== target.mode || scheduleProblem(target, a.startsAt.getTime(), a.endsAt.getTime(), rules, zone) !== null,
  );
  if (misfits.length > 0) throw cannotMove(misfits, 'δεν ταιριάζουν στο ωράριο ή στον τρόπο εξυπηρέτησης της ουράς προορισμού');
  const targetRef = em.getReference(Queue, targetId);
  for (const a of affected) {
    const before = auditSnapshot(a);
    a.queue = targetRef;
    recordAudit(em, { actor: user.sub, action: 'appointment.move', entityType: 'appointment', entityId: a.id, storeId, before, after: { ...before, queueId: targetId } });
  }
  try {
    await em.flush();
  } catch (err) {
    if (isLostRace(err)) throw cannotMove(affected, 'η ουρά προορισμού έχει ήδη ραντεβού σε κάποια από αυτές τις ώρες');
    throw err;
  }
}

function cannotMove(appointments: readonly Appointment[], why: string): AppError {
  return new AppError(409, 'cannot-move', `Δεν είναι δυνατή η μεταφορά: ${why}. Δεν έγινε καμία αλλαγή.`, {
    affectedAppointments: appointments.map(toAffectedView),
  });
}
