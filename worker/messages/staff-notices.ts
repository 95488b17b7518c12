import { DateTime } from 'luxon';
import type { Store } from '../../plugin/db/store.entity.js';
import { escapeHtml } from '../../plugin/domain/escape-html.js';

/** A staff email, ready for nodemailer. */
export interface StaffEmail {
  subject: string;
  text: string;
  html: string;
}

/** One appointment of a day list: only what staff need to prepare (no contact details, no tax ids). */
export interface DayListLine {
  startsAt: Date;
  endsAt: Date;
  lastName: string;
  firstName: string;
  /** The booking reference the citizen will quote. */
  reference: string;
  queueName: string;
  procedure: string | null;
  mode: 'in_person' | 'video';
}

/**
 * The morning day list of a KEP (issue 8), in Greek: time, surname and initial, queue, booking reference, procedure, and
 * whether it is a video call. Email stays in mailboxes long after the retention period, so it carries
 * no more of the citizen than a colleague needs to get ready; the staff screen has the rest.
 */
export function renderDayList(store: Store, date: string, lines: readonly DayListLine[]): StaffEmail {
  const zone = store.timeZone;
  const day = DateTime.fromISO(date, { zone }).setLocale('el');
  const heading = `Ραντεβού ${day.toFormat('cccc dd/MM/yyyy')} — ${store.name}`;
  const rows = lines.map((l) => ({
    time: `${hhmm(l.startsAt, zone)}–${hhmm(l.endsAt, zone)}`,
    who: `${l.lastName} ${l.firstName.slice(0, 1)}.`,
    queue: l.queueName,
    reference: l.reference,
    what: [l.procedure, l.mode === 'video' ? 'βιντεοκλήση (myKEPLive)' : null].filter(Boolean).join(' · '),
  }));
  const count = lines.length === 1 ? '1 ραντεβού' : `${lines.length} ραντεβού`;
  const text = [
    heading,
    '',
    lines.length ? `Σήμερα: ${count}.` : 'Σήμερα δεν υπάρχουν ραντεβού.',
    '',
    ...rows.map((r) => `${r.time}  ${r.who}  (${r.queue})  ${r.reference}${r.what ? `  ${r.what}` : ''}`),
    '',
    'Σημειώστε στην εφαρμογή όσους ήρθαν, εξυπηρετήθηκαν ή δεν προσήλθαν: ό,τι μείνει χωρίς ενέργεια ειδοποιεί τον διαχειριστή και στο τέλος της ημέρας καταγράφεται ως χαμένο από την υπηρεσία.',
    'Λαμβάνετε αυτό το μήνυμα επειδή το ζητήσατε· το σταματάτε από τις προτιμήσεις σας στην εφαρμογή.',
  ].join('\n');
  const table = lines.length
    ? `<table style="border-collapse:collapse;width:100%"><thead><tr>${['Ώρα', 'Πολίτης', 'Ουρά', 'Κωδικός', 'Διαδικασία'].map((h) => `<th scope="col" style="text-align:left;border-bottom:2px solid #0b0c0c;padding:4px">${h}</th>`).join('')}</tr></thead><tbody>${rows
        .map((r) => `<tr>${[r.time, r.who, r.queue, r.reference, r.what].map((c) => `<td style="border-bottom:1px solid #b1b4b6;padding:4px">${escapeHtml(c)}</td>`).join('')}</tr>`)
        .join('')}</tbody></table>`
    : '<p>Σήμερα δεν υπάρχουν ραντεβού.</p>';
  const html = page(heading, `<h1 style="font-size:20px">${escapeHtml(heading)}</h1>${lines.length ? `<p>Σήμερα: ${count}.</p>` : ''}${table}
<p>Σημειώστε στην εφαρμογή όσους ήρθαν, εξυπηρετήθηκαν ή δεν προσήλθαν: ό,τι μείνει χωρίς ενέργεια ειδοποιεί τον διαχειριστή και στο τέλος της ημέρας καταγράφεται ως χαμένο από την υπηρεσία.</p>
<p style="color:#505a5f">Λαμβάνετε αυτό το μήνυμα επειδή το ζητήσατε· το σταματάτε από τις προτιμήσεις σας στην εφαρμογή.</p>`);
  return { subject: `${heading} (${count})`, text, html };
}

/** What an alert says about the appointment nobody acted on: when, where, and how long ago it started. */
export interface AttentionFacts {
  startsAt: Date;
  queueName: string;
  procedure: string | null;
  mode: 'in_person' | 'video';
  /** Minutes after the start at which it was flagged. */
  minutesLate: number;
}

/**
 * The alert to the KEP's administrator (issue 8): an appointment is still only "booked" some minutes
 * after its start. It names the time and queue, not the citizen: the staff screen shows who it is.
 */
