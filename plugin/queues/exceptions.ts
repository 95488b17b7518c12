import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Queue } from '../db/queue.entity.js';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import { ScheduleException } from '../db/schedule-exception.entity.js';
import type { StaffUser } from '../auth/session-data.js';
import type { AvailabilityChanges } from '../booking/availability-changes.js';
import { daysBetween } from '../domain/local-day.js';
import { sortIntervals } from '../domain/weekly-hours.js';
import { AppError, notFound } from '../http/app-error.js';
import { loadSchedule } from './change-queue.js';
import { findAffected, settleAffected, type Settled } from './future-appointments.js';
import { toExceptionView } from './queue-view.js';
import type { CreateExceptionInput, UpdateExceptionInput } from '../schemas/schedule.schema.js';

/** An exception as written, with what was decided about the future appointments it left out. */
export interface ExceptionChanged {
  exception: ScheduleException;
  settled: Settled;
}

/**
 * Adds a closure or changed hours of the KEP or one of its queues, in one transaction with its audit
 * event. Future appointments it would leave outside the hours need the administrator's decision
 * (409 listing them otherwise). The availability of the queues it touches (every queue of the KEP
 * for a store-wide one) is invalidated before the caller answers.
 */
export async function createException(
  orm: MikroORM,
  availability: AvailabilityChanges,
  user: StaffUser,
  storeId: string,
  input: CreateExceptionInput,
): Promise<ExceptionChanged> {
  const stores = callerStores(user);
  const zone = await zoneOf(orm.em, storeId, stores);
  const { result, queueIds } = await orm.em.transactional(async (em) => {
    const { queues, state: before } = await loadSchedule(em, storeId, stores, zone);
    if (input.queueId && !queues.some((q) => q.id === input.queueId)) throw queueNotHere();
    const exception = em.create(ScheduleException, {
      store: storeId,
      queue: input.queueId,
      startDate: input.startDate,
      endDate: input.endDate,
      hours: input.hours && sortIntervals(input.hours),
      reason: input.reason,
      recursYearly: input.recursYearly,
      createdBy: user.sub,
    });
    const after = { queues: before.queues, exceptions: [...before.exceptions, toExceptionRule(exception)] };
    const affected = await findAffected(em, storeId, stores, zone, { before, after }, input.queueId ? [input.queueId] : undefined);
    // A cancellation tells the citizen why: the administrator's words for it, or the closure's own reason.
    const settled = await settleAffected(em, user, storeId, zone, affected, { ...input, cancelReason: input.cancelReason || input.reason }, after);
    recordAudit(em, {
      actor: user.sub,
      action: 'exception.create',
      entityType: 'schedule_exception',
      entityId: exception.id,
      storeId,
      after: { ...toExceptionView(exception), futureAppointments: settled },
    });
    await em.flush();
    return { result: { exception, settled }, queueIds: input.queueId ? [input.queueId] : queues.map((q) => q.id) };
  });
  await availability.scheduleChanged({ storeId, queueIds });
  return result;
}

