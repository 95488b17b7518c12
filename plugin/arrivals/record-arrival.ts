import type { MikroORM } from '@mikro-orm/core';
import { setAppointmentStatus } from '../api/change-appointment-status.js';
import type { StaffUser } from '../auth/session-data.js';
import { Appointment } from '../db/appointment.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { Clock } from '../domain/clock.js';
import { localDateOf, localDay } from '../domain/local-day.js';
import { AppError, notFound } from '../http/app-error.js';
import { arrivalQueries, type TicketRow } from './arrival.queries.js';
import { arrivalWindowProblem } from './arrival-window.js';

/** Why an appointment in this status takes no arrival (Greek, for the kiosk's screen). */
const NOT_WAITING: Record<string, string> = {
  cancelled: 'Το ραντεβού έχει ακυρωθεί. Πάρτε εισιτήριο χωρίς ραντεβού ή ζητήστε βοήθεια στην υποδοχή.',
  served: 'Το ραντεβού έχει ήδη εξυπηρετηθεί.',
  no_show: 'Το ραντεβού έχει καταγραφεί ως «Δεν προσήλθε». Ζητήστε βοήθεια στην υποδοχή.',
  missed_by_staff: 'Η ημέρα του ραντεβού έχει κλείσει. Ζητήστε βοήθεια στην υποδοχή.',
};

/**
 * Records that the citizen with this reference is here, and answers what the ticket prints. The
 * appointment (booked, of this KEP, within the KEP's arrival window by the plugin's clock) becomes
 * arrived through the one attendance status change, then gets the KEP's next number of the day.
 *
 * Idempotent: an appointment that has its ticket answers that ticket again, whatever the time; one
 * marked arrived at the counter without a ticket gets one now. Two arrivals of one reference at once
 * both end with the same number (the ticket waits on the appointment's row lock; a status change
 * that lost the race to the other is retried once, and then finds it arrived).
 */
export async function recordArrival(orm: MikroORM, actor: StaffUser, storeId: string, reference: string, now: Clock) {
  try {
    return await arriveOnce(orm, actor, storeId, reference, now);
  } catch (err) {
    if (!(err instanceof AppError && err.code === 'stale')) throw err;
    return arriveOnce(orm, actor, storeId, reference, now);
  }
}

async function arriveOnce(orm: MikroORM, actor: StaffUser, storeId: string, reference: string, now: Clock) {
  const em = orm.em.fork();
  // A hold is a citizen's few minutes, not an appointment: its reference names nothing here yet.
  const a = await em.findOne(Appointment, { store: storeId, reference, status: { $ne: 'held' } }, { populate: ['queue', 'store'] });
  if (!a) throw notFound('Δεν βρέθηκε ραντεβού με αυτόν τον κωδικό σε αυτό το ΚΕΠ. Ελέγξτε τον κωδικό ή ζητήστε βοήθεια στην υποδοχή.');
  const existing = await arrivalQueries.ticket(em, storeId, a.id);
  if (existing) return toTicket(a, existing);
  if (a.status === 'booked') {
    const problem = arrivalWindowProblem(a.startsAt, now(), await arrivalQueries.window(em, storeId), a.store.timeZone);
    if (problem?.code === 'arrival-too-early') throw new AppError(409, problem.code, problem.message, { opensAt: problem.opensAt.toISOString() });
    if (problem) throw new AppError(409, problem.code, problem.message);
    await setAppointmentStatus(orm, actor, a.id, 'arrived', now);
  } else if (a.status !== 'arrived') {
    throw new AppError(409, 'not-waiting', NOT_WAITING[String(a.status)] ?? 'Το ραντεβού δεν περιμένει άφιξη.');
  }
  const ticket = await orm.em.transactional(async (tx) => {
    await arrivalQueries.lockAppointment(tx, a.id);
    const found = await arrivalQueries.ticket(tx, storeId, a.id);
    if (found) return found;
    const at = now();
    const issued = await arrivalQueries.issueTicket(tx, { storeId, appointmentId: a.id, day: localDateOf(at.getTime(), a.store.timeZone), by: actor.sub, now: at });
    recordAudit(tx, { actor: actor.sub, action: 'arrival.ticket', entityType: 'appointment', entityId: a.id, storeId, after: { number: issued.number, day: issued.day } });
    return issued;
  });
  return toTicket(a, ticket);
}

function toTicket(a: Appointment, t: TicketRow) {
  const zone = a.store.timeZone;
  return {
    number: t.number,
    day: t.day,
    reference: a.reference,
    appointmentId: a.id,
    queue: { id: a.queue.id, name: a.queue.name },
    startsAt: a.startsAt.toISOString(),
    time: localDay(localDateOf(a.startsAt.getTime(), zone), zone).label(a.startsAt.getTime()),
    issuedAt: new Date(t.issuedAt).toISOString(),
  };
}
