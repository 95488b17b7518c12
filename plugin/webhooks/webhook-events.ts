/**
 * The appointment events a webhook can subscribe to. The database derives them (the triggers of
 * migrations/Migration20261207130000_webhooks.ts) from the one audit line of each change and from
 * the end of a hold; the names here are the ones it writes.
 */
export const WEBHOOK_EVENT_TYPES = [
  'appointment.created',
  'appointment.changed',
  'appointment.cancelled',
  'appointment.arrived',
  'appointment.served',
  'appointment.no_show',
  'appointment.missed_by_staff',
  'appointment.hold_lapsed',
] as const;
/** One of {@link WEBHOOK_EVENT_TYPES}. */
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/**
 * How much of the citizen a delivery carries: `ids` (ids, times, the KEP, status, mode, source: no
 * personal data) or `contact` (that and the citizen's name, email and phone).
 */
export const WEBHOOK_SCOPES = ['ids', 'contact'] as const;
/** One of {@link WEBHOOK_SCOPES}. */
export type WebhookScope = (typeof WEBHOOK_SCOPES)[number];

/** Where a subscription is: delivering, or paused (by its owner, or after a day of failures). */
export const WEBHOOK_STATUSES = ['active', 'paused'] as const;
/** Where one delivery is. */
export const DELIVERY_STATUSES = ['pending', 'queued', 'delivered', 'failed', 'skipped'] as const;
