import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request } from 'express';
import type { StaffUser } from '../auth/session-data.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { recordAudit } from '../db/record-audit.js';
import { sqlEm } from '../db/sql-em.js';
import { AppError, notFound } from '../http/app-error.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { assertAdministrator, pathId, storeIdOf } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';
import { WebhookSubscription } from './webhook.entities.js';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret.js';
import { checkWebhookUrl, WebhookUrlRefused } from './webhook-url.js';
import { CreatedWebhook, CreateWebhookBody, DeliveryList, DeliveryListQuery, DeliveryView, UpdateWebhookBody, WebhookList, WebhookView } from './webhooks.schema.js';

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
  const scopeOf = (req: Request): { user: StaffUser; storeId: string | null } => {
    const user = requireStaff(req);
    if (kind === 'directorate') {
      if (!user.supervisor) throw new AppError(403, 'not-directorate', 'Μόνο η Διεύθυνση διαχειρίζεται webhooks για όλα τα ΚΕΠ.');
      return { user, storeId: null };
    }
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    return { user, storeId };
  };
  const findSubscription = async (storeId: string | null, id: unknown): Promise<WebhookSubscription> => {
    const sub = await orm.em.fork().findOne(WebhookSubscription, { id: pathId(id), storeId });
    if (!sub) throw notFound('Η συνδρομή webhook δεν βρέθηκε.');
    return sub;
  };

  router.get('/', async (req, res) => {
    const { storeId } = scopeOf(req);
    const items = await orm.em.fork().find(WebhookSubscription, { storeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
    res.json({ items: items.map(toWebhookView) });
  });

  router.post('/', async (req, res) => {
    const { user, storeId } = scopeOf(req);
    const input = CreateWebhookBody.parse(req.body ?? {});
    const url = await checkedUrl(input.url, deps.allowPrivateUrls);
    const secret = newWebhookSecret();
    const sub = await orm.em.fork().transactional(async (em) => {
      const created = em.create(WebhookSubscription, {
        storeId,
        url: url.href,
        events: input.events,
        scope: input.scope,
        description: input.description || null,
        secret: sealWebhookSecret(secret, deps.secretKey),
        ownerSub: user.sub,
        ownerEmail: user.email,
        language: input.language,
      });
      recordAudit(em, { actor: user.sub, action: 'webhook.create', entityType: 'webhook_subscription', entityId: created.id, storeId, after: toWebhookView(created) });
      return created;
    });
    res.status(201).json({ ...toWebhookView(sub), secret });
  });

  router.patch('/:webhookId', async (req, res) => {
    const { user, storeId } = scopeOf(req);
    const sub = await findSubscription(storeId, req.params.webhookId);
    const input = UpdateWebhookBody.parse(req.body ?? {});
    const updated = await orm.em.fork().transactional(async (em) => {
      const s = await em.findOneOrFail(WebhookSubscription, sub.id);
      const before = toWebhookView(s);
      if (input.events) s.events = input.events;
      if (input.scope) s.scope = input.scope;
      if (input.description !== undefined) s.description = input.description || null;
      if (input.status === 'paused' && s.status === 'active') Object.assign(s, { status: 'paused', pausedAt: new Date(), pausedReason: 'manual' });
      // Resumed: a fresh start, the day of failures counts again from the next failure.
      if (input.status === 'active') Object.assign(s, { status: 'active', pausedAt: null, pausedReason: null, failingSince: null });
      recordAudit(em, { actor: user.sub, action: 'webhook.update', entityType: 'webhook_subscription', entityId: s.id, storeId, before, after: toWebhookView(s) });
      return s;
    });
    res.json(toWebhookView(updated));
  });

  router.delete('/:webhookId', async (req, res) => {
    const { user, storeId } = scopeOf(req);
    const sub = await findSubscription(storeId, req.params.webhookId);
    await orm.em.fork().transactional(async (em) => {
      await sqlEm(em).execute(`delete from webhook_subscription where id = ?`, [sub.id]);
      recordAudit(em, { actor: user.sub, action: 'webhook.delete', entityType: 'webhook_subscription', entityId: sub.id, storeId, before: toWebhookView(sub) });
    });
    res.status(204).end();
  });

  router.get('/:webhookId/deliveries', async (req, res) => {
    const { storeId } = scopeOf(req);
    const sub = await findSubscription(storeId, req.params.webhookId);
    const query = DeliveryListQuery.parse(req.query);
    const em = sqlEm(orm.em.fork());
    const [rows, [count]] = await Promise.all([
      em.execute<DeliveryRow[]>(`${DELIVERY_SELECT} where d.subscription_id = ? order by d.created_at desc, d.id limit ? offset ?`, [sub.id, query.pageSize, (query.page - 1) * query.pageSize]),
      em.execute<{ total: string }[]>(`select count(*) as total from webhook_delivery where subscription_id = ?`, [sub.id]),
    ]);
    res.json({ items: rows.map(toDeliveryView), total: Number(count?.total ?? 0), page: query.page, pageSize: query.pageSize });
  });

  router.post('/:webhookId/deliveries/:deliveryId/replay', async (req, res) => {
    const { user, storeId } = scopeOf(req);
    const sub = await findSubscription(storeId, req.params.webhookId);
    const deliveryId = pathId(req.params.deliveryId);
    if (sub.status !== 'active') throw new AppError(409, 'webhook-paused', 'Η συνδρομή είναι σε παύση· συνεχίστε την πρώτα και μετά στείλτε ξανά.');
    const replay = await orm.em.fork().transactional(async (em) => {
      const sql = sqlEm(em);
      const [original] = await sql.execute<{ id: string; kept: boolean }[]>(`select id, payload is not null as kept from webhook_delivery where id = ? and subscription_id = ?`, [deliveryId, sub.id]);
      if (!original) throw notFound('Η αποστολή δεν βρέθηκε σε αυτή τη συνδρομή.');
      if (!original.kept) throw new AppError(409, 'payload-gone', 'Το περιεχόμενο αυτής της αποστολής δεν φυλάσσεται πια, οπότε δεν μπορεί να σταλεί ξανά.');
      const [row] = await sql.execute<{ id: string }[]>(
        `insert into webhook_delivery (subscription_id, event_id, replay_of, payload, payload_until)
           select subscription_id, event_id, id, payload, payload_until from webhook_delivery where id = ? returning id`,
        [deliveryId],
      );
      recordAudit(em, { actor: user.sub, action: 'webhook.replay', entityType: 'webhook_subscription', entityId: sub.id, storeId, after: { deliveryId, replayId: row!.id } });
      const [view] = await sql.execute<DeliveryRow[]>(`${DELIVERY_SELECT} where d.id = ?`, [row!.id]);
      return view!;
    });
    deps.nudge();
    res.status(202).json(toDeliveryView(replay));
  });

  return router;
}

async function checkedUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  try {
    return await checkWebhookUrl(raw, allowPrivate);
  } catch (err) {
    if (err instanceof WebhookUrlRefused) throw new AppError(400, 'validation', 'Ελέγξτε τα πεδία που σημειώνονται.', { errors: [{ field: 'url', message: err.message }] });
    throw err;
  }
}

