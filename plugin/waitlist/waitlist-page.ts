import type { Response } from 'express';
import { escapeHtml } from '../domain/escape-html.js';
import { formatGreekDateTime } from '../domain/local-time.js';
import { MANAGE_PAGE_CSP, MANAGE_PAGE_CSS } from '../public/manage-page.js';

/**
 * The plain page the links of the offer email open (`/api/v1/public/waitlist/:token` asked for
 * HTML): the time held and two buttons, «Κλείστε την ώρα» (POST …/book) and «Αποχώρηση από τη
 * λίστα» (DELETE). Opening the link changes nothing: mail scanners and previews follow links, so the
 * page only acts on a press. `?action=leave` (the email's second link) puts leaving first.
 */

/** The page's script: the two buttons, answered in a live region (textContent only: Trusted Types). */
export const WAITLIST_PAGE_SCRIPT = `(function () {
  var main = document.querySelector('[data-waitlist]');
  if (!main) return;
  var api = main.getAttribute('data-api');
  var status = document.getElementById('waitlist-status');
  function say(text, ok) {
    status.textContent = text;
    status.className = ok ? 'notice ok' : 'notice error';
    status.focus();
  }
  function act(button, method, path, done) {
    if (!button) return;
    button.addEventListener('click', function () {
      button.disabled = true;
      var init = { method: method, headers: { accept: 'application/json' } };
      if (method === 'POST') { init.headers['content-type'] = 'application/json'; init.body = '{}'; }
      fetch(api + path, init)
        .then(function (res) {
          return res.text().then(function (t) {
            var b = t ? JSON.parse(t) : {};
            if (!res.ok) throw new Error(b.detail || main.getAttribute('data-failed'));
            return b;
          });
        })
        .then(function (b) {
          document.querySelectorAll('[data-action]').forEach(function (el) { el.hidden = true; });
          say(done(b), true);
        })
        .catch(function (err) { button.disabled = false; say(err.message || main.getAttribute('data-failed'), false); });
    });
  }
  act(document.getElementById('waitlist-book'), 'POST', '/book', function (b) {
    return main.getAttribute('data-booked').replace('{reference}', b.reference);
  });
  act(document.getElementById('waitlist-leave'), 'DELETE', '', function () { return main.getAttribute('data-left'); });
})();
`;

/** The page's styles: the manage page's, with buttons and notices. */
export const WAITLIST_PAGE_CSS = `${MANAGE_PAGE_CSS}
button { font: inherit; font-weight: 700; padding: 0.6rem 1rem; margin: 0 0.75rem 0.75rem 0; border: 0; border-radius: 0; cursor: pointer; }
#waitlist-book { background: #00703c; color: #fff; box-shadow: 0 2px 0 #002d18; }
#waitlist-leave { background: #f3f2f1; color: #0b0c0c; box-shadow: 0 2px 0 #929191; }
button:focus { outline: 3px solid #ffdd00; outline-offset: 0; }
button:disabled { opacity: 0.5; cursor: default; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; }
dt { font-weight: 700; }
.notice { padding: 0.75rem 1rem; border-left: 5px solid #1d70b8; margin: 1rem 0; }
.notice.ok { border-color: #00703c; }
.notice.error { border-color: #d4351c; }
.notice:empty { display: none; }
`;

const WORDS = {
  el: {
    header: 'ΚΕΠ — Ραντεβού',
    offered: 'Μια ώρα κρατήθηκε για εσάς',
    waiting: 'Είστε στη λίστα αναμονής',
    leaveTitle: 'Αποχώρηση από τη λίστα αναμονής',
    gone: 'Ο σύνδεσμος δεν ισχύει',
    goneText: 'Έχετε ήδη αποχωρήσει από τη λίστα, έχετε κλείσει την ώρα, ή ο σύνδεσμος αντικαταστάθηκε από νεότερο email.',
    lapsed: 'Ο χρόνος για να κλείσετε την ώρα έληξε και η ώρα δόθηκε στον επόμενο της λίστας.',
    waitingText: 'Θα σας στείλουμε email μόλις ελευθερωθεί ώρα στις ημερομηνίες που ζητήσατε.',
    kep: 'ΚΕΠ', procedure: 'Διαδικασία', when: 'Ώρα', until: 'Κρατείται έως', dates: 'Ημερομηνίες',
    book: 'Κλείστε την ώρα', leave: 'Αποχώρηση από τη λίστα',
    booked: 'Το ραντεβού σας κλείστηκε. Κωδικός ραντεβού: {reference}. Θα λάβετε email επιβεβαίωσης.',
    left: 'Αποχωρήσατε από τη λίστα αναμονής. Δεν θα λάβετε άλλα email για αυτή.',
    failed: 'Κάτι πήγε στραβά. Δοκιμάστε ξανά σε λίγο.',
    locale: 'el', switchTo: 'English',
  },
  en: {
    header: 'KEP — Appointments',
    offered: 'A time is held for you',
    waiting: 'You are on the waiting list',
    leaveTitle: 'Leave the waiting list',
    gone: 'This link does not work',
    goneText: 'You have already left the list or booked the time, or a newer email replaced this link.',
    lapsed: 'The time to book the held time has passed, and it went to the next person on the list.',
    waitingText: 'We will email you as soon as a time frees up on the dates you asked for.',
    kep: 'KEP', procedure: 'Procedure', when: 'Time', until: 'Held until', dates: 'Dates',
    book: 'Book this time', leave: 'Leave the list',
    booked: 'Your appointment is booked. Reference: {reference}. A confirmation email is on its way.',
    left: 'You have left the waiting list. You will get no more emails about it.',
    failed: 'Something went wrong. Please try again shortly.',
    locale: 'en-GB', switchTo: 'Ελληνικά',
  },
} as const;

