import type { EntityManager } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { OutboxMessage, type OUTBOX_KINDS } from '../db/outbox-message.entity.js';

/**
 * Adds an email to the outbox in the caller's unit of work, so the change and its email commit or
 * fail together. The row carries ids only; the message is rendered from the appointment when sent.
 */
export function addToOutbox(em: EntityManager, kind: (typeof OUTBOX_KINDS)[number], appointment: Appointment): OutboxMessage {
  return em.create(OutboxMessage, { kind, appointment });
}
