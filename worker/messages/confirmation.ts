import type { Appointment } from '../../plugin/db/appointment.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { formatGreekDateTime } from '../../plugin/domain/local-time.js';
import { escapeHtml } from '../../plugin/domain/escape-html.js';

/** A rendered email: subject, plain text and HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

/** The Greek confirmation of a booked appointment, with the KEP, date and time in Europe/Athens. */
export function renderConfirmation(appointment: Appointment, store: Store): RenderedEmail {
  const when = formatGreekDateTime(appointment.startsAt, store.timeZone);
  const lines = [
    `Αγαπητέ/ή ${appointment.firstName} ${appointment.lastName},`,
    '',
    `το ραντεβού σας στο ${store.name} καταχωρίστηκε.`,
    '',
    `Ημερομηνία και ώρα: ${when}`,
    `Διεύθυνση: ${store.address}, ${store.municipality}`,
    ...(store.contactEmail ? [`Επικοινωνία: ${store.contactEmail}`] : []),
    '',
    'Παρακαλούμε να έρθετε λίγα λεπτά νωρίτερα. Αν δεν μπορείτε να έρθετε, ενημερώστε το ΚΕΠ ώστε να δοθεί η ώρα σε άλλον πολίτη.',
    '',
    'Με εκτίμηση,',
    store.name,
  ];
  const text = lines.join('\n');
  const html = `<!doctype html><html lang="el"><meta charset="utf-8"><body style="font-family:Arial,sans-serif;color:#0b0c0c">${lines
    .map((l) => (l ? `<p style="margin:0 0 .5em">${escapeHtml(l)}</p>` : ''))
    .join('')}</body></html>`;
  return { subject: `Επιβεβαίωση ραντεβού στο ${store.name} — ${when}`, text, html };
}
