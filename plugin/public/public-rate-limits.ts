import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../http/app-error.js';
import type { PublicBookingRules } from './public-settings.js';

/**
 * Per-IP limits of the public API (express-rate-limit): one for every request, a stricter one for
 * the requests that write or start a sign-in. Past a limit the answer is 429 problem+json with
 * `Retry-After` and the standard `RateLimit` headers. Counts are kept per plugin instance, in
 * memory: behind a load balancer each instance limits on its own (the limit a client meets is the
 * configured one times the instances it is spread over).
 */
export function publicRateLimits(rules: Pick<PublicBookingRules, 'readsPerMinute' | 'writesPerMinute'>): { all: RequestHandler; writes: RequestHandler } {
  const limiter = (limit: number, identifier: string) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      identifier,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, _res, next) => next(new AppError(429, 'rate-limited', 'Πάρα πολλά αιτήματα από τη σύνδεσή σας. Δοκιμάστε ξανά σε λίγο.')),
    });
  const writes = limiter(rules.writesPerMinute, 'public-writes');
  return {
    all: limiter(rules.readsPerMinute, 'public'),
    writes: (req, res, next) => (req.method === 'POST' || req.path === '/auth/login' ? writes(req, res, next) : next()),
  };
}
