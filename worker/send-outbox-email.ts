import type { MikroORM } from '@mikro-orm/core';
import type { Transporter } from 'nodemailer';
import { Appointment } from '../plugin/db/appointment.entity.js';
import { OutboxMessage } from '../plugin/db/outbox-message.entity.js';
import { renderConfirmation } from './messages/confirmation.js';

/** Where mail goes out and who it says it is from. */
export interface MailSettings {
  transport: Transporter;
  from: string;
}

/** The Message-ID of an outbox row: the same on every retry, so a receiver can recognise a duplicate. */
export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@rantevou.outbox>`;
}

/**
 * Sends the email of one outbox row, at-least-once safe: a row already sent is skipped, and the
 * Message-ID is derived from the row id. Throws on a failed send so the caller's retry policy runs.
 */
export async function sendOutboxEmail(orm: MikroORM, mail: MailSettings, outboxId: string): Promise<'sent' | 'skipped'> {
  const em = orm.em.fork();
  const message = await em.findOne(OutboxMessage, outboxId);
  if (!message || message.status === 'sent' || message.status === 'failed') return 'skipped';
  const appointment = await em.findOne(Appointment, message.appointment.id, { populate: ['store'] });
  if (!appointment?.email) {
    message.status = 'failed';
    message.lastError = 'Το ραντεβού δεν έχει πλέον διεύθυνση email.';
    await em.flush();
    return 'skipped';
  }
  const rendered = renderConfirmation(appointment, appointment.store);
  message.attempts += 1;
  try {
    const info = await mail.transport.sendMail({
      from: mail.from,
      to: appointment.email,
      messageId: messageIdFor(message.id),
      ...rendered,
    });
    message.status = 'sent';
    message.sentAt = new Date();
    message.providerMessageId = String(info.messageId ?? '').slice(0, 300) || null;
    message.lastError = null;
  } catch (err) {
    message.lastError = (err instanceof Error ? err.message : String(err)).slice(0, 2000);
    await em.flush();
    throw err;
  }
  await em.flush();
  return 'sent';
}
