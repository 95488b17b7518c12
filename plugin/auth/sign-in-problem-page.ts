import { escapeHtml } from '../domain/escape-html.js';

/**
 * A plain page for a sign-in that cannot finish: a person reads it, not a program. `retry` is the
 * sign-in link relative to the page (the default suits pages under `/auth/`).
 */
export function signInProblemPage(message: string, retry = 'login'): string {
  return `<!doctype html><html lang="el"><meta charset="utf-8"><title>Σύνδεση</title>
<main style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>Η σύνδεση δεν ολοκληρώθηκε</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(retry)}">Δοκιμάστε ξανά</a></p></main></html>`;
}
