import type { RequestHandler } from 'express';
import { rateLimit } from 'express-rate-limit';
import { AppError } from '../http/app-error.js';
import { limiterLogger, type RateLimitStores } from '../http/rate-limit-stores.js';
import type { PublicBookingRules } from './public-settings.js';

/** The public API's limits: middleware for every request and for the writes. */
export interface PublicRateLimits {
  all: RequestHandler;
  writes: RequestHandler;
}

/**
 * Per-IP limits of the public API (express-rate-limit): one for every request, a stricter one for
 * the requests that write or start a sign-in. Past a limit the answer is 429 problem+json with
 * `Retry-After` and the standard `RateLimit` headers.
 *
 * With `rules.rateLimitRedisUrl` the counts live in Redis ({@link RateLimitStores}), shared by every
 * process and instance, so a client meets the configured limit however many serve it. When that
 * Redis is down a write (and a sign-in) is refused with 503, because it would go unlimited, while
 * a read is let through. Without it each process counts in memory on its own: behind a load
 * balancer, or with WEB_CONCURRENCY, the limit a client meets is the configured one times the
 * processes it is spread over.
 */
export function publicRateLimits(rules: Pick<PublicBookingRules, 'readsPerMinute' | 'writesPerMinute'>, stores: RateLimitStores): PublicRateLimits {
  const limiter = (limit: number, identifier: string, passOnStoreError: boolean) =>
    rateLimit({
      windowMs: 60_000,
      limit,
      identifier,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      store: stores.store(identifier),
      passOnStoreError,
      logger: limiterLogger,
      handler: (_req, _res, next) => next(new AppError(429, 'rate-limited', 'Πάρα πολλά αιτήματα από τη σύνδεσή σας. Δοκιμάστε ξανά σε λίγο.')),
    });
  const all = limiter(rules.readsPerMinute, 'public', true);
  const writes = limiter(rules.writesPerMinute, 'public-writes', false);
  return {
    all,
    writes: (req, res, next) => {
      if (req.method !== 'POST' && req.path !== '/auth/login') return next();
      writes(req, res, (err?: unknown) => {
        if (err === undefined || err instanceof AppError) return next(err);
        next(new AppError(503, 'rate-limit-unavailable', 'Η υπηρεσία δεν μπορεί να δεχτεί κρατήσεις αυτή τη στιγμή. Δοκιμάστε ξανά σε λίγο.'));
      });
    },
  };
}
