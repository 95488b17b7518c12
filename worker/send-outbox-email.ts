import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { Transporter } from 'nodemailer';
import type { Appointment } from '../plugin/db/appointment.entity.js';
import { isStaffOutboxKind, OutboxMessage, STAFF_OUTBOX_KINDS } from '../plugin/db/outbox-message.entity.js';
import { Procedure } from '../plugin/db/procedure.entity.js';
import { videoRoomUrl } from '../plugin/domain/video-room.js';
import { isPermanentMailError, mailErrorReason, mailErrorSummary } from './mail-errors.js';
import { loadMailTemplates, type MailTemplates } from './messages/mail-templates.js';
import { bookingLink } from './messages/message-view.js';
import { referenceQr, referenceQrCid } from './messages/reference-qr.js';
import { renderEmail, type Organizer } from './messages/render-email.js';
import { sendStaffNotice } from './messages/send-staff-notice.js';

/** Where mail goes out, who it says it is from, and the templates it is written with. */
export interface MailSettings {
  transport: Transporter;
  from: string;
  /** Default: the templates that ship with the worker. */
  templates?: MailTemplates;
  /** The public booking page a cancellation links to (`BOOKING_URL`; `{lang}`, `{storeId}` filled in). */
  bookingUrl?: string | null | undefined;
  /**
   * Where the plugin is reached from outside (its `publicUrl`; the worker's `PUBLIC_URL`): the video
   * link of a citizen's email then opens the plugin's waiting room rather than the meeting itself.
   */
  publicUrl?: string | null | undefined;
}

/** What became of one outbox row: sent now, found already finished, skipped (no longer applies) or failed for good. */
export type DeliveryOutcome = 'sent' | 'already-finished' | 'skipped' | 'failed';

/** A failed send; `message` holds codes only (no address), for logs and the job queue. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    /** Sending again cannot help (an SMTP 5xx about this message or recipient). */
    readonly permanent: boolean,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The Message-ID of an outbox row: the same on every retry, so a receiver can recognise a duplicate. */
export function messageIdFor(outboxId: string): string {
  return `<${outboxId}@rantevou.outbox>`;
}

const FINISHED = new Set(['sent', 'failed', 'skipped']);

let shipped: MailTemplates | null = null;
const defaultTemplates = () => (shipped ??= loadMailTemplates());

/**
 * Sends the email of one outbox row, at-least-once safe: a finished row is not sent again, and the
 * Message-ID is derived from the row id, so the rare copy after a crash between sending and recording
 * is recognisable. The row records every attempt, the last error and the provider's id. A permanent
 * rejection, or a transient one on the `lastAttempt`, marks the row failed; either way the error is
 * thrown as a {@link DeliveryError} so the caller's retry policy runs.
 */
