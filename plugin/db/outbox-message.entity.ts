import { defineEntity, p } from '@mikro-orm/core';
import { Appointment } from './appointment.entity.js';

/** Kinds of email the outbox carries. */
export const OUTBOX_KINDS = ['appointment.confirmation', 'appointment.change', 'appointment.cancellation', 'appointment.reminder'] as const;
/** Where an outbox row is on its way to the citizen. */
export const OUTBOX_STATUSES = ['pending', 'queued', 'sent', 'failed'] as const;

/**
 * An email to send, written in the same transaction as the change that caused it. It holds ids only:
 * the personal data is read from the appointment when the message is rendered.
 */
export const OutboxMessageSchema = defineEntity({
  name: 'OutboxMessage',
  tableName: 'outbox_message',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    kind: p.enum(OUTBOX_KINDS),
    appointment: () => p.manyToOne(Appointment),
    status: p.enum(OUTBOX_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.string().length(2000).nullable(),
    providerMessageId: p.string().length(300).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    queuedAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
  },
});

export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
