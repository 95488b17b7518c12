import { defineEntity, p } from '@mikro-orm/core';
import { DELIVERY_STATUSES, WEBHOOK_SCOPES, WEBHOOK_STATUSES } from './webhook-events.js';

/** A URL that gets a KEP's appointment events (or every KEP's: `storeId` null, the directorate's). */
export const WebhookSubscriptionSchema = defineEntity({
  name: 'WebhookSubscription',
  tableName: 'webhook_subscription',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    storeId: p.uuid().nullable(),
    url: p.string().length(2000),
    events: p.array().$type<string[]>(),
    scope: p.enum(WEBHOOK_SCOPES).default('ids'),
    /** The signing secret, sealed (see webhook-secret.ts); never shown after creation. */
    secret: p.string().length(400).lazy(),
    description: p.string().length(200).nullable(),
    status: p.enum(WEBHOOK_STATUSES).default('active'),
    /** The first failure (by the plugin's clock) of a run of failures; null after a success. */
    failingSince: p.datetime().nullable(),
    pausedAt: p.datetime().nullable(),
    pausedReason: p.enum(['failing', 'manual'] as const).nullable(),
    ownerSub: p.string().length(255),
    ownerEmail: p.string().length(254).nullable(),
    language: p.enum(['el', 'en'] as const).default('el'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});
export class WebhookSubscription extends WebhookSubscriptionSchema.class {}
WebhookSubscriptionSchema.setClass(WebhookSubscription);

/** One appointment event, written by the database in the change's transaction. */
export const WebhookEventSchema = defineEntity({
  name: 'WebhookEvent',
  tableName: 'webhook_event',
  properties: {
    id: p.uuid().primary(),
    type: p.string().length(40),
    storeId: p.uuid(),
    appointmentId: p.uuid(),
    data: p.json<Record<string, unknown>>(),
    occurredAt: p.datetime(),
  },
});
export class WebhookEvent extends WebhookEventSchema.class {}
WebhookEventSchema.setClass(WebhookEvent);

/** One event to one subscription: the log line an administrator reads and replays. */
export const WebhookDeliverySchema = defineEntity({
  name: 'WebhookDelivery',
  tableName: 'webhook_delivery',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    subscription: () => p.manyToOne(WebhookSubscription),
    event: () => p.manyToOne(WebhookEvent),
    replayOf: p.uuid().nullable(),
    status: p.enum(DELIVERY_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastStatusCode: p.integer().nullable(),
    lastError: p.string().length(500).nullable(),
    lastDurationMs: p.integer().nullable(),
    /** The exact body sent, kept for replay until `payloadUntil`. */
    payload: p.text().nullable().lazy(),
    payloadUntil: p.datetime().nullable(),
    nextAttemptAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    queuedAt: p.datetime().nullable(),
    firstAttemptAt: p.datetime().nullable(),
    lastAttemptAt: p.datetime().nullable(),
    deliveredAt: p.datetime().nullable(),
  },
});
export class WebhookDelivery extends WebhookDeliverySchema.class {}
WebhookDeliverySchema.setClass(WebhookDelivery);
