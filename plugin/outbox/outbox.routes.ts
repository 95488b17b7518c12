import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { OutboxMessage } from '../db/outbox-message.entity.js';
import { retryMessage } from './retry-message.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { OutboxList, OutboxListQuery, OutboxMessageView, OutboxRetryBody } from '../schemas/outbox.schema.js';
import { assertAdministrator, pathId, storeIdOf } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/**
 * `/stores/:storeId/outbox`: the KEP's email to citizens, for its store administrator — above all the
 * messages that failed for good, with the mail server's reason, and sending one again (after
 * correcting the citizen's address). Operators get 403; another KEP's ids answer 404.
 */
export function outboxRoutes(orm: MikroORM, afterChange: () => void): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const query = OutboxListQuery.parse(req.query);
    // Scoped by the KEP in the query itself: the message belongs to the KEP through its appointment.
    const where = { status: query.status, appointment: { store: storeId } };
    const [items, total] = await orm.em.findAndCount(OutboxMessage, where, {
      populate: ['appointment'],
      orderBy: { createdAt: 'desc', id: 'asc' },
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    res.json({ storeId, status: query.status, items: items.map(toOutboxView), total, page: query.page, pageSize: query.pageSize });
  });

  router.post('/:messageId/retry', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    const messageId = pathId(req.params.messageId);
    assertAdministrator(user, storeId);
    const input = OutboxRetryBody.parse(req.body ?? {});
    const message = await retryMessage(orm, user, storeId, messageId, input);
    afterChange();
    res.status(202).json(toOutboxView(message));
  });

  return router;
}

function toOutboxView(m: OutboxMessage): z.infer<typeof OutboxMessageView> {
  const a = m.appointment;
  return {
    id: m.id,
    kind: m.kind,
    status: m.status,
    attempts: m.attempts,
    lastError: m.lastError ?? null,
    providerMessageId: m.providerMessageId ?? null,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    failedAt: m.failedAt?.toISOString() ?? null,
    appointment: {
      id: a.id,
      startsAt: a.startsAt.toISOString(),
      firstName: a.firstName,
      lastName: a.lastName,
      email: a.email ?? null,
      status: a.status,
      language: a.language,
    },
  };
}

registerOpenApiPaths((registry: OpenAPIRegistry, problem) => {
  const params = z.object({ storeId: z.uuid() });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/outbox',
    summary: 'The KEP’s email to citizens in one status (default: failed for good, with the reason); store administrator only',
    request: { params, query: OutboxListQuery },
    responses: {
      200: { description: 'A page, newest first', content: { 'application/json': { schema: OutboxList } } },
      403: problem('Not the store administrator of this KEP'),
      404: problem('No such KEP, or not one of yours'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/outbox/{messageId}/retry',
    summary: 'Send a failed message again, optionally to a corrected address (which replaces the appointment’s email)',
    request: { params: params.extend({ messageId: z.uuid() }), body: { content: { 'application/json': { schema: OutboxRetryBody } } } },
    responses: {
      202: { description: 'Queued again', content: { 'application/json': { schema: OutboxMessageView } } },
      400: problem('Invalid address'),
      403: problem('Not the store administrator of this KEP, or missing CSRF token'),
      404: problem('No such message in this KEP'),
      409: problem('The message has not failed, or the appointment has no address'),
    },
  });
});
