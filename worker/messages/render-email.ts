import type { Appointment } from '../../plugin/db/appointment.entity.js';
import type { CitizenOutboxKind } from '../../plugin/db/outbox-message.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { appointmentUid, renderInvitation } from '../calendar/appointment-ics.js';
import type { MailTemplates, TemplateKind } from './mail-templates.js';
import { messageView, type ViewExtras } from './message-view.js';
import type { ReferenceQr } from './reference-qr.js';

/** A message ready for nodemailer: words, the reference's QR code, and the calendar invitation when the kind has one. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  /** The QR code's inline image, when the HTML shows it. */
  attachments: ReferenceQr['attachment'][];
  /** Sent both as a `text/calendar; method=…` alternative and as an `.ics` attachment. */
  icalEvent?: { method: 'REQUEST' | 'CANCEL'; filename: string; content: string };
}

/** Who the invitation says organised the appointment: the KEP, at its contact address when it has one. */
export interface Organizer {
  name: string;
  email: string;
}

// Staff email (day lists, alerts) has no citizen template: worker/messages/send-staff-notice.ts renders it.
const TEMPLATE_OF: Record<CitizenOutboxKind, TemplateKind> = {
  'appointment.confirmation': 'confirmation',
  'appointment.change': 'change',
  'appointment.cancellation': 'cancellation',
  'appointment.reminder': 'reminder',
  'appointment.video-not-eligible': 'video-not-eligible',
  'appointment.apology': 'apology',
  'appointment.waitlist-offer': 'waitlist-offer',
};

/**
 * Renders one outbox message from the appointment as it is now, in the citizen's language. Every
 * kind but the video notice carries an invitation: the same UID for the whole life of the
 * appointment, SEQUENCE from its version, so the newest message wins in the citizen's calendar and a
 * cancellation removes the event that the confirmation added.
 */
export function renderEmail(
  templates: MailTemplates,
  kind: CitizenOutboxKind,
  appointment: Appointment,
  store: Store,
  extras: ViewExtras & { organizer: Organizer; referenceQr?: ReferenceQr | null },
): RenderedEmail {
  const view = messageView(appointment, store, extras);
  const words = templates.render(TEMPLATE_OF[kind], view);
  // Only a picture the HTML shows is attached: a deployment's template may leave the code out, and an
  // unreferenced inline part shows in most clients as a stray attachment.
  const qr = extras.referenceQr;
  const attachments = qr && words.html.includes(qr.src) ? [qr.attachment] : [];
  const email: RenderedEmail = { subject: words.subject, text: words.text, html: words.html, attachments };
  // An apology is about an appointment that is over, a waitlist offer about a time not yet taken: nothing to put in a calendar.
  if (kind === 'appointment.video-not-eligible' || kind === 'appointment.apology' || kind === 'appointment.waitlist-offer' || !appointment.email) return email;
  const method = kind === 'appointment.cancellation' ? 'CANCEL' : 'REQUEST';
  const content = renderInvitation({
    uid: appointmentUid(appointment.id),
    sequence: appointment.version,
    method,
    startsAt: appointment.startsAt,
    endsAt: appointment.endsAt,
    timeZone: store.timeZone,
    summary: words.calendarSummary,
    description: templates.details(view),
    location: view.isVideo && view.videoLink ? view.videoLink : `${store.name}, ${store.address}, ${store.municipality}`,
    url: view.videoLink ?? view.manageUrl,
    organizer: extras.organizer,
    attendee: { name: view.citizen.fullName, email: appointment.email },
    language: view.lang,
  });
  return { ...email, icalEvent: { method, filename: method === 'CANCEL' ? 'cancel.ics' : 'invite.ics', content } };
}
