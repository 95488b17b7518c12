/**
 * HTML for the demo identity provider: the account picker, the logout
 * confirmation and error pages. Everything user- or request-derived goes
 * through {@link escapeHtml}; pages are self-contained (no external fonts or
 * scripts) so the demo works offline and under a strict CSP.
 */

/** One selectable demo account as shown on the login page. */
export interface AccountChoice {
  sub: string;
  name: string;
  description: string;
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for use in HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

const STYLE = `
  body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f4f6f8;color:#1b1b1b}
  main{max-width:32rem;margin:2rem auto;padding:1.5rem 2rem;background:#fff;border-radius:8px;box-shadow:0 1px 3px rgba(0,0,0,.15)}
  h1{font-size:1.35rem;margin-top:0}
  .note{color:#555;font-size:.9rem}
  ul{list-style:none;padding:0;margin:0}
  li{margin:.6rem 0}
  button{display:block;width:100%;text-align:left;padding:.75rem 1rem;font:inherit;border:2px solid #003476;border-radius:6px;background:#fff;color:#003476;cursor:pointer}
  button:hover{background:#e8eef7}
  button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
  button .name{display:block;font-weight:600}
  button .desc{display:block;font-size:.9rem;color:#333}
  .actions button{text-align:center}
  pre{white-space:pre-wrap;word-break:break-word}
`;

/** Wraps a page body in a complete, Greek-language HTML document. */
export function layout(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="el">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

const TITLE = 'Δοκιμαστικός πάροχος ταυτότητας (demo)';

/**
 * The account picker: one submit button per demo account; the button's
 * `name="account" value=sub` is what the login POST receives.
 */
export function loginPage(action: string, accounts: readonly AccountChoice[], clientName?: string): string {
  const items = accounts
    .map(
      (a) => `<li><button type="submit" name="account" value="${escapeHtml(a.sub)}">` +
        `<span class="name">${escapeHtml(a.name)}</span>` +
        `<span class="desc">${escapeHtml(a.description)}</span></button></li>`,
    )
    .join('\n');
  const forClient = clientName ? ` για την εφαρμογή «${escapeHtml(clientName)}»` : '';
  return layout(
    TITLE,
    `<h1>${escapeHtml(TITLE)}</h1>
<p>Επιλέξτε δοκιμαστικό λογαριασμό για σύνδεση${forClient}.</p>
<p class="note">Μόνο για επίδειξη και δοκιμές: δεν ζητείται κωδικός πρόσβασης.</p>
<form method="post" action="${escapeHtml(action)}">
<fieldset style="border:0;padding:0;margin:0">
<legend class="note">Δοκιμαστικοί λογαριασμοί</legend>
<ul>
${items}
</ul>
</fieldset>
</form>`,
  );
}

/** A simple error page; `details` are shown as escaped key/value lines. */
export function errorPage(heading: string, details: Record<string, unknown> = {}): string {
  const lines = Object.entries(details)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => `<pre><strong>${escapeHtml(k)}</strong>: ${escapeHtml(v)}</pre>`)
    .join('\n');
  return layout(`Σφάλμα – ${TITLE}`, `<h1>${escapeHtml(heading)}</h1>\n${lines}`);
}

/**
 * RP-initiated logout confirmation. `form` is oidc-provider's own hidden
 * form (`id="op.logoutForm"`, carrying the xsrf token); it is trusted
 * markup produced by the library and must not be escaped.
 */
export function logoutPage(form: string, host: string): string {
  return layout(
    `Αποσύνδεση – ${TITLE}`,
    `<h1>Αποσύνδεση</h1>
<p>Θέλετε να αποσυνδεθείτε από τον ${escapeHtml(host)};</p>
${form}
<div class="actions">
<button autofocus type="submit" form="op.logoutForm" name="logout" value="yes">Ναι, αποσύνδεση</button>
<p></p>
<button type="submit" form="op.logoutForm">Όχι, παραμονή σε σύνδεση</button>
</div>`,
  );
}

/** Shown after logout when the client gave no post_logout_redirect_uri. */
export function logoutSuccessPage(clientName?: string): string {
  const from = clientName ? ` από την εφαρμογή «${escapeHtml(clientName)}»` : '';
  return layout(`Αποσύνδεση – ${TITLE}`, `<h1>Αποσυνδεθήκατε</h1>\n<p>Η αποσύνδεση${from} ολοκληρώθηκε.</p>`);
}
