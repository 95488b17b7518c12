import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { queueQueries } from '../db/queue.queries.js';
import type { StaffUser } from '../auth/session-data.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { AvailabilityChanges } from '../booking/availability-changes.js';
import { addDays } from '../domain/local-day.js';
import { todayIn } from '../domain/local-time.js';
import { notFound } from '../http/app-error.js';
import { createException, deleteException, updateException } from './exceptions.js';
import { toExceptionView } from './queue-view.js';
import { CreateExceptionBody, ExceptionListQuery, UpdateExceptionBody } from '../schemas/schedule.schema.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';

/**
 * `/stores/:storeId/exceptions`: closures and changed hours of the KEP or one of its queues. Staff
 * of the KEP read them; its store administrator adds, changes and removes them. An exception that
 * would leave future appointments outside the hours needs a decision about them (409 otherwise).
 */
export function exceptionRoutes(orm: MikroORM, afterChange: () => void, availability: AvailabilityChanges): Router {
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
    const result = await createException(orm, availability, user, storeId, input);
    if (result.settled.decision === 'cancel') afterChange();
    res.status(201).location(`${req.baseUrl}/${result.exception.id}`).json({ ...toExceptionView(result.exception), futureAppointments: result.settled });
  });

  router.patch('/:exceptionId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const exceptionId = pathId(req.params.exceptionId);
    assertAdministrator(user, storeId);
    const input = UpdateExceptionBody.parse(req.body ?? {});
    const result = await updateException(orm, availability, user, storeId, exceptionId, input);
    if (result.settled.decision === 'cancel') afterChange();
    res.json({ ...toExceptionView(result.exception), futureAppointments: result.settled });
  });

  router.delete('/:exceptionId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const exceptionId = pathId(req.params.exceptionId);
    assertAdministrator(user, storeId);
    await deleteException(orm, availability, user, storeId, exceptionId);
    res.status(204).end();
  });

  return router;
}
