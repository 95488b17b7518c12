/**
 * The outbox endpoints as `<kep-outbox>` uses them, on top of the shared {@link ApiClient}.
 */
import type { ApiClient } from '../shared/api.js';

/** The kinds of email the plugin sends to citizens. */
export type OutboxKind = 'appointment.confirmation' | 'appointment.change' | 'appointment.cancellation' | 'appointment.reminder' | 'appointment.video-not-eligible';

/** One email to a citizen, as the store administrator sees it. */
export interface OutboxMessage {
  id: string;
  kind: OutboxKind;
  status: 'pending' | 'queued' | 'sent' | 'failed' | 'skipped';
  attempts: number;
  /** The mail server's reply, or why it was not sent. */
  lastError: string | null;
  createdAt: string;
  failedAt: string | null;
  appointment: { id: string; startsAt: string; firstName: string; lastName: string; email: string | null; status: string; language: 'el' | 'en' };
}

/** The KEP's messages that failed for good, newest first (at most 200). */
export const listFailed = (api: ApiClient, storeId: string, signal?: AbortSignal) =>
  api.storeRequest<{ items: OutboxMessage[]; total: number }>(storeId, 'GET', '/outbox?status=failed&pageSize=200', { signal });

/** Sends one again, optionally to a corrected address (it replaces the appointment's email). */
export const retry = (api: ApiClient, storeId: string, messageId: string, email: string | undefined, csrfToken: string) =>
  api.storeRequest<OutboxMessage>(storeId, 'POST', `/outbox/${encodeURIComponent(messageId)}/retry`, { body: email ? { email } : {}, csrfToken });