/** What the page shows of an entry (see `waitlistEntryView`), or null for a link that does not work. */
export interface WaitlistPageEntry {
  status: 'waiting' | 'offered' | 'booked' | 'left' | 'expired';
  storeName: string;
  procedure: string;
  from: string;
  to: string;
  offer: { startsAt: string; until: string } | null;
}

/** Sends the page (404 for a link that does not work), under the manage page's CSP. */
export function sendWaitlistPage(res: Response, o: { entry: WaitlistPageEntry | null; apiBase: string; token: string; lang: 'el' | 'en'; leave: boolean; zone: string }): void {
  const w = WORDS[o.lang];
  const e = o.entry;
  const other = o.lang === 'el' ? 'en' : 'el';
  const at = (iso: string) => escapeHtml(formatGreekDateTime(new Date(iso), o.zone, w.locale));
  const live = e && (e.status === 'waiting' || e.status === 'offered');
  const title = !e || !live ? w.gone : o.leave ? w.leaveTitle : e.offer ? w.offered : w.waiting;
  const ddmm = (d: string) => d.split('-').reverse().join('/');
  let body = `<h1>${escapeHtml(title)}</h1>`;
  if (!e || !live) body += `<p>${escapeHtml(e?.status === 'expired' ? w.lapsed : w.goneText)}</p>`;
  else {
    body += `<dl><dt>${w.kep}</dt><dd>${escapeHtml(e.storeName)}</dd><dt>${w.procedure}</dt><dd>${escapeHtml(e.procedure)}</dd>`;
    body += e.offer
      ? `<dt>${w.when}</dt><dd>${at(e.offer.startsAt)}</dd><dt>${w.until}</dt><dd>${at(e.offer.until)}</dd></dl>`
      : `<dt>${w.dates}</dt><dd>${ddmm(e.from)} – ${ddmm(e.to)}</dd></dl><p data-action>${escapeHtml(w.waitingText)}</p>`;
    const book = e.offer && !o.leave ? `<button type="button" id="waitlist-book" data-action>${escapeHtml(w.book)}</button>` : '';
    body += `<div>${book}<button type="button" id="waitlist-leave" data-action>${escapeHtml(w.leave)}</button></div>`;
  }
  body += `<div id="waitlist-status" class="notice" role="status" tabindex="-1"></div>`;
  const api = `${o.apiBase}/api/v1/public/waitlist/${encodeURIComponent(o.token)}`;
  res
    .status(e ? 200 : 404)
    .set({ 'Content-Security-Policy': MANAGE_PAGE_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept' })
    .type('html')
    .send(
      `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(title)} — ${escapeHtml(w.header)}</title><link rel="stylesheet" href="${escapeHtml(o.apiBase)}/api/v1/public/waitlist/page.css">` +
        `<script src="${escapeHtml(o.apiBase)}/api/v1/public/waitlist/page.js" defer></script></head>` +
        `<body><header><p>${escapeHtml(w.header)}</p></header>` +
        `<main id="main" data-waitlist data-api="${escapeHtml(api)}" data-booked="${escapeHtml(w.booked)}" data-left="${escapeHtml(w.left)}" data-failed="${escapeHtml(w.failed)}">` +
        `<p class="language"><a href="?lang=${other}${o.leave ? '&amp;action=leave' : ''}" hreflang="${other}" lang="${other}">${escapeHtml(w.switchTo)}</a></p>${body}</main></body></html>`,
    );
}
