import { DateTime } from 'luxon';
import type { Appointment } from '../../plugin/db/appointment.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { formatGreekDateTime } from '../../plugin/domain/local-time.js';
import type { Language } from './mail-templates.js';

/** Everything a template may show; the names are the template variables (see worker/templates/README.md). */
export interface MessageView {
  lang: Language;
  citizen: { firstName: string; lastName: string; fullName: string };
  /** `phoneUri`: the phone as a `tel:` link wants it ("tel:+302105200000"). */
  kep: { name: string; address: string; municipality: string; contactEmail: string | null; phone: string | null; phoneUri: string | null };
  /** The booking reference to quote to the KEP: "K7P-4MX". */
  reference: string;
  /** The reference's QR code, an inline image (`src` is `cid:…`); null when the message has none. */
  referenceQr: { src: string; size: number } | null;
  /** The start as a reader of `lang` writes it, in the KEP's zone: "Τρίτη 29 Οκτωβρίου 2030, 09:00". */
  when: string;
  /** A change email: the start before the change, written like `when`; null when unknown or unchanged. */
  previousWhen: string | null;
  /** dd/mm/yyyy, as Greek users write dates. */
  date: string;
  startTime: string;
  endTime: string;
  isVideo: boolean;
  videoLink: string | null;
  procedure: string | null;
  /** What to bring for the procedure, in `lang` (from the catalogue), one item each. */
  bring: string[];
  hasBring: boolean;
  /** What to do instead of a video call that cannot serve the procedure. */
  alternative: string | null;
  manageUrl: string | null;
  /**
   * A cancellation the KEP's administrator decided: why (a closure's reason, changed hours). Null for a
   * staff cancellation (its reason is internal) and for one the citizen made.
   */
  cancelReason: string | null;
  /** A cancellation the citizen made online. */
  cancelledByCitizen: boolean;
  /** Where the citizen books a new appointment; null when the deployment has not said. */
  bookingUrl: string | null;
  /** A waitlist offer: until when the time is held, written like `when`; null for anything but a hold. */
  offerUntil: string | null;
}

/** What the view needs beyond the appointment and its KEP. */
export interface ViewExtras {
  procedure: string | null;
  alternative: string | null;
  manageUrl: string | null;
  /** Default: nothing to bring is known. */
  bring?: readonly string[];
  /** A change email: the start the appointment moved from (the outbox row's `previousStartsAt`). */
  previousStartsAt?: Date | null;
  /** A cancellation by the KEP's administrator: the reason for the citizen (the outbox row's `reason`). */
  cancelReason?: string | null;
  /** The public booking page (see {@link bookingLink}). */
  bookingUrl?: string | null;
  /** The video waiting room's link (plugin/domain/video-room.ts), shown as the video link when known; default the meeting itself. */
  videoRoomUrl?: string | null;
  /** The reference's QR code (see worker/messages/reference-qr.ts); default none. */
  referenceQr?: { src: string; size: number } | null;
}

/** Who cancels online: a signed-in citizen (`citizen:<sub>`) or the holder of the manage link (see plugin/public/change-citizen-appointment.ts). */
const CITIZEN_ACTOR = /^(citizen:|manage-link$)/;

/** The template values of one appointment, in the citizen's language and the KEP's time zone. */
export function messageView(appointment: Appointment, store: Store, extras: ViewExtras): MessageView {
  const lang: Language = appointment.language === 'en' ? 'en' : 'el';
  const zone = store.timeZone;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone });
  const written = (d: Date) => formatGreekDateTime(d, zone, lang === 'en' ? 'en-GB' : 'el');
  const previous = extras.previousStartsAt;
  const cancelledByCitizen = appointment.status === 'cancelled' && CITIZEN_ACTOR.test(appointment.statusChangedBy ?? '');
  const bring = [...(extras.bring ?? [])];
  return {
    lang,
    citizen: {
      firstName: appointment.firstName,
      lastName: appointment.lastName,
      fullName: `${appointment.firstName} ${appointment.lastName}`,
    },
    kep: { name: store.name, address: store.address, municipality: store.municipality, contactEmail: store.contactEmail ?? null, phone: store.phone ?? null, phoneUri: store.phone ? `tel:${store.phone.replace(/[^+\d]/g, '')}` : null },
    reference: appointment.reference,
    referenceQr: extras.referenceQr ? { src: extras.referenceQr.src, size: extras.referenceQr.size } : null,
    when: written(appointment.startsAt),
    previousWhen: previous && previous.getTime() !== appointment.startsAt.getTime() ? written(previous) : null,
    date: local(appointment.startsAt).toFormat('dd/MM/yyyy'),
    startTime: local(appointment.startsAt).toFormat('HH:mm'),
    endTime: local(appointment.endsAt).toFormat('HH:mm'),
    isVideo: appointment.mode === 'video',
    // A cancelled call has no link to join; a live one opens the waiting room first, when the worker knows where it is.
    videoLink: appointment.mode === 'video' && appointment.status !== 'cancelled' ? (extras.videoRoomUrl ?? appointment.videoLink ?? null) : null,
    procedure: extras.procedure ?? appointment.procedure ?? null,
    bring,
    hasBring: bring.length > 0,
    alternative: extras.alternative,
    manageUrl: extras.manageUrl,
    cancelReason: appointment.status === 'cancelled' ? (extras.cancelReason ?? null) : null,
    cancelledByCitizen,
    bookingUrl: extras.bookingUrl ?? null,
    offerUntil: appointment.status === 'held' && appointment.heldUntil ? written(appointment.heldUntil) : null,
  };
}

/**
 * The booking page link for one appointment's citizen: the deployment's `BOOKING_URL` with `{lang}`
 * and `{storeId}` filled in (either may be left out), or null without one.
 */
export function bookingLink(template: string | null | undefined, appointment: Pick<Appointment, 'language' | 'store'>): string | null {
  if (!template) return null;
  return template.replaceAll('{lang}', appointment.language === 'en' ? 'en' : 'el').replaceAll('{storeId}', encodeURIComponent(appointment.store.id));
}
