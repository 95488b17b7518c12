import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { isDatabaseUnreachable } from '../db/database-unreachable.js';
import { escapeHtml } from '../domain/escape-html.js';
import { AppError } from './app-error.js';

const TITLES: Record<number, string> = {
  400: 'Μη έγκυρο αίτημα',
  401: 'Απαιτείται σύνδεση',
  403: 'Δεν επιτρέπεται',
  404: 'Δεν βρέθηκε',
  409: 'Σύγκρουση',
  412: 'Η εγγραφή άλλαξε στο μεταξύ',
  413: 'Πολύ μεγάλο αίτημα',
  415: 'Μη υποστηριζόμενος τύπος περιεχομένου',
  429: 'Πάρα πολλά αιτήματα',
  500: 'Σφάλμα διακομιστή',
  503: 'Η υπηρεσία δεν είναι διαθέσιμη',
};

/** Turns a ZodError into the field list a form can show next to its fields. */
export function validationError(error: ZodError): AppError {
  const errors = error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  return new AppError(400, 'validation', 'Ελέγξτε τα πεδία που σημειώνονται.', { errors });
}

/** The one error handler: every failure leaves as `application/problem+json` (RFC 9457). */
export function problemHandler(log: (msg: string, err: unknown) => void): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const problem = toAppError(err);
    // A server out of reach for a moment: one line (an outage would otherwise fill the log with the
    // same stack), and a client (or a widget) may try again.
    if (problem.status === 503) {
      log(`${req.method} ${req.baseUrl}${req.path} answered 503 (${problem.code})`, undefined);
      res.set('Retry-After', '5');
      // A person who followed a link (the sign-in, a printed day sheet) reads a page, not JSON.
      if (req.method === 'GET' && req.accepts(['application/json', 'text/html']) === 'text/html') {
        return void res.status(503).type('html').send(unavailablePage(problem.message, req.originalUrl));
      }
    } else if (problem.status >= 500) log(`${req.method} ${req.baseUrl}${req.path} failed`, err);
    res
      .status(problem.status)
      .type('application/problem+json')
      .json({
        type: `urn:rantevou:problem:${problem.code}`,
        title: TITLES[problem.status] ?? 'Σφάλμα',
        status: problem.status,
        detail: problem.message,
        ...problem.extras,
      });
  };
}

function unavailablePage(message: string, retry: string): string {
  return `<!doctype html><html lang="el"><meta charset="utf-8"><title>${TITLES[503]}</title>
<main style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto">
<h1>${TITLES[503]}</h1><p>${escapeHtml(message)}</p><p><a href="${escapeHtml(retry)}">Δοκιμάστε ξανά</a></p></main></html>`;
}

/** 404 for any path the API does not have. */
export const unknownRoute: RequestHandler = () => {
  throw new AppError(404, 'no-such-route', 'Δεν υπάρχει τέτοια διαδρομή.');
};

function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return validationError(err);
  // body-parser's own errors carry a status and a type; keep their status, use our words.
  const e = err as { status?: number; type?: string };
  if (e?.type === 'entity.too.large') return new AppError(413, 'too-large', 'Το αίτημα είναι πολύ μεγάλο.');
  if (e?.type === 'entity.parse.failed') return new AppError(400, 'bad-json', 'Το σώμα του αιτήματος δεν είναι έγκυρο JSON.');
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) return new AppError(e.status, 'bad-request', 'Μη έγκυρο αίτημα.');
  if (isDatabaseUnreachable(err)) return new AppError(503, 'database-unavailable', 'Η βάση δεδομένων δεν απαντά αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.');
  // 5xx messages are not exposed: they may carry internals.
  return new AppError(500, 'internal', 'Κάτι πήγε στραβά. Δοκιμάστε ξανά σε λίγο.');
}
