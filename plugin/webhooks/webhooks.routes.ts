import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { AppError } from '../http/app-error.js';
import { assertAdministrator, pathId, storeIdOf } from '../http/store-access.js';
// Adds the webhook paths to the OpenAPI document.
import './webhooks.openapi.js';
import {
  createSubscription,
  deleteSubscription,
  deliveryLog,
  findSubscription,
  listSubscriptions,
  replayDelivery,
  toWebhookView,
  updateSubscription,
  type WebhookScopeRef,
} from './webhook-subscriptions.js';
import { CreateWebhookBody, DeliveryListQuery, UpdateWebhookBody } from './webhooks.schema.js';

/** What the webhook routes need beyond the ORM. */
export interface WebhookRouteDeps {
  orm: MikroORM;
  /** Loopback and private URLs (and http) allowed: `webhooks.allowPrivateUrls`. */
  allowPrivateUrls: boolean;
  /** Seals the secrets (`webhooks.secretKey`). */
  secretKey?: string | null | undefined;
  /** Relays a replay at once. */
  nudge: () => void;
}

/**
 * `/stores/:storeId/webhooks` (`kind` 'store': the KEP's subscriptions, for its store administrator;
 * operators 403, another KEP 404) and `/webhooks` ('directorate': the subscriptions to every KEP, for
 * members of the directorate). Create (the secret shown once), list, pause, resume, change the
 * events, delete; read a subscription's delivery log and replay one delivery.
 */
export function webhookRoutes(deps: WebhookRouteDeps, kind: 'store' | 'directorate'): Router {
  const { orm } = deps;
  const router = Router({ mergeParams: true });

  /** The caller may manage this scope's subscriptions; answers the KEP (null: every KEP). */
  const scopeOf = (req: Request): WebhookScopeRef => {
    const user = requireStaff(req);
    if (kind === 'directorate') {
      if (!user.supervisor) throw new AppError(403, 'not-directorate', 'Μόνο η Διεύθυνση διαχειρίζεται webhooks για όλα τα ΚΕΠ.');
      return { user, storeId: null };
    }
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    return { user, storeId };
  };

  router.get('/', async (req, res) => {
    const { storeId } = scopeOf(req);
    res.json({ items: (await listSubscriptions(orm, storeId)).map(toWebhookView) });
  });

  router.post('/', async (req, res) => {
    const scope = scopeOf(req);
    const input = CreateWebhookBody.parse(req.body ?? {});
    const { subscription, secret } = await createSubscription(orm, scope, input, deps);
    res.status(201).json({ ...toWebhookView(subscription), secret });
  });

  router.patch('/:webhookId', async (req, res) => {
    const scope = scopeOf(req);
    // Another KEP's id is 404 whatever the body says.
    const { id } = await findSubscription(orm, scope.storeId, pathId(req.params.webhookId));
    const input = UpdateWebhookBody.parse(req.body ?? {});
    res.json(toWebhookView(await updateSubscription(orm, scope, id, input)));
  });

  router.delete('/:webhookId', async (req, res) => {
    const scope = scopeOf(req);
    await deleteSubscription(orm, scope, pathId(req.params.webhookId));
    res.status(204).end();
  });

  router.get('/:webhookId/deliveries', async (req, res) => {
    const { storeId } = scopeOf(req);
    const sub = await findSubscription(orm, storeId, pathId(req.params.webhookId));
    const query = DeliveryListQuery.parse(req.query);
    res.json({ ...(await deliveryLog(orm, sub.id, query.page, query.pageSize)), page: query.page, pageSize: query.pageSize });
  });

  router.post('/:webhookId/deliveries/:deliveryId/replay', async (req, res) => {
    const scope = scopeOf(req);
    const sub = await findSubscription(orm, scope.storeId, pathId(req.params.webhookId));
    const replay = await replayDelivery(orm, scope, sub, pathId(req.params.deliveryId));
    deps.nudge();
    res.status(202).json(replay);
  });

  return router;
}
