import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { Queue } from '../db/queue.entity.js';
import { queueQueries, toExceptionRule } from '../db/queue.queries.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import { ScheduleException } from '../db/schedule-exception.entity.js';
import type { StaffUser } from '../auth/session-data.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { addDays, daysBetween } from '../domain/local-day.js';
import { todayIn } from '../domain/local-time.js';
import { sortIntervals } from '../domain/weekly-hours.js';
import { AppError, notFound } from '../http/app-error.js';
import { loadSchedule } from './change-queue.js';
import { findAffected, settleAffected } from './future-appointments.js';
import { toExceptionView } from './queue-view.js';
import { CreateExceptionBody, ExceptionListQuery, UpdateExceptionBody, type UpdateExceptionInput } from '../schemas/schedule.schema.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';

/**
 * `/stores/:storeId/exceptions`: closures and changed hours of the KEP or one of its queues. Staff
 * of the KEP read them; its store administrator adds, changes and removes them. An exception that
 * would leave future appointments outside the hours needs a decision about them (409 otherwise).
 */
export function exceptionRoutes(orm: MikroORM, afterChange: () => void): Router {
  const router = Router({ mergeParams: true });
  const stores = (user: StaffUser) => user.grants.map((g) => g.storeId);

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const query = ExceptionListQuery.parse(req.query);
    const from = query.from ?? todayIn();
    const to = query.to ?? addDays(from, 183);
    const items = await queueQueries.exceptions(orm.em, storeId, stores(user), { from, to });
    res.json({ storeId, from, to, items: items.map(toExceptionView) });
  });

  router.get('/:exceptionId', async (req, res) => {
    const user = requireStaff(req);
    const found = await queueQueries.exceptionById(orm.em, storeIdOf(req), pathId(req.params.exceptionId), stores(user));
    if (!found) throw notFound('Η εξαίρεση δεν βρέθηκε.');
    res.json(toExceptionView(found));
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const input = CreateExceptionBody.parse(req.body ?? {});
    const zone = await zoneOf(orm.em, storeId, stores(user));
    const result = await orm.em.transactional(async (em) => {
      const { queues, state: before } = await loadSchedule(em, storeId, stores(user), zone);
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
      const affected = await findAffected(em, storeId, stores(user), zone, { before, after }, input.queueId ? [input.queueId] : undefined);
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
      return { exception, settled };
    });
    if (result.settled.decision === 'cancel') afterChange();
    res.status(201).location(`${req.baseUrl}/${result.exception.id}`).json({ ...toExceptionView(result.exception), futureAppointments: result.settled });
  });

  router.patch('/:exceptionId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const exceptionId = pathId(req.params.exceptionId);
    assertAdministrator(user, storeId);
    const input = UpdateExceptionBody.parse(req.body ?? {});
    const zone = await zoneOf(orm.em, storeId, stores(user));
    const result = await orm.em.transactional(async (em) => {
      const { queues, exceptions, state: before } = await loadSchedule(em, storeId, stores(user), zone);
      const exception = exceptions.find((e) => e.id === exceptionId) ?? (await queueQueries.exceptionById(em, storeId, exceptionId, stores(user)));
      if (!exception) throw notFound('Η εξαίρεση δεν βρέθηκε.');
      if (input.queueId && !queues.some((q) => q.id === input.queueId)) throw queueNotHere();
      const beforeView = toExceptionView(exception);
      applyChanges(em, exception, input);
      const after = {
        queues: before.queues,
        exceptions: [...exceptions.filter((e) => e.id !== exception.id), exception].map(toExceptionRule),
      };
      const touched = [beforeView.queueId, exception.queue?.id ?? null];
      const queueIds = touched.includes(null) ? undefined : (touched as string[]);
      const affected = await findAffected(em, storeId, stores(user), zone, { before, after }, queueIds);
      const settled = await settleAffected(em, user, storeId, zone, affected, { ...input, cancelReason: input.cancelReason || exception.reason }, after);
      // A change that changes nothing leaves no audit event (and, affecting nothing, settles nothing).
      if (sameSnapshot(beforeView, toExceptionView(exception))) return { exception, settled };
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
      return { exception, settled };
    });
    if (result.settled.decision === 'cancel') afterChange();
    res.json({ ...toExceptionView(result.exception), futureAppointments: result.settled });
  });

  router.delete('/:exceptionId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const exceptionId = pathId(req.params.exceptionId);
    assertAdministrator(user, storeId);
    // Removing a closure only opens time, so no appointment can be left out by it.
    await orm.em.transactional(async (em) => {
      const exception = await queueQueries.exceptionById(em, storeId, exceptionId, stores(user));
      if (!exception) throw notFound('Η εξαίρεση δεν βρέθηκε.');
      recordAudit(em, { actor: user.sub, action: 'exception.delete', entityType: 'schedule_exception', entityId: exception.id, storeId, before: toExceptionView(exception) });
      em.remove(exception);
      await em.flush();
    });
    res.status(204).end();
  });

  return router;
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

async function zoneOf(em: EntityManager, storeId: string, callerStores: readonly string[]): Promise<string> {
  const store = await queueQueries.store(em, storeId, callerStores);
  if (!store) throw notFound();
  return store.timeZone;
}

function queueNotHere(): AppError {
  const message = 'Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.';
  return new AppError(400, 'validation', message, { errors: [{ path: 'queueId', message }] });
}
