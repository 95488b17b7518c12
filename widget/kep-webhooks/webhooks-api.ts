/** The webhook endpoints as `<kep-webhooks>` uses them, on top of the shared {@link ApiClient}. */
import type { ApiClient } from '../shared/api.js';

export const EVENT_TYPES = [
  'appointment.created',
  'appointment.changed',
  'appointment.cancelled',
  'appointment.arrived',
  'appointment.served',
  'appointment.no_show',
  'appointment.missed_by_staff',
  'appointment.hold_lapsed',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export type Scope = 'ids' | 'contact';

/** A subscription (never its secret). */
export interface Webhook {
  id: string;
  storeId: string | null;
  url: string;
  events: EventType[];
  scope: Scope;
  description: string | null;
  status: 'active' | 'paused';
  failingSince: string | null;
  pausedAt: string | null;
  pausedReason: 'failing' | 'manual' | null;
  createdAt: string;
}

/** A subscription as just created: its secret is in this answer only. */
export interface CreatedWebhook extends Webhook {
  secret: string;
}

/** One line of the delivery log. */
export interface Delivery {
  id: string;
  eventId: string;
  type: EventType;
  status: 'pending' | 'queued' | 'delivered' | 'failed' | 'skipped';
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  lastDurationMs: number | null;
  createdAt: string;
  lastAttemptAt: string | null;
  deliveredAt: string | null;
  replayOf: string | null;
  replayable: boolean;
}

export async function listWebhooks(api: ApiClient, storeId: string): Promise<Webhook[]> {
  return (await api.storeRequest<{ items: Webhook[] }>(storeId, 'GET', '/webhooks')).items;
}

export function createWebhook(api: ApiClient, storeId: string, body: { url: string; events: EventType[]; scope: Scope; description?: string; language: string }, csrfToken: string): Promise<CreatedWebhook> {
  return api.storeRequest(storeId, 'POST', '/webhooks', { body, csrfToken });
}

export function updateWebhook(api: ApiClient, storeId: string, id: string, body: { status: 'active' | 'paused' }, csrfToken: string): Promise<Webhook> {
  return api.storeRequest(storeId, 'PATCH', `/webhooks/${encodeURIComponent(id)}`, { body, csrfToken });
}

export function deleteWebhook(api: ApiClient, storeId: string, id: string, csrfToken: string): Promise<void> {
  return api.storeRequest(storeId, 'DELETE', `/webhooks/${encodeURIComponent(id)}`, { csrfToken });
}

export async function listDeliveries(api: ApiClient, storeId: string, id: string): Promise<Delivery[]> {
  return (await api.storeRequest<{ items: Delivery[] }>(storeId, 'GET', `/webhooks/${encodeURIComponent(id)}/deliveries?pageSize=50`)).items;
}

export function replayDelivery(api: ApiClient, storeId: string, id: string, deliveryId: string, csrfToken: string): Promise<Delivery> {
  return api.storeRequest(storeId, 'POST', `/webhooks/${encodeURIComponent(id)}/deliveries/${encodeURIComponent(deliveryId)}/replay`, { csrfToken });
}
