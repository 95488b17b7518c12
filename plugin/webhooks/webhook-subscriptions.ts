import type { MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit } from '../db/record-audit.js';
import { sqlEm } from '../db/sql-em.js';
import { AppError, notFound } from '../http/app-error.js';
import type { z } from '../http/zod-openapi.js';
import { WebhookSubscription } from './webhook.entities.js';
import { newWebhookSecret, sealWebhookSecret } from './webhook-secret.js';
import { checkWebhookUrl, WebhookUrlRefused } from './webhook-url.js';
import type { CreateWebhookBody, DeliveryView, UpdateWebhookBody, WebhookView } from './webhooks.schema.js';

/** The subscriptions of one scope: a KEP, or (null) every KEP, the directorate's. */
export interface WebhookScopeRef {
  user: StaffUser;
  storeId: string | null;
}

/** The scope's subscription by id, or 404 (another KEP's, or the directorate's, is not found either). */
export async function findSubscription(orm: MikroORM, storeId: string | null, id: string): Promise<WebhookSubscription> {
  const sub = await orm.em.fork().findOne(WebhookSubscription, { id, storeId });
  if (!sub) throw notFound('Η συνδρομή webhook δεν βρέθηκε.');
  return sub;
}

/** The scope's subscriptions, oldest first. */
export async function listSubscriptions(orm: MikroORM, storeId: string | null): Promise<WebhookSubscription[]> {
  return orm.em.fork().find(WebhookSubscription, { storeId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
}

/**
 * Subscribes a URL: checked (https, public addresses unless `allowPrivate`; a refusal is a 400 on the
 * `url` field), with a fresh secret that is sealed for storage and answered this once. Audited,
 * without the secret; the owner (who gets the email if it is paused) is the caller.
 */
export async function createSubscription(
  orm: MikroORM,
  { user, storeId }: WebhookScopeRef,
  input: z.infer<typeof CreateWebhookBody>,
  settings: { allowPrivateUrls: boolean; secretKey?: string | null | undefined },
): Promise<{ subscription: WebhookSubscription; secret: string }> {
  const url = await checkedUrl(input.url, settings.allowPrivateUrls);
  const secret = newWebhookSecret();
  const subscription = await orm.em.fork().transactional(async (em) => {
    const created = em.create(WebhookSubscription, {
      storeId,
      url: url.href,
      events: input.events,
      scope: input.scope,
      description: input.description || null,
      secret: sealWebhookSecret(secret, settings.secretKey),
      ownerSub: user.sub,
      ownerEmail: user.email,
      language: input.language,
    });
    recordAudit(em, { actor: user.sub, action: 'webhook.create', entityType: 'webhook_subscription', entityId: created.id, storeId, after: toWebhookView(created) });
    return created;
  });
  return { subscription, secret };
}

/** Pauses or resumes (a fresh start: the day of failures counts again), or changes events, scope, description; audited. */
export function updateSubscription(orm: MikroORM, { user, storeId }: WebhookScopeRef, id: string, input: z.infer<typeof UpdateWebhookBody>): Promise<WebhookSubscription> {
  return orm.em.fork().transactional(async (em) => {
    const s = await em.findOne(WebhookSubscription, { id, storeId });
    if (!s) throw notFound('Η συνδρομή webhook δεν βρέθηκε.');
    const before = toWebhookView(s);
    if (input.events) s.events = input.events;
    if (input.scope) s.scope = input.scope;
    if (input.description !== undefined) s.description = input.description || null;
    if (input.status === 'paused' && s.status === 'active') Object.assign(s, { status: 'paused', pausedAt: new Date(), pausedReason: 'manual' });
    if (input.status === 'active') Object.assign(s, { status: 'active', pausedAt: null, pausedReason: null, failingSince: null });
    recordAudit(em, { actor: user.sub, action: 'webhook.update', entityType: 'webhook_subscription', entityId: s.id, storeId, before, after: toWebhookView(s) });
    return s;
  });
}

/** Deletes a subscription with its log; audited. */
export async function deleteSubscription(orm: MikroORM, { user, storeId }: WebhookScopeRef, id: string): Promise<void> {
  const sub = await findSubscription(orm, storeId, id);
  await orm.em.fork().transactional(async (em) => {
    await sqlEm(em).execute(`delete from webhook_subscription where id = ?`, [sub.id]);
    recordAudit(em, { actor: user.sub, action: 'webhook.delete', entityType: 'webhook_subscription', entityId: sub.id, storeId, before: toWebhookView(sub) });
  });
}

/** A page of a subscription's delivery log, newest first, with the total. */
export async function deliveryLog(orm: MikroORM, subscriptionId: string, page: number, pageSize: number): Promise<{ items: z.infer<typeof DeliveryView>[]; total: number }> {
  const em = sqlEm(orm.em.fork());
  const [rows, [count]] = await Promise.all([
    em.execute<DeliveryRow[]>(`${DELIVERY_SELECT} where d.subscription_id = ? order by d.created_at desc, d.id limit ? offset ?`, [subscriptionId, pageSize, (page - 1) * pageSize]),
    em.execute<{ total: string }[]>(`select count(*) as total from webhook_delivery where subscription_id = ?`, [subscriptionId]),
  ]);
  return { items: rows.map(toDeliveryView), total: Number(count?.total ?? 0) };
}

/**
 * Sends a delivery again: a new log line with the same event (so the same `webhook-id`) and the same
 * kept body. 409 when the subscription is paused or the body is no longer kept; audited.
 */
export function replayDelivery(orm: MikroORM, { user, storeId }: WebhookScopeRef, sub: WebhookSubscription, deliveryId: string): Promise<z.infer<typeof DeliveryView>> {
  if (sub.status !== 'active') throw new AppError(409, 'webhook-paused', 'Η συνδρομή είναι σε παύση· συνεχίστε την πρώτα και μετά στείλτε ξανά.');
  return orm.em.fork().transactional(async (em) => {
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
    return toDeliveryView(view!);
  });
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
