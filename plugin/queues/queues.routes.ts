import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { queueQueries } from '../db/queue.queries.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { AvailabilityChanges } from '../booking/availability-changes.js';
import { notFound } from '../http/app-error.js';
import { createQueue, deleteQueue, updateQueue } from './change-queue.js';
import { toQueueView } from './queue-view.js';
// Adds the queue, exception, holiday and availability paths to the OpenAPI document.
import './schedule.openapi.js';
import { CreateQueueBody, UpdateQueueBody } from '../schemas/queue.schema.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';

/**
 * `/stores/:storeId/queues`: every staff member of the KEP reads its queues; only its store
 * administrator adds, changes and deletes them. Another KEP's ids answer 404.
 */
export function queueRoutes(orm: MikroORM, afterChange: () => void, availability: AvailabilityChanges): Router {
  const router = Router({ mergeParams: true });
  const stores = (grants: { storeId: string }[]) => grants.map((g) => g.storeId);

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const queues = await queueQueries.list(orm.em, storeId, stores(user.grants));
    res.json({ storeId, items: queues.map(toQueueView) });
  });

  router.get('/:queueId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const queue = await queueQueries.byId(orm.em, storeId, pathId(req.params.queueId), stores(user.grants));
    if (!queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
    res.json(toQueueView(queue));
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const input = CreateQueueBody.parse(req.body ?? {});
    const queue = await createQueue(orm, user, storeId, input);
    res.status(201).location(`${req.baseUrl}/${queue.id}`).json(toQueueView(queue));
  });

  router.patch('/:queueId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const queueId = pathId(req.params.queueId);
    assertAdministrator(user, storeId);
    const input = UpdateQueueBody.parse(req.body ?? {});
    const store = await queueQueries.store(orm.em, storeId, stores(user.grants));
    if (!store) throw notFound();
    const { queue, settled } = await updateQueue(orm, availability, user, storeId, queueId, input, store.timeZone);
    if (settled.decision === 'cancel') afterChange();
    res.json({ ...toQueueView(queue), futureAppointments: settled });
  });

  router.delete('/:queueId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const queueId = pathId(req.params.queueId);
    assertAdministrator(user, storeId);
    await deleteQueue(orm, user, storeId, queueId);
    res.status(204).end();
  });

  return router;
}