/** A subscription as answered (never its secret). */
export function toWebhookView(s: WebhookSubscription): z.infer<typeof WebhookView> {
  const iso = (t: Date | null | undefined) => (t ? new Date(t).toISOString() : null);
  return {
    id: s.id,
    storeId: s.storeId ?? null,
    url: s.url,
    events: s.events as z.infer<typeof WebhookView>['events'],
    scope: s.scope,
    description: s.description ?? null,
    status: s.status,
    failingSince: iso(s.failingSince),
    pausedAt: iso(s.pausedAt),
    pausedReason: s.pausedReason ?? null,
    createdAt: iso(s.createdAt)!,
  };
}

const DELIVERY_SELECT = `select d.id, d.event_id, e.type, d.status, d.attempts, d.last_status_code, d.last_error, d.last_duration_ms, d.created_at,
  d.first_attempt_at, d.last_attempt_at, d.delivered_at, d.replay_of, d.payload is not null as replayable
  from webhook_delivery d join webhook_event e on e.id = d.event_id`;

interface DeliveryRow {
  id: string;
  event_id: string;
  type: string;
  status: z.infer<typeof DeliveryView>['status'];
  attempts: number;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: Date;
  first_attempt_at: Date | null;
  last_attempt_at: Date | null;
  delivered_at: Date | null;
  replay_of: string | null;
  replayable: boolean;
}

