import { Router } from 'express';
import { Queue } from '../db/queue.entity.js';
import type { Store } from '../db/store.entity.js';
import { unmetDemandQueries } from '../db/unmet-demand.queries.js';
import { notFound } from '../http/app-error.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { pathId } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';
import { publicQueries } from './public-queries.js';
import type { PublicDeps } from './public-settings.js';
import type { UnmetDemand } from './unmet-demand.js';

/** KEPs looked at, nearest first, and how many of those with a time are suggested. */
const CANDIDATES = 8;
const SUGGESTIONS = 3;

/** `GET /public/stores/:storeId/nearby?mode=&procedureId=` */
export const NearbyQuery = z.object({
  mode: z.enum(['in_person', 'video'], { error: 'Ο τρόπος είναι «in_person» ή «video».' }).default('in_person'),
  procedureId: z.uuid('Μη έγκυρη διαδικασία.').optional(),
});

const FirstFree = z
  .object({ date: z.iso.date(), startsAt: z.iso.datetime(), label: z.string().openapi({ example: '09:30' }) })
  .nullable()
  .openapi('PublicFirstFree');

/** What the suggestions answer. */
export const NearbyView = z
  .object({
    days: z.number().int().openapi({ description: 'The days looked at, from today (`publicBooking.unmetDemandDays`)' }),
    firstFree: FirstFree.openapi({ description: 'The first free time of the KEP asked about within the days; null when it has none' }),
    stores: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        municipality: z.string(),
        address: z.string(),
        offersVideo: z.boolean(),
        distanceKm: z.number().nullable().openapi({ description: 'As the crow flies; null when a KEP has no coordinates (then it is of the same municipality or prefecture)' }),
        firstFree: FirstFree,
      }),
    ),
  })
  .openapi('PublicNearby');

/**
 * The booking widget's «nearest KEPs with an earlier time»: the KEP's own first free time within the
 * unmet-demand days, and up to three KEPs nearest to it that take public bookings in the mode (and
 * offer the procedure) with a free time within those days, nearest first, each with its first free
 * time. A KEP with no time within the days has none earlier than that, so every suggestion is earlier
 * than what the KEP asked about offers. Public information only, from the availability cache.
 */
export function nearbyRoutes(deps: PublicDeps, unmet: UnmetDemand): Router {
  const router = Router();
  const { orm } = deps;
  router.get('/stores/:storeId/nearby', async (req, res) => {
    const storeId = pathId(req.params.storeId);
    const q = NearbyQuery.parse(req.query);
    const found = await publicQueries.storeWithQueues(orm.em, storeId);
    if (!found) throw notFound('Το ΚΕΠ δεν βρέθηκε ή δεν δέχεται ραντεβού μέσω διαδικτύου.');
    const now = deps.now();
    const exceptHolder = req.citizen?.sub;
    const firstFree = await unmet.firstFree(orm.em, { store: found.store, queues: found.queues.filter((x) => x.mode === q.mode), now, exceptHolder });
    const near = await unmetDemandQueries.nearby(orm.em, storeId, q.mode, q.procedureId ?? null, CANDIDATES);
    const queues = near.length
      ? await orm.em.find(Queue, { store: { $in: near.map((n) => n.id) }, public: true, active: true }, { populate: ['store'], orderBy: { isDefault: 'desc', name: 'asc', id: 'asc' } })
      : [];
    // Side by side: each from the cache, most often without a database read.
    const times = await Promise.all(
      near.map((n) => {
        const own = queues.filter((x) => x.store.id === n.id && x.mode === q.mode);
        return own.length ? unmet.firstFree(orm.em.fork(), { store: own[0]!.store as Store, queues: own, now, exceptHolder }) : null;
      }),
    );
    const stores = near
      .map((n, i) => ({ ...n, offersVideo: queues.some((x) => x.store.id === n.id && x.mode === 'video'), firstFree: times[i] ?? null }))
      .filter((s) => s.firstFree !== null)
      .slice(0, SUGGESTIONS);
    res.set('Cache-Control', 'no-store').json({ days: unmet.days, firstFree, stores });
  });
  return router;
}

registerOpenApiPaths((registry, problem) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/stores/{storeId}/nearby',
    summary:
      'The KEP’s first free time within the unmet-demand days, and up to 3 nearest KEPs (by coordinates; else the same municipality or prefecture) that take online bookings in the mode, offer the procedure and have a free time within those days, each with its first free time',
    request: { params: z.object({ storeId: z.uuid() }), query: NearbyQuery },
    responses: {
      200: { description: 'The suggestions, nearest first', content: { 'application/json': { schema: NearbyView } } },
      400: problem('Invalid mode or procedure'),
      404: problem('No such KEP, or it takes no online bookings'),
      429: problem('Too many requests from this IP; see Retry-After'),
    },
  });
});
