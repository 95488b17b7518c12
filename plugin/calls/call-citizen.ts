import type { MikroORM } from '@mikro-orm/core';
import { arrivalQueries } from '../arrivals/arrival.queries.js';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit } from '../db/record-audit.js';
import type { Clock } from '../domain/clock.js';
import { AppError, notFound } from '../http/app-error.js';
import type { LiveEvents } from '../live/live-events.js';
import { callQueries } from './call.queries.js';
import { kepDay } from './kep-day.js';
import { canCall } from './live-queue.js';

/** What a call needs from the plugin. */
export interface CallDeps {
  now: Clock;
  live: LiveEvents;
}

/**
 * «Κλήση»: calls the next citizen of the queue (arrived today, not called yet, earliest appointment
 * first), or, with `appointmentId`, that arrived citizen again (a recall re-announces the number; a
 * first call of them calls them out of turn). The call is recorded on the appointment (its latest
 * call) and in the audit; a citizen marked arrived at the counter without a ticket gets the KEP's
 * next number now, since the display announces numbers, never names. After the commit the number is
 * published to the KEP's screens (`called`).
 *
 * Two «Κλήση» at once call two different citizens: the next one is taken with SKIP LOCKED (see
 * {@link callQueries.lockNextWaiting}). Nobody waiting answers 409.
 */
export async function callCitizen(orm: MikroORM, user: StaffUser, storeId: string, queueId: string, appointmentId: string | undefined, deps: CallDeps) {
  const call = await orm.em.fork().transactional(async (em) => {
    const queue = await callQueries.queue(em, storeId, queueId);
    if (!queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
    if (!canCall(user, storeId, queue)) {
      throw new AppError(403, 'not-your-queue', `Καλεί μόνο ο υπάλληλος της ουράς «${queue.name}»${queue.employeeName ? ` (${queue.employeeName})` : ''} ή ο Διαχειριστής Καταστήματος.`);
    }
    const day = await kepDay(em, storeId, deps.now);
    const id = appointmentId ?? (await callQueries.lockNextWaiting(em, storeId, queueId, day.from, day.to));
    if (id === null) throw new AppError(409, 'nobody-waiting', `Δεν περιμένει κανείς στην ουρά «${queue.name}»: όλοι όσοι έφτασαν έχουν κληθεί.`);
    const entry = await callQueries.lockEntry(em, storeId, queueId, id);
    if (!entry) throw notFound('Το ραντεβού δεν βρέθηκε σε αυτή την ουρά.');
    if (entry.status !== 'arrived') throw new AppError(409, 'not-waiting', 'Ο πολίτης δεν περιμένει πλέον: το ραντεβού δεν είναι σε κατάσταση «Ήρθε».');
    const number = entry.number ?? (await arrivalQueries.issueTicket(em, { storeId, appointmentId: entry.id, day: day.date, by: user.sub, now: day.now })).number;
    await callQueries.markCalled(em, entry.id, user.sub, day.now);
    const recall = entry.calledAt !== null;
    recordAudit(em, {
      actor: user.sub,
      action: recall ? 'appointment.recall' : 'appointment.call',
      entityType: 'appointment',
      entityId: entry.id,
      storeId,
      before: { calledAt: entry.calledAt ? new Date(entry.calledAt).toISOString() : null },
      after: { calledAt: day.now.toISOString(), number, queueId },
    });
    return {
      appointmentId: entry.id,
      queue: { id: queue.id, name: queue.name },
      number,
      reference: entry.reference,
      time: day.time(new Date(entry.startsAt)),
      calledAt: day.now.toISOString(),
      recall,
    };
  });
  deps.live.publish({ kind: 'called', storeId, queueId, appointmentId: call.appointmentId, number: call.number, queueName: call.queue.name, at: call.calledAt });
  return call;
}
