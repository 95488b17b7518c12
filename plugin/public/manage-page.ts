import type { Request, RequestHandler, Response } from 'express';
import { escapeHtml } from '../domain/escape-html.js';

/**
 * The plain page of the plugin that the link in the confirmation email opens when it points at the
 * plugin itself (no `publicBooking.manageUrl`): a browser asking `text/html` at
 * `/api/v1/public/manage/:token` gets this page, which loads `<kep-manage-booking>` from the
 * plugin's own bundle; API clients still get the JSON. A link that no longer works gets a short
 * page saying what to do, never JSON.
 */

/** The page's CSP: our own scripts, styles and API only, Trusted Types, no framing, no forms elsewhere. */
export const MANAGE_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

/** The page's one script: names the step in `<title>` (as GOV.UK asks of multi-step services). */
export const MANAGE_PAGE_SCRIPT = `(function () {
  var el = document.querySelector('kep-manage-booking');
  if (!el) return;
  var site = document.title;
  el.addEventListener('kep-manage-booking-step', function (event) {
    document.title = event.detail.title + ' — ' + site;
  });
})();
`;

/** A little of gov.gr's look for the plain page (the element brings its own styles). */
export const MANAGE_PAGE_CSS = `body { margin: 0; font-family: Roboto, system-ui, sans-serif; color: #0b0c0c; background: #fff; }
header { background: #003476; color: #fff; padding: 0.75rem 1rem; }
header p { margin: 0; font-weight: 700; }
main { max-width: 40rem; margin: 0 auto; padding: 1rem; }
a { color: #0065b3; }
a:focus { outline: 3px solid #ffdd00; background: #ffdd00; color: #0b0c0c; }
.language { text-align: right; margin: 0 0 1rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 0 0 1rem; }
`;

const WORDS = {
  el: {
    site: 'Το ραντεβού σας στο ΚΕΠ',
    header: 'ΚΕΠ — Ραντεβού',
    switchTo: 'English',
    goneTitle: 'Ο σύνδεσμος δεν ισχύει',
    gone: [
      'Ο σύνδεσμος για την αλλαγή ή την ακύρωση του ραντεβού δεν είναι σωστός ή έχει λήξει.',
      'Αν έχετε ραντεβού, ανοίξτε τον σύνδεσμο από το πιο πρόσφατο email που σας στείλαμε για αυτό: κάθε email έχει τον δικό του σύνδεσμο.',
      'Για ένα νέο ραντεβού, κλείστε το από τη σελίδα ραντεβού ΚΕΠ του gov.gr. Για οτιδήποτε άλλο, τηλεφωνήστε στο ΚΕΠ σας.',
    ],
  },
  en: {
    site: 'Your KEP appointment',
    header: 'KEP — Appointments',
    switchTo: 'Ελληνικά',
    goneTitle: 'This link does not work',
    gone: [
      'The link to change or cancel the appointment is not right or has expired.',
      'If you have an appointment, open the link in the latest email we sent you about it: each email has its own link.',
      'To book a new appointment, use the KEP appointments page on gov.gr. For anything else, call your KEP.',
    ],
  },
} as const;

/** Whether the request is a browser opening a link (it prefers HTML to JSON). */
export function wantsHtml(req: Request): boolean {
  return req.accepts(['application/json', 'text/html']) === 'text/html';
}

/**
 * Sends the page: with the element for a live token, or the polite "this link does not work" page
 * (404) for one that is unknown, expired or malformed.
 */
export function sendManagePage(res: Response, o: { token: string; valid: boolean; apiBase: string; lang: 'el' | 'en' }): void {
  const w = WORDS[o.lang];
  const assets = `${o.apiBase}/api/v1/public`;
  const body = o.valid
    ? `<h1>${escapeHtml(w.site)}</h1><kep-manage-booking token="${escapeHtml(o.token)}" api-base="${escapeHtml(o.apiBase)}" lang="${o.lang}"></kep-manage-booking>`
    : `<h1>${escapeHtml(w.goneTitle)}</h1>${w.gone.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}`;
  const title = o.valid ? w.site : `${w.goneTitle} — ${w.site}`;
  const scripts = o.valid
    ? `<script type="module" src="${escapeHtml(o.apiBase)}/widget/kep-booking.js"></script><script src="${escapeHtml(assets)}/manage-page.js" defer></script>`
    : '';
  sendPlainPage(res, { status: o.valid ? 200 : 404, lang: o.lang, title, stylesheet: `${assets}/manage-page.css`, head: scripts, header: w.header, switchTo: w.switchTo, body });
}

/**
 * Sends one of the plugin's own plain pages for citizens (the manage page, the video waiting room):
 * gov.gr's header, the link to the other language, `body` (already escaped HTML) in `<main>`, and the
 * headers every such page has: the CSP above, never cached, no referrer, no sniffing.
 */
export function sendPlainPage(
  res: Response,
  o: { status: number; lang: 'el' | 'en'; title: string; stylesheet: string; head: string; header: string; switchTo: string; body: string },
): void {
  const other = o.lang === 'el' ? 'en' : 'el';
  res
    .status(o.status)
    .set({ 'Content-Security-Policy': MANAGE_PAGE_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff', Vary: 'Accept' })
    .type('html')
    .send(
      `<!doctype html><html lang="${o.lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
        `<title>${escapeHtml(o.title)}</title><link rel="stylesheet" href="${escapeHtml(o.stylesheet)}">${o.head}</head>` +
        `<body><header><p>${escapeHtml(o.header)}</p></header><main id="main">` +
        `<p class="language"><a href="?lang=${other}" hreflang="${other}" lang="${other}">${escapeHtml(o.switchTo)}</a></p>${o.body}</main></body></html>`,
    );
}

/** Serves one asset of those pages (their script or style sheet), cached for five minutes. */
export function pageAsset(type: 'application/javascript' | 'text/css', body: string): RequestHandler {
  return (_req, res) => void res.set({ 'Cache-Control': 'public, max-age=300', 'X-Content-Type-Options': 'nosniff' }).type(type).send(body);
}
