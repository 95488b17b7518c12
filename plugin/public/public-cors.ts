import type { RequestHandler } from 'express';

/** What a page of an allowed origin may send: the citizen's token, JSON, and the booking's idempotency key. */
const ALLOWED_HEADERS = 'Authorization, Content-Type, Idempotency-Key';
const EXPOSED_HEADERS = 'Location, Retry-After, RateLimit, RateLimit-Policy, Idempotent-Replayed';

/**
 * CORS for the public API: only the configured origins (the gov.gr pages that embed the booking
 * widget) may read answers or send requests from a browser. No credentials are ever allowed: the
 * public API takes a bearer token, never a cookie. A preflight is answered here, before any limit.
 */
export function publicCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get('origin');
    res.vary('Origin');
    const ok = origin !== undefined && allowed.has(origin);
    if (ok) res.set({ 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSED_HEADERS });
    if (req.method !== 'OPTIONS') return next();
    if (ok) res.set({ 'Access-Control-Allow-Methods': 'GET, POST, DELETE', 'Access-Control-Allow-Headers': ALLOWED_HEADERS, 'Access-Control-Max-Age': '600' });
    res.status(204).end();
  };
}
