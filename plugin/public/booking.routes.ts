import { Router } from 'express';
import { bookHold } from './bookings.js';
import { requireCitizen } from './citizen-auth.js';
import { placeHold } from './holds.js';
import { idempotencyKeyOf, requestHash } from './idempotency.js';
import type { PublicDeps } from './public-settings.js';
import { publicQueries } from './public-queries.js';
import type { HoldInput } from './public.schema.js';
import type { UnmetDemand } from './unmet-demand.js';
import { AppError } from '../http/app-error.js';
import { baseUrlOf } from './public-urls.js';
import { BookingBody, HoldBody } from './public.schema.js';

/** `POST /public/holds` and `POST /public/bookings`: a signed-in citizen holds a slot, then books it. */
export function bookingRoutes(deps: PublicDeps, unmet: UnmetDemand): Router {
  const router = Router();

  router.post('/holds', async (req, res) => {
    const citizen = requireCitizen(req);
    const input = HoldBody.parse(req.body ?? {});
    const hold = await placeHold(deps, citizen, input).catch(async (err: unknown) => {
      // A time taken under the citizen: unmet demand when nothing else is free within the days.
      if (err instanceof AppError && err.code === 'slot-taken') await countRefusedHold(deps, unmet, input, citizen.sub);
      throw err;
    });
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

/** Counts a refused hold as unmet demand (see UnmetDemand.afterRefusedHold), on a fresh entity manager: the hold's transaction is gone. */
async function countRefusedHold(deps: PublicDeps, unmet: UnmetDemand, input: HoldInput, holder: string): Promise<void> {
  const em = deps.orm.em.fork();
  const found = await publicQueries.storeWithQueues(em, input.storeId);
  if (!found) return;
  const queues = found.queues.filter((q) => q.mode === input.mode);
  const search = { store: found.store, queues, mode: input.mode, procedureId: input.procedureId, searchId: input.searchId ?? null, now: deps.now(), exceptHolder: holder };
  await unmet.afterRefusedHold(em, search);
}
