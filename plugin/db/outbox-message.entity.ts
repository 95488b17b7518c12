import { defineEntity, p } from '@mikro-orm/core';
import { Appointment } from './appointment.entity.js';

/** Kinds of email to staff (issue 8): the row names its recipient and KEP instead of a citizen's appointment. */
export const STAFF_OUTBOX_KINDS = ['staff.day-list', 'staff.attention', 'staff.webhook-paused'] as const;
/**
 * Why a `staff.attention` alert went out: no action after the start (the escalation), arrived and not
 * called at the counter (the call alert), or a video call staff did not start (the waiting room).
 */
export const ALERT_REASONS = ['no-action', 'not-called', 'video-late'] as const;
/** One of {@link ALERT_REASONS}. */
export type AlertReason = (typeof ALERT_REASONS)[number];
/** Kinds of email the outbox carries. */
export const OUTBOX_KINDS = ['appointment.confirmation', 'appointment.change', 'appointment.cancellation', 'appointment.reminder', 'appointment.video-not-eligible',
  'appointment.apology', 'appointment.waitlist-offer', ...STAFF_OUTBOX_KINDS] as const;
/**
 * Where an outbox row is on its way to the citizen: `pending` (waits for the relay), `queued` (handed
 * to the job queue), `sent`, `failed` (for good: a permanent rejection or too many attempts; staff may
 * send it again) or `skipped` (no longer applies, e.g. a reminder of a cancelled appointment).
 */
export const OUTBOX_STATUSES = ['pending', 'queued', 'sent', 'failed', 'skipped'] as const;
/** One of {@link OUTBOX_KINDS}. */
export type OutboxKind = (typeof OUTBOX_KINDS)[number];
/** One of {@link OUTBOX_STATUSES}. */
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];
/** One of {@link STAFF_OUTBOX_KINDS}. */
export type StaffOutboxKind = (typeof STAFF_OUTBOX_KINDS)[number];
/** A kind of email to the citizen of an appointment. */
export type CitizenOutboxKind = Exclude<OutboxKind, StaffOutboxKind>;

/** Whether a kind is email to staff (rendered from its KEP and recipient, not from a citizen's appointment). */
export function isStaffOutboxKind(kind: OutboxKind): kind is StaffOutboxKind {
  return (STAFF_OUTBOX_KINDS as readonly string[]).includes(kind);
}

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
    // Null in the database for staff email (STAFF_OUTBOX_KINDS), which is written and read only by
    // the attendance jobs and the worker's staff branch; every reader of citizen email goes through
    // this relation (or filters by it), so it stays typed as always present.
    appointment: () => p.manyToOne(Appointment),
    /** Staff email (issue 8): the KEP it is about, its recipient, the day a day list lists, the appointment an alert is about. */
    storeId: p.uuid().nullable(),
    recipient: p.string().length(254).nullable(),
    forDate: p.date().nullable(),
    aboutAppointmentId: p.uuid().nullable(),
    status: p.enum(OUTBOX_STATUSES).default('pending'),
    attempts: p.integer().default(0),
    lastError: p.string().length(2000).nullable(),
    providerMessageId: p.string().length(300).nullable(),
    /** The citizen's "manage your appointment" link, kept only until the message is sent (then erased). */
    manageUrl: p.string().length(600).nullable(),
    /** A reminder: the start time it reminds of; a moved appointment gets a reminder of its new time. */
    reminderFor: p.datetime().nullable(),
    /** A change email: the start the appointment moved from, so the email shows the old and the new time. */
    previousStartsAt: p.datetime().nullable(),
    /**
     * A cancellation the KEP's administrator decided (a closure, changed hours): the reason, written for
     * the public, that the email tells the citizen. A staff cancellation's own reason stays internal.
     */
    reason: p.string().length(500).nullable(),
    /** A `staff.attention` alert: why ({@link ALERT_REASONS}); one alert per appointment, recipient and reason. */
    alertReason: p.enum(ALERT_REASONS).nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
    queuedAt: p.datetime().nullable(),
    sentAt: p.datetime().nullable(),
    failedAt: p.datetime().nullable(),
  },
});

export class OutboxMessage extends OutboxMessageSchema.class {}
OutboxMessageSchema.setClass(OutboxMessage);