/** Changes an exception (same rules as adding one); a change that changes nothing leaves no audit event. */
export async function updateException(
  orm: MikroORM,
  availability: AvailabilityChanges,
  user: StaffUser,
  storeId: string,
  exceptionId: string,
  input: UpdateExceptionInput,
): Promise<ExceptionChanged> {
  const stores = callerStores(user);
  const zone = await zoneOf(orm.em, storeId, stores);
  const { result, queueIds } = await orm.em.transactional(async (em) => {
    const { queues, exceptions, state: before } = await loadSchedule(em, storeId, stores, zone);
    const exception = exceptions.find((e) => e.id === exceptionId) ?? (await queueQueries.exceptionById(em, storeId, exceptionId, stores));
    if (!exception) throw notFound('Η εξαίρεση δεν βρέθηκε.');
    if (input.queueId && !queues.some((q) => q.id === input.queueId)) throw queueNotHere();
    const beforeView = toExceptionView(exception);
    applyChanges(em, exception, input);
    const after = {
      queues: before.queues,
      exceptions: [...exceptions.filter((e) => e.id !== exception.id), exception].map(toExceptionRule),
    };
    const touched = [beforeView.queueId, exception.queue?.id ?? null];
    const touchedQueues = touched.includes(null) ? undefined : (touched as string[]);
    const affected = await findAffected(em, storeId, stores, zone, { before, after }, touchedQueues);
    const settled = await settleAffected(em, user, storeId, zone, affected, { ...input, cancelReason: input.cancelReason || exception.reason }, after);
    const queueIds = touchedQueues ?? queues.map((q) => q.id);
    if (sameSnapshot(beforeView, toExceptionView(exception))) return { result: { exception, settled }, queueIds: [] };
    recordAudit(em, {
      actor: user.sub,
      action: 'exception.update',
      entityType: 'schedule_exception',
      entityId: exception.id,
      storeId,
      before: beforeView,
      after: { ...toExceptionView(exception), futureAppointments: settled },
    });
    await em.flush();
    return { result: { exception, settled }, queueIds };
  });
  await availability.scheduleChanged({ storeId, queueIds });
  return result;
}

/** Removes an exception: that only opens time, so no appointment can be left out by it. */
export async function deleteException(orm: MikroORM, availability: AvailabilityChanges, user: StaffUser, storeId: string, exceptionId: string): Promise<void> {
  const stores = callerStores(user);
  const queueIds = await orm.em.transactional(async (em) => {
    const exception = await queueQueries.exceptionById(em, storeId, exceptionId, stores);
    if (!exception) throw notFound('Η εξαίρεση δεν βρέθηκε.');
    const queueIds = exception.queue ? [exception.queue.id] : (await queueQueries.list(em, storeId, stores)).map((q) => q.id);
    const before = toExceptionView(exception);
    recordAudit(em, { actor: user.sub, action: 'exception.delete', entityType: 'schedule_exception', entityId: exception.id, storeId, before });
    em.remove(exception);
    await em.flush();
    return queueIds;
  });
  await availability.scheduleChanged({ storeId, queueIds });
}

function applyChanges(em: EntityManager, e: ScheduleException, input: UpdateExceptionInput): void {
  if (input.queueId !== undefined) e.queue = input.queueId ? em.getReference(Queue, input.queueId) : null;
  if (input.startDate !== undefined) e.startDate = input.startDate;
  if (input.endDate !== undefined) e.endDate = input.endDate;
  if (input.hours !== undefined) e.hours = input.hours && sortIntervals(input.hours);
  if (input.reason !== undefined) e.reason = input.reason;
  if (input.recursYearly !== undefined) e.recursYearly = input.recursYearly;
  const span = daysBetween(e.startDate, e.endDate);
  const problem =
    span < 0 ? 'Η ημερομηνία λήξης πρέπει να είναι ίδια ή μετά την ημερομηνία έναρξης.'
    : e.recursYearly && span >= 366 ? 'Μια ετήσια εξαίρεση διαρκεί λιγότερο από έναν χρόνο.'
    : span > 730 ? 'Μια εξαίρεση διαρκεί έως δύο χρόνια.'
    : null;
  if (problem) throw new AppError(400, 'validation', problem, { errors: [{ path: 'endDate', message: problem }] });
}

function callerStores(user: StaffUser): string[] {
  return user.grants.map((g) => g.storeId);
}

async function zoneOf(em: EntityManager, storeId: string, stores: readonly string[]): Promise<string> {
  const store = await queueQueries.store(em, storeId, stores);
  if (!store) throw notFound();
  return store.timeZone;
}

function queueNotHere(): AppError {
  const message = 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.';
  return new AppError(400, 'validation', message, { errors: [{ path: 'queueId', message }] });
}
