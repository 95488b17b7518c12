import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Queue } from '../db/queue.entity.js';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import type { AvailabilityChanges } from '../booking/availability-changes.js';
import { todayIn } from '../domain/local-time.js';
import { normaliseWeeklyHours } from '../domain/weekly-hours.js';
import { AppError, notFound } from '../http/app-error.js';
import { findAffected, settleAffected, type ScheduleState, type Settled } from './future-appointments.js';
import { toQueueState, toQueueView } from './queue-view.js';
import type { CreateQueueInput, UpdateQueueInput } from '../schemas/queue.schema.js';

const EMPLOYEE_UNIQUE = 'queue_one_queue_per_employee';

/** Every queue and live exception of a KEP, loaded in `em`, with the engine's view of them. */
export async function loadSchedule(em: EntityManager, storeId: string, callerStores: readonly string[], zone: string) {
  const queues = await queueQueries.list(em, storeId, callerStores);
  const exceptions = await queueQueries.exceptions(em, storeId, callerStores, { from: todayIn(zone), to: '2199-12-31' });
  return { queues, exceptions, state: snapshot(queues, exceptions.map(toExceptionRule)) };
}

/** The engine's view of queues at this moment (a copy: later edits of the entities do not change it). */
export function snapshot(queues: readonly Queue[], exceptions: ScheduleState['exceptions']): ScheduleState {
  return { queues: new Map(queues.map((q) => [q.id, toQueueState(q)])), exceptions };
}

/** Adds a queue to the KEP with its audit event; a new queue has no cached availability to invalidate. */
export async function createQueue(orm: MikroORM, user: StaffUser, storeId: string, input: CreateQueueInput): Promise<Queue> {
  const callerStores = user.grants.map((g) => g.storeId);
  if (!(await queueQueries.store(orm.em, storeId, callerStores))) throw notFound();
  return refusingSecondQueue(() =>
    orm.em.transactional(async (em) => {
      const q = em.create(Queue, {
        store: storeId,
        name: input.name,
        isDefault: false,
        mode: input.mode,
        slotMinutes: input.slotMinutes,
        weeklyHours: normaliseWeeklyHours(input.weeklyHours),
        active: input.active,
        public: input.public,
        employeeSub: input.employee?.sub ?? null,
        employeeName: input.employee?.name ?? null,
      });
      recordAudit(em, { actor: user.sub, action: 'queue.create', entityType: 'queue', entityId: q.id, storeId, after: toQueueView(q) });
      await em.flush();
      return q;
    }),
  );
}

/** Deletes a queue that never had an appointment (history stays): the default queue is only deactivated. */
export async function deleteQueue(orm: MikroORM, user: StaffUser, storeId: string, queueId: string): Promise<void> {
  await orm.em.transactional(async (em) => {
    const queue = await queueQueries.byId(em, storeId, queueId, user.grants.map((g) => g.storeId));
    if (!queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
    if (queue.isDefault) throw new AppError(409, 'default-queue', 'Η προκαθορισμένη ουρά του ΚΕΠ δεν διαγράφεται· μπορείτε να την απενεργοποιήσετε.');
    if (await queueQueries.hasAppointments(em, queue.id)) {
      throw new AppError(409, 'queue-has-appointments', 'Η ουρά έχει ραντεβού (ιστορικό ή μελλοντικά) και δεν διαγράφεται· απενεργοποιήστε την.');
    }
    recordAudit(em, { actor: user.sub, action: 'queue.delete', entityType: 'queue', entityId: queue.id, storeId, before: toQueueView(queue) });
    em.remove(queue);
    await em.flush();
  });
}

/**
 * Changes a queue in one transaction with its audit event. A change that would leave future
 * appointments outside the hours (deactivation, shorter hours, another mode) needs the
 * administrator's decision about them; without it nothing is written and 409 lists them. Its
 * cached availability is invalidated before the caller answers (hours, mode, activation and the
 * public flag change every day of it).
 */
export async function updateQueue(
  orm: MikroORM,
  availability: AvailabilityChanges,
  user: StaffUser,
  storeId: string,
  queueId: string,
  input: UpdateQueueInput,
  zone: string,
) {
  const callerStores = user.grants.map((g) => g.storeId);
  const changed = await refusingSecondQueue(() =>
    orm.em.transactional(async (em) => {
      // Before reading the queue: a booking in flight holds its row FOR SHARE, so the change starts
      // from the queue as that booking left it, and later bookings wait to see the change.
      if (!(await queueQueries.lock(em, storeId, queueId, callerStores))) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
      const { queues, state: before } = await loadSchedule(em, storeId, callerStores, zone);
      const queue = queues.find((q) => q.id === queueId);
      if (!queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
      const beforeView = toQueueView(queue);
      applyChanges(queue, input);
      const after = snapshot(queues, before.exceptions);
      const affected = await findAffected(em, storeId, callerStores, zone, { before, after }, [queueId]);
      const settled: Settled = await settleAffected(em, user, storeId, zone, affected, input, after);
      // A change that changes nothing leaves no audit event (and, affecting nothing, settles nothing).
      if (sameSnapshot(beforeView, toQueueView(queue))) return { queue, settled };
      recordAudit(em, {
        actor: user.sub,
        action: 'queue.update',
        entityType: 'queue',
        entityId: queue.id,
        storeId,
        before: beforeView,
        after: { ...toQueueView(queue), futureAppointments: settled },
      });
      await em.flush();
      return { queue, settled };
    }),
  );
  await availability.scheduleChanged({ storeId, queueIds: [queueId] });
  return changed;
}

function applyChanges(queue: Queue, input: UpdateQueueInput): void {
  if (input.name !== undefined) queue.name = input.name;
  if (input.mode !== undefined) queue.mode = input.mode;
  if (input.slotMinutes !== undefined) queue.slotMinutes = input.slotMinutes;
  if (input.weeklyHours !== undefined) queue.weeklyHours = normaliseWeeklyHours(input.weeklyHours);
  if (input.active !== undefined) queue.active = input.active;
  if (input.public !== undefined) queue.public = input.public;
  if (input.employee !== undefined) {
    queue.employeeSub = input.employee?.sub ?? null;
    queue.employeeName = input.employee?.name ?? null;
  }
}

/** One employee serves one queue of a KEP: the database's unique index decides, we explain. */
export async function refusingSecondQueue<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    const e = err as { code?: string; constraint?: string; message?: string };
    if (e?.code === '23505' && (e.constraint === EMPLOYEE_UNIQUE || e.message?.includes(EMPLOYEE_UNIQUE))) {
      const message = 'Ο υπάλληλος εξυπηρετεί ήδη άλλη ουρά αυτού του ΚΕΠ.';
      throw new AppError(409, 'employee-has-queue', message, { errors: [{ path: 'employee', message }] });
    }
    throw err;
  }
}
