import type { EntityManager } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import type { Clock } from '../domain/clock.js';
import { canAdministerStore, canManageAppointments } from '../domain/roles.js';
import { callQueries, type LiveQueueRow, type QueueEntryRow } from './call.queries.js';
import { kepDay, type KepDay } from './kep-day.js';

/** How many of a queue's latest calls the live queue shows. */
const CALLED_PER_QUEUE = 5;

/**
 * Who may call in a queue: the KEP's store administrator, the queue's employee, or, in a queue that
 * no employee is assigned to, any operator of the KEP (a supervisor only reads).
 */
export function canCall(user: StaffUser, storeId: string, queue: Pick<LiveQueueRow, 'employeeSub'>): boolean {
  if (canAdministerStore(user.grants, storeId)) return true;
  if (queue.employeeSub !== null) return queue.employeeSub === user.sub;
  return canManageAppointments(user.grants, storeId);
}

/**
 * The operator's screen: each active in-person queue of the KEP today, who has arrived and waits (in
 * order of appointment time) and the latest calls, and whether the caller may call there. The
 * caller's own queues come first.
 */
export async function liveQueue(em: EntityManager, user: StaffUser, storeId: string, clock: Clock) {
  const day = await kepDay(em, storeId, clock);
  const queues = await callQueries.queues(em, storeId);
  const waiting = await callQueries.waiting(em, storeId, day.from, day.to);
  const called = await callQueries.called(em, storeId, day.from, day.to, CALLED_PER_QUEUE);
  const callAlertMinutes = await callQueries.alertMinutes(em, storeId);
  const views = queues.map((q) => ({
    id: q.id,
    name: q.name,
    employee: q.employeeSub ? { sub: q.employeeSub, name: q.employeeName ?? q.employeeSub } : null,
    mine: q.employeeSub === user.sub,
    canCall: canCall(user, storeId, q),
    waiting: waiting.filter((e) => e.queueId === q.id).map((e) => toEntry(e, day)),
    called: called.filter((e) => e.queueId === q.id).map((e) => toEntry(e, day)),
  }));
  views.sort((a, b) => Number(b.mine) - Number(a.mine));
  return { storeId, day: day.date, callAlertMinutes, queues: views };
}

function toEntry(e: QueueEntryRow, day: KepDay) {
  const iso = (t: Date | null) => (t === null ? null : new Date(t).toISOString());
  return {
    appointmentId: e.id,
    number: e.number,
    reference: e.reference,
    firstName: e.firstName,
    lastName: e.lastName,
    time: day.time(new Date(e.startsAt)),
    startsAt: new Date(e.startsAt).toISOString(),
    arrivedAt: iso(e.arrivedAt),
    calledAt: iso(e.calledAt),
    calledBy: e.calledBy,
    status: e.status,
    alert: e.callAlertAt !== null && e.calledAt === null,
  };
}
