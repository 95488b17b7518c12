import { timingSafeEqual } from 'node:crypto';
import type { Request, RequestHandler } from 'express';
import { AppError } from '../http/app-error.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The header a widget sends with the token it read from `GET /api/v1/me`. */
export const CSRF_HEADER = 'x-csrf-token';

/**
 * Every state-changing request must carry the session's CSRF token and, when the browser says where
 * it comes from, an allowed `Origin`. SameSite=Lax alone does not cover same-site subdomains.
 */
export function requireCsrf(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (SAFE_METHODS.has(req.method)) return next();
    if (!originAllowed(req, allowedOrigins)) {
      throw new AppError(403, 'bad-origin', 'Το αίτημα προέρχεται από μη επιτρεπόμενη σελίδα.');
    }
    const sent = req.get(CSRF_HEADER);
    const expected = req.staff?.csrfToken;
    if (expected && sent && sameString(sent, expected)) return next();
    if (!req.staff) return next(); // unauthenticated requests are refused with 401 by the route
    throw new AppError(403, 'csrf', 'Το αίτημα δεν έχει έγκυρο διακριτικό ασφαλείας (CSRF). Ανανεώστε τη σελίδα.');
  };
}

/** The origin this request was addressed to, as the browser sees it. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/** Checks the browser's `Origin` header against our own origin and the configured ones. */
export function originAllowed(req: Request, allowedOrigins: readonly string[]): boolean {
  const origin = req.get('origin');
  return !origin || origin === ownOrigin(req) || allowedOrigins.includes(origin);
}

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