export async function sendOutboxEmail(orm: MikroORM, mail: MailSettings, outboxId: string, { lastAttempt = false } = {}): Promise<DeliveryOutcome> {
  const em = orm.em.fork();
  // Staff email (issue 8) names its recipient and KEP and has no citizen appointment, so the join
  // below would not find it: it is looked up on its own first.
  const staff = await em.findOne(OutboxMessage, { id: outboxId, kind: { $in: [...STAFF_OUTBOX_KINDS] } });
  if (staff) return FINISHED.has(staff.status) ? 'already-finished' : sendStaffNotice(em, mail, staff, { lastAttempt });
  const message = await em.findOne(OutboxMessage, outboxId, { populate: ['appointment.store'] });
  if (!message || FINISHED.has(message.status) || isStaffOutboxKind(message.kind)) return 'already-finished';
  const appointment = message.appointment;

  const stale = staleReason(message, appointment);
  if (stale) return finish(em, message, 'skipped', stale);
  if (!appointment.email) return finish(em, message, 'failed', 'Το ραντεβού δεν έχει διεύθυνση email.');

  const procedure = appointment.procedureId ? await em.findOne(Procedure, appointment.procedureId) : null;
  const rendered = renderEmail((mail.templates ??= defaultTemplates()), message.kind, appointment, appointment.store, {
    procedure: procedure?.nameIn(appointment.language) ?? null,
    alternative: procedure?.alternativeIn(appointment.language) ?? null,
    manageUrl: message.manageUrl ?? null,
    bring: procedure?.bringIn(appointment.language) ?? [],
    previousStartsAt: message.previousStartsAt ?? null,
    cancelReason: message.reason ?? null,
    bookingUrl: bookingLink(mail.bookingUrl, appointment),
    videoRoomUrl: mail.publicUrl && appointment.videoLink ? videoRoomUrl(mail.publicUrl, appointment.videoLink) : null,
    organizer: organizerOf(appointment, mail.from),
    referenceQr: await referenceQr(appointment.reference, referenceQrCid(message.id)),
  });
  // One statement per outcome, no transaction around it: it is the row's only write of this attempt.
  const attempts = message.attempts + 1;
  let response: string;
  try {
    const info = await mail.transport.sendMail({ from: mail.from, to: appointment.email, messageId: messageIdFor(message.id), ...rendered });
    response = String(info.response ?? '');
  } catch (err) {
    const permanent = isPermanentMailError(err);
    const failed = permanent || lastAttempt ? { status: 'failed' as const, failedAt: new Date() } : {};
    await em.nativeUpdate(OutboxMessage, { id: message.id }, { attempts, lastError: mailErrorReason(err), updatedAt: new Date(), ...failed });
    throw new DeliveryError(mailErrorSummary(err), permanent, { cause: err });
  }
  await em.nativeUpdate(
    OutboxMessage,
    { id: message.id },
    // The manage link's secret has reached the citizen; only its hash is kept.
    { status: 'sent', attempts, sentAt: new Date(), updatedAt: new Date(), providerMessageId: providerIdOf(response), lastError: null, manageUrl: null },
  );
  return 'sent';
}

/**
 * Why a message no longer applies, or null: a reminder of an appointment since cancelled, moved or
 * past; an apology for a missed appointment that staff have since corrected to what really happened.
 */
function staleReason(message: OutboxMessage, appointment: Appointment): string | null {
  if (message.kind === 'appointment.apology') {
    return appointment.status === 'missed_by_staff' ? null : 'Η συγγνώμη δεν στάλθηκε: το προσωπικό διόρθωσε την κατάσταση του ραντεβού.';
  }
  if (message.kind === 'appointment.waitlist-offer') {
    // The offer's hold, by the real time: a relay that caught up late must not send a lapsed or taken offer.
    return appointment.status === 'held' && appointment.heldUntil && appointment.heldUntil.getTime() > Date.now() ? null : 'Η προσφορά ώρας από τη λίστα αναμονής δεν στάλθηκε: έληξε ή κλείστηκε ήδη.';
  }
  if (message.kind !== 'appointment.reminder') return null;
  if (appointment.status !== 'booked') return 'Η υπενθύμιση δεν στάλθηκε: το ραντεβού δεν είναι πλέον ενεργό.';
  if (message.reminderFor && message.reminderFor.getTime() !== appointment.startsAt.getTime()) return 'Η υπενθύμιση δεν στάλθηκε: το ραντεβού μετακινήθηκε.';
  if (appointment.startsAt.getTime() <= Date.now()) return 'Η υπενθύμιση δεν στάλθηκε: η ώρα του ραντεβού πέρασε.';
  return null;
}

async function finish(em: EntityManager, message: OutboxMessage, status: 'skipped' | 'failed', reason: string): Promise<DeliveryOutcome> {
  message.status = status;
  message.lastError = reason;
  if (status === 'failed') message.failedAt = new Date();
  else message.manageUrl = null;
  await em.flush();
  return status;
}

function organizerOf(appointment: Appointment, from: string): Organizer {
  const email = appointment.store.contactEmail ?? /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
  return { name: appointment.store.name, email };
}

/** The provider's id from its reply ("250 2.0.0 Ok: queued as 4F3A2B"), or the reply itself. */
function providerIdOf(response: string): string | null {
  const queued = /queued as\s+<?([^\s>]+)>?/i.exec(response)?.[1];
  return (queued ?? response.trim()).slice(0, 300) || null;
}