export function renderAttention(store: Store, a: AttentionFacts): StaffEmail {
  const zone = store.timeZone;
  const when = DateTime.fromJSDate(a.startsAt, { zone }).setLocale('el').toFormat('cccc dd/MM/yyyy, HH:mm');
  const subject = `Ραντεβού χωρίς ενέργεια: ${hhmm(a.startsAt, zone)} — ${store.name}`;
  const lines = [
    `Το ραντεβού ${when} στην ουρά «${a.queueName}»${a.procedure ? ` (${a.procedure})` : ''}${a.mode === 'video' ? ', με βιντεοκλήση,' : ''} δεν έχει καμία ενέργεια ${a.minutesLate} λεπτά μετά την έναρξή του.`,
    'Ο πολίτης μπορεί να περιμένει: ελέγξτε το στην οθόνη ραντεβού (σημειώνεται «Χρειάζεται προσοχή») και καταγράψτε τι έγινε.',
    'Αν μείνει χωρίς ενέργεια έως το τέλος της ημέρας, καταγράφεται ως χαμένο από την υπηρεσία και ο πολίτης λαμβάνει μήνυμα συγγνώμης.',
  ];
  const html = page(subject, `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`);
  return { subject, text: `${lines.join('\n\n')}\n\n${store.name}\n`, html };
}

function hhmm(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat('HH:mm');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="el"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f3f2f1"><div style="max-width:640px;margin:0 auto;padding:24px;background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c">${body}</div></body></html>`;
}

/** What a call alert says: the citizen's ticket, when they arrived, how long they have waited. */
export interface CallAlertFacts {
  startsAt: Date;
  queueName: string;
  /** The ticket's number of the day, when the citizen has one. */
  number: number | null;
  /** Minutes from the later of the arrival and the start to the alert. */
  minutesWaiting: number;
}

/**
 * The call alert to the KEP's administrator (issue 16 item 3): a citizen arrived for their
 * appointment and nobody called their number for the KEP's `call_alert_minutes`. It names the ticket
 * and the queue, never the citizen.
 */
export function renderCallAlert(store: Store, a: CallAlertFacts): StaffEmail {
  const zone = store.timeZone;
  const ticket = a.number === null ? 'Πολίτης' : `Ο αριθμός ${a.number}`;
  const subject = `Πολίτης περιμένει χωρίς κλήση: ${a.number === null ? hhmm(a.startsAt, zone) : `αριθμός ${a.number}`} — ${store.name}`;
  const lines = [
    `${ticket}, με ραντεβού στις ${hhmm(a.startsAt, zone)} στην ουρά «${a.queueName}», έχει φτάσει και περιμένει ${a.minutesWaiting} λεπτά χωρίς να κληθεί.`,
    'Καλέστε τον από την «Ουρά αναμονής» (κουμπί «Κλήση») ή ζητήστε από κάποιον συνάδελφο να τον εξυπηρετήσει.',
  ];
  const html = page(subject, `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`);
  return { subject, text: `${lines.join('\n\n')}\n\n${store.name}\n`, html };
}

/** What a video late-start alert says: when the call was due, since when the citizen waits, for how long. */
export interface VideoLateFacts {
  startsAt: Date;
  queueName: string;
  /** The citizen's first «Περιμένω» in the waiting room. */
  waitingAt: Date;
  /** Minutes from the later of the start and the waiting to the alert. */
  minutesWaiting: number;
}

/**
 * The video late-start alert to the KEP's administrator (issue 16 item 4): a citizen waits in the
 * video waiting room and nobody started the call. It names the time and the queue, never the citizen.
 */
export function renderVideoLateAlert(store: Store, a: VideoLateFacts): StaffEmail {
  const zone = store.timeZone;
  const subject = `Πολίτης περιμένει στη βιντεοκλήση: ${hhmm(a.startsAt, zone)} — ${store.name}`;
  const lines = [
    `Ο πολίτης της βιντεοκλήσης των ${hhmm(a.startsAt, zone)} στην ουρά «${a.queueName}» περιμένει από τις ${hhmm(a.waitingAt, zone)} και η κλήση δεν έχει ξεκινήσει (${a.minutesWaiting} λεπτά).`,
    'Ξεκινήστε τη βιντεοκλήση από την οθόνη ραντεβού («Έναρξη βιντεοκλήσης») ή ζητήστε από κάποιον συνάδελφο να την αναλάβει. Ο πολίτης βλέπει ότι ο υπάλληλος ειδοποιήθηκε.',
  ];
  const html = page(subject, `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>${lines.map((l) => `<p>${escapeHtml(l)}</p>`).join('')}`);
  return { subject, text: `${lines.join('\n\n')}\n\n${store.name}\n`, html };
}
