import type { Response } from 'express';
import { escapeHtml } from '../domain/escape-html.js';

/** What the popup tells the page that opened it. */
export type PopupMessage =
  | {
      type: 'rantevou:citizen';
      token: string;
      /** As the identity provider said: the widget shows the name as text and prefills the email. */
      name: string;
      givenName: string | null;
      familyName: string | null;
      email: string | null;
      /** The ΑΦΜ, when the identity provider said it (GSIS); shown as text, never asked. */
      taxId?: string | null;
      expiresAt: string;
    }
  | { type: 'rantevou:citizen-error'; detail: string };

/**
 * The script of the popup, served from our own origin so the page needs no inline script under our
 * strict CSP. It posts the message to the opener at the one allowed origin (never `*`), then closes.
 */
export const POPUP_SCRIPT = `(function () {
  var el = document.getElementById('rantevou-result');
  if (!el) return;
  var data = JSON.parse(el.textContent || '{}');
  if (!window.opener || !data.targetOrigin) return;
  window.opener.postMessage(data.message, data.targetOrigin);
  window.close();
})();
`;

/** The CSP of the popup pages: our own script only, nothing else loads, no framing. */
export const POPUP_CSP = "default-src 'none'; script-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Sends the small page of our origin that ends the sign-in popup: the message for the opener goes in
 * a JSON data block (inert under CSP), which `popup.js` reads. With no allowed origin (a sign-in that
 * cannot be trusted), nothing is posted: the page only shows its text.
 */
export function sendPopupPage(res: Response, status: number, text: string, message: PopupMessage | null, targetOrigin: string | null): void {
  // "<" is escaped so that no value can close the data block.
  const data = JSON.stringify({ message, targetOrigin }).replace(/</g, '\\u003c');
  // From the sign-in router's own base: a relative "popup.js" from `/gsis/callback` would be looked for
  // under `/gsis/` and the popup would never post (nor close).
  const src = `${res.req.baseUrl}/popup.js`;
  const script = message && targetOrigin ? `<script type="application/json" id="rantevou-result">${data}</script><script src="${escapeHtml(src)}"></script>` : '';
  res
    .status(status)
    .set({ 'Content-Security-Policy': POPUP_CSP, 'Cache-Control': 'no-store', 'Referrer-Policy': 'no-referrer', 'X-Content-Type-Options': 'nosniff' })
    .type('html')
    .send(
      `<!doctype html><html lang="el"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Σύνδεση πολίτη — ΚΕΠ</title></head><body><main><h1>Σύνδεση πολίτη</h1><p>${escapeHtml(text)}</p></main>${script}</body></html>`,
    );
}
