import { Router } from 'express';
import { bookHold } from './bookings.js';
import { requireCitizen } from './citizen-auth.js';
import { placeHold } from './holds.js';
import { idempotencyKeyOf, requestHash } from './idempotency.js';
import type { PublicDeps } from './public-settings.js';
import { baseUrlOf } from './public-urls.js';
import { BookingBody, HoldBody } from './public.schema.js';

/** `POST /public/holds` and `POST /public/bookings`: a signed-in citizen holds a slot, then books it. */
export function bookingRoutes(deps: PublicDeps): Router {
  const router = Router();

  router.post('/holds', async (req, res) => {
    const citizen = requireCitizen(req);
    const input = HoldBody.parse(req.body ?? {});
    const hold = await placeHold(deps, citizen, input);
    res.status(201).set('Cache-Control', 'no-store').json(hold);
  });

  router.post('/bookings', async (req, res) => {
    const citizen = requireCitizen(req);
    const idempotencyKey = idempotencyKeyOf(req.get('idempotency-key'));
    const input = BookingBody.parse(req.body ?? {});
    const result = await bookHold(deps, citizen, input, {
      videoLinkTemplate: deps.videoLinkTemplate,
      baseUrl: baseUrlOf(req, deps.publicUrl),
      idempotencyKey,
      requestHash: requestHash(req.body),
    });
    if (!result.replayed) deps.afterChange();
    res.status(result.status).set('Cache-Control', 'no-store');
    if (result.replayed) res.set('Idempotent-Replayed', 'true');
    res.json(result.body);
  });

  return router;
}
