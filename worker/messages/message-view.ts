import { DateTime } from 'luxon';
import type { Appointment } from '../../plugin/db/appointment.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { formatGreekDateTime } from '../../plugin/domain/local-time.js';
import type { Language } from './mail-templates.js';

/** Everything a template may show; the names are the template variables (see worker/templates/README.md). */
export interface MessageView {
  lang: Language;
  citizen: { firstName: string; lastName: string; fullName: string };
  kep: { name: string; address: string; municipality: string; contactEmail: string | null };
  /** The start as a reader of `lang` writes it, in the KEP's zone: "Τρίτη 29 Οκτωβρίου 2030, 09:00". */
  when: string;
  /** dd/mm/yyyy, as Greek users write dates. */
  date: string;
  startTime: string;
  endTime: string;
  isVideo: boolean;
  videoLink: string | null;
  procedure: string | null;
  /** What to do instead of a video call that cannot serve the procedure. */
  alternative: string | null;
  manageUrl: string | null;
}

/** What the view needs beyond the appointment and its KEP. */
export interface ViewExtras {
  procedure: string | null;
  alternative: string | null;
  manageUrl: string | null;
}

/** The template values of one appointment, in the citizen's language and the KEP's time zone. */
export function messageView(appointment: Appointment, store: Store, extras: ViewExtras): MessageView {
  const lang: Language = appointment.language === 'en' ? 'en' : 'el';
  const zone = store.timeZone;
  const local = (d: Date) => DateTime.fromJSDate(d, { zone });
  return {
    lang,
    citizen: {
      firstName: appointment.firstName,
      lastName: appointment.lastName,
      fullName: `${appointment.firstName} ${appointment.lastName}`,
    },
    kep: { name: store.name, address: store.address, municipality: store.municipality, contactEmail: store.contactEmail ?? null },
    when: formatGreekDateTime(appointment.startsAt, zone, lang === 'en' ? 'en-GB' : 'el'),
    date: local(appointment.startsAt).toFormat('dd/MM/yyyy'),
    startTime: local(appointment.startsAt).toFormat('HH:mm'),
    endTime: local(appointment.endsAt).toFormat('HH:mm'),
    isVideo: appointment.mode === 'video',
    videoLink: appointment.mode === 'video' ? (appointment.videoLink ?? null) : null,
    procedure: extras.procedure ?? appointment.procedure ?? null,
    alternative: extras.alternative,
    manageUrl: extras.manageUrl,
  };
}
