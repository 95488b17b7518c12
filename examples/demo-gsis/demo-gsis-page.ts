import { escapeHtml } from '../../plugin/domain/escape-html.js';
import type { DemoGsisPerson } from './demo-gsis.js';

/**
 * An XML attribute value as the service writes it: markup characters escaped and everything
 * outside ASCII as a decimal character reference (`Β` → `&#914;`).
 */
export function xmlAttr(value: string): string {
  let out = '';
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === '&') out += '&amp;';
    else if (ch === '<') out += '&lt;';
    else if (ch === '"') out += '&quot;';
    else if (code > 126) out += `&#${code};`;
    else out += ch;
  }
  return out;
}

/** The stand-in's sign-in page: pick a demo person (a form POST back to `oauth/authorize`), or a message. */
export function gsisPickerPage(title: string, params: Record<string, string> | null, people: DemoGsisPerson[], message?: string): string {
  const hidden = params
    ? Object.entries(params).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('')
    : '';
  const buttons = people
    .map(
      (p) =>
        `<li><form method="post" action="authorize">${hidden}<input type="hidden" name="userid" value="${escapeHtml(p.userid)}">` +
        `<button type="submit">${escapeHtml(`${p.firstname} ${p.lastname}`)}</button> <span>ΑΦΜ ${escapeHtml(p.taxid)}${p.description ? ` — ${escapeHtml(p.description)}` : ''}</span></form></li>`,
    )
    .join('');
  return `<!doctype html><html lang="el"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>body{font-family:system-ui,sans-serif;max-width:44rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:.75rem 0}button{font:inherit;padding:.5rem 1rem;background:#003476;color:#fff;border:0;border-radius:4px;cursor:pointer}
button:focus{outline:3px solid #ffbf47;outline-offset:2px}.note{background:#fff4d6;padding:.5rem 1rem}</style></head>
<body><main><h1>${escapeHtml(title)}</h1><p class="note">Δοκιμαστική υπηρεσία: μιμείται την υπηρεσία OAuth 2.0 της ΓΓΠΣ. Demo stand-in of the GSIS service.</p>
${message ? `<p role="status">${escapeHtml(message)}</p>` : ''}${people.length ? `<p>Επιλέξτε πρόσωπο για να συνδεθείτε:</p><ul>${buttons}</ul>` : ''}</main></body></html>`;
}
