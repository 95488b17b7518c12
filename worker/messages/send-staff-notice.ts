import type { EntityManager } from '@mikro-orm/core';
import { arrivalQueries } from '../../plugin/arrivals/arrival.queries.js';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import type { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { staffActed } from '../../plugin/domain/attendance.js';
import { localDayRange, todayIn } from '../../plugin/domain/local-time.js';
import { isPermanentMailError, mailErrorReason, mailErrorSummary } from '../mail-errors.js';
// A cycle by design: send-outbox-email.ts hands staff rows to this file, which reports failures the
// same way (its DeliveryError drives the worker's retry policy). Only used inside functions.
import { DeliveryError, messageIdFor, type DeliveryOutcome, type MailSettings } from '../send-outbox-email.js';
import { renderAttention, renderCallAlert, renderDayList, renderVideoLateAlert, type StaffEmail } from './staff-notices.js';
import { webhookPausedNotice } from './webhook-paused.js';

/**
 * Sends one staff email of the outbox (a morning day list or an attention alert) to the recipient
 * the row names, with the same bookkeeping as citizen email: attempts, the last error, failed for good
 * on a permanent rejection or the last attempt, the Message-ID derived from the row id. A day list of
 * a past day, or an alert about an appointment someone has since acted on, is skipped.
 */
export async function sendStaffNotice(em: EntityManager, mail: MailSettings, message: OutboxMessage, { lastAttempt = false } = {}): Promise<DeliveryOutcome> {
  const rendered = message.recipient ? await renderStaffNotice(em, message) : null;
  if (rendered === null || !message.recipient) return finish(em, message, 'failed', 'Το μήνυμα προσωπικού δεν ορίζει ΚΕΠ ή παραλήπτη.');
  if (typeof rendered === 'string') return finish(em, message, 'skipped', rendered);

  message.attempts += 1;
  await em.flush();
  let response: string;
  try {
    const info = await mail.transport.sendMail({ from: mail.from, to: message.recipient, messageId: messageIdFor(message.id), ...rendered });
    response = String(info.response ?? '');
  } catch (err) {
    const permanent = isPermanentMailError(err);
    message.lastError = mailErrorReason(err);
    if (permanent || lastAttempt) {
      message.status = 'failed';
      message.failedAt = new Date();
    }
    await em.flush();
    throw new DeliveryError(mailErrorSummary(err), permanent, { cause: err });
  }
  message.status = 'sent';
  message.sentAt = new Date();
  message.providerMessageId = response.trim().slice(0, 300) || null;
  message.lastError = null;
  await em.flush();
  return 'sent';
}

/** The email of a staff row, a reason to skip it, or null when it names no KEP. */
async function renderStaffNotice(em: EntityManager, message: OutboxMessage): Promise<StaffEmail | string | null> {
  // A paused webhook (issue 17) is about a subscription, which may be the directorate's (no KEP).
  if (message.kind === 'staff.webhook-paused') return webhookPausedNotice(em, message.id);
  const store = message.storeId ? await em.findOne(Store, message.storeId) : null;
  if (!store) return null;
  return message.kind === 'staff.day-list' ? dayList(em, store, message.forDate ?? null) : attention(em, store, message);
}

async function dayList(em: EntityManager, store: Store, date: string | null): Promise<StaffEmail | string> {
  if (!date) return 'Η λίστα ημέρας δεν ορίζει ημέρα.';
  if (date < todayIn(store.timeZone)) return 'Η λίστα ημέρας δεν στάλθηκε: η ημέρα πέρασε.';
  const range = localDayRange(date, store.timeZone)!;
  const items = await em.find(
    Appointment,
    { store: store.id, startsAt: { $gte: range.start, $lt: range.end }, status: { $nin: ['held', 'cancelled'] } },
    { populate: ['queue'], orderBy: { startsAt: 'asc', id: 'asc' } },
  );
  return renderDayList(
    store,
    date,
    items.map((a) => ({ startsAt: a.startsAt, endsAt: a.endsAt, lastName: a.lastName, firstName: a.firstName, reference: a.reference, queueName: a.queue.name, procedure: a.procedure ?? null, mode: a.mode })),
  );
}

async function attention(em: EntityManager, store: Store, message: OutboxMessage): Promise<StaffEmail | string> {
  const appointmentId = message.aboutAppointmentId ?? null;
  const a = appointmentId ? await em.findOne(Appointment, { id: appointmentId, store: store.id }, { populate: ['queue'] }) : null;
  if (!a) return 'Το ραντεβού της ειδοποίησης δεν βρέθηκε.';
  if (message.alertReason === 'not-called') return callAlert(em, store, a);
  if (message.alertReason === 'video-late') return videoLateAlert(store, a);
  if (staffActed({ status: a.status, callStartedAt: a.callStartedAt ?? null })) return 'Η ειδοποίηση δεν στάλθηκε: το ραντεβού δεν περιμένει πλέον ενέργεια.';
  const minutesLate = Math.round(((a.attentionAt ?? new Date()).getTime() - a.startsAt.getTime()) / 60_000);
  return renderAttention(store, { startsAt: a.startsAt, queueName: a.queue.name, procedure: a.procedure ?? null, mode: a.mode, minutesLate });
}

async function callAlert(em: EntityManager, store: Store, a: Appointment): Promise<StaffEmail | string> {
  if (a.status !== 'arrived' || a.calledAt) return 'Η ειδοποίηση δεν στάλθηκε: ο πολίτης κλήθηκε ή δεν περιμένει πλέον.';
  const ticket = await arrivalQueries.ticket(em, store.id, a.id);
  const since = Math.max((a.arrivedAt ?? a.startsAt).getTime(), a.startsAt.getTime());
  const minutesWaiting = Math.round(((a.callAlertAt ?? new Date()).getTime() - since) / 60_000);
  return renderCallAlert(store, { startsAt: a.startsAt, queueName: a.queue.name, number: ticket?.number ?? null, minutesWaiting });
}

function videoLateAlert(store: Store, a: Appointment): StaffEmail | string {
  if (a.callStartedAt || !a.videoWaitingAt || (a.status !== 'booked' && a.status !== 'arrived')) return 'Η ειδοποίηση δεν στάλθηκε: η βιντεοκλήση ξεκίνησε ή το ραντεβού δεν περιμένει πλέον.';
  const since = Math.max(a.videoWaitingAt.getTime(), a.startsAt.getTime());
  const minutesWaiting = Math.round(((a.videoAlertAt ?? new Date()).getTime() - since) / 60_000);
  return renderVideoLateAlert(store, { startsAt: a.startsAt, queueName: a.queue.name, waitingAt: a.videoWaitingAt, minutesWaiting });
}

async function finish(em: EntityManager, message: OutboxMessage, status: 'skipped' | 'failed', reason: string): Promise<DeliveryOutcome> {
  message.status = status;
  message.lastError = reason;
  if (status === 'failed') message.failedAt = new Date();
  await em.flush();
  return status;
}