function toDeliveryView(r: DeliveryRow): z.infer<typeof DeliveryView> {
  const iso = (t: Date | string | null) => (t === null ? null : new Date(t).toISOString());
  return {
    id: r.id,
    eventId: r.event_id,
    type: r.type as z.infer<typeof DeliveryView>['type'],
    status: r.status,
    attempts: r.attempts,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    lastDurationMs: r.last_duration_ms,
    createdAt: iso(r.created_at)!,
    firstAttemptAt: iso(r.first_attempt_at),
    lastAttemptAt: iso(r.last_attempt_at),
    deliveredAt: iso(r.delivered_at),
    replayOf: r.replay_of,
    replayable: r.replayable,
  };
}

registerOpenApiPaths((registry: OpenAPIRegistry, problem) => {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  for (const [prefix, who, params] of [
    ['/api/v1/stores/{storeId}/webhooks', 'the KEP’s store administrator', { storeId: z.uuid() }],
    ['/api/v1/webhooks', 'the directorate (subscriptions to every KEP)', {}],
  ] as const) {
    const base = z.object(params);
    const one = base.extend({ webhookId: z.uuid() });
    const refused = { 401: problem('Not signed in'), 403: problem(`Not ${who}, or missing CSRF token`), 404: problem('No such KEP or subscription, or not yours') };
    registry.registerPath({ method: 'get', path: prefix, summary: `Webhook subscriptions (${who}); never their secrets`, request: { params: base }, responses: { 200: json(WebhookList, 'The subscriptions'), ...refused } });
    registry.registerPath({
      method: 'post',
      path: prefix,
      summary: `Subscribe an https URL to appointment events (${who}). The answer shows the signing secret once. URLs resolving to loopback, private or link-local addresses are refused unless the deployment allows them`,
      request: { params: base, body: body(CreateWebhookBody) },
      responses: { 201: json(CreatedWebhook, 'Subscribed; keep the secret'), 400: problem('Invalid fields or a refused URL (`errors`)'), ...refused },
    });
    registry.registerPath({
      method: 'patch',
      path: `${prefix}/{webhookId}`,
      summary: 'Pause or resume (resuming clears the day of failures), or change the events, scope or description',
      request: { params: one, body: body(UpdateWebhookBody) },
      responses: { 200: json(WebhookView, 'Changed'), 400: problem('Invalid fields'), ...refused },
    });
    registry.registerPath({ method: 'delete', path: `${prefix}/{webhookId}`, summary: 'Delete the subscription and its delivery log', request: { params: one }, responses: { 204: { description: 'Deleted' }, ...refused } });
    registry.registerPath({
      method: 'get',
      path: `${prefix}/{webhookId}/deliveries`,
      summary: 'The delivery log, newest first: event, attempts, the last status code or error, timings, whether it can be replayed',
      request: { params: one, query: DeliveryListQuery },
      responses: { 200: json(DeliveryList, 'A page of the log'), 400: problem('Invalid page'), ...refused },
    });
    registry.registerPath({
      method: 'post',
      path: `${prefix}/{webhookId}/deliveries/{deliveryId}/replay`,
      summary: 'Send a delivery again, with the same body and `webhook-id` (a new line in the log)',
      request: { params: one.extend({ deliveryId: z.uuid() }) },
      responses: { 202: json(DeliveryView, 'Queued'), 409: problem('The subscription is paused, or the body is no longer kept'), ...refused },
    });
  }
});
