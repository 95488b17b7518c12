import type { EntityManager } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { OutboxMessage, type OUTBOX_KINDS } from '../db/outbox-message.entity.js';

/** What a message says beyond the appointment as it is when sent. */
export interface OutboxDetails {
  /** A change email: the start before the change (an instant, no personal data), shown beside the new one. */
  previousStartsAt?: Date | undefined;
  /** A cancellation by the KEP's administrator: the reason to tell the citizen (see OutboxMessage.reason). */
  reason?: string | null | undefined;
}

/**
 * Adds an email to the outbox in the caller's unit of work, so the change and its email commit or
 * fail together. The row carries ids only (and, for a change, the old start); the message is
 * rendered from the appointment when sent.
 */
export function addToOutbox(em: EntityManager, kind: (typeof OUTBOX_KINDS)[number], appointment: Appointment, details: OutboxDetails = {}): OutboxMessage {
  return em.create(OutboxMessage, { kind, appointment, previousStartsAt: details.previousStartsAt ?? null, reason: details.reason ?? null });
}
