import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { Router, type RequestHandler } from 'express';
import { PriorityToken } from '../db/priority-token.entity.js';
import { Store } from '../db/store.entity.js';
import { hashSecret } from '../auth/secrets.js';
import { notFound } from '../http/app-error.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';

/** What a priority token is good for; nothing about the citizen. */
export const PriorityView = z
  .object({
    storeId: z.uuid(),
    storeCode: z.string(),
    storeName: z.string(),
    validFrom: z.iso.datetime(),
    validUntil: z.iso.datetime(),
    used: z.boolean(),
  })
  .openapi('PriorityToken');

/** A priority token's row and its KEP, when the token is known and not expired (used or not). */
export async function findPriorityToken(em: EntityManager, token: string, now: Date): Promise<{ row: PriorityToken; store: Store } | null> {
  // Anything not shaped like a secret we issue is not looked up at all: no hashing or query for junk.
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const row = await em.findOne(PriorityToken, { tokenHash: hashSecret(token), expiresAt: { $gt: now } });
  const store = row ? await em.findOne(Store, row.storeId) : null;
  return row && store ? { row, store } : null;
}

/**
 * Answers `GET …/:token` with the {@link PriorityView}: mounted both here for staff tools and under
 * the public router, whose CORS lets the gov.gr pages read it.
 */
export function priorityViewHandler(orm: MikroORM, now: () => Date): RequestHandler {
  return async (req, res) => {
    const found = await findPriorityToken(orm.em.fork(), String(req.params.token ?? ''), now());
    if (!found) throw notFound('Ο σύνδεσμος προτεραιότητας δεν ισχύει (έληξε ή δεν υπάρχει).');
    const { row, store } = found;
    res.set('Cache-Control', 'no-store').json({
      storeId: store.id,
      storeCode: store.code,
      storeName: store.name,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.expiresAt.toISOString(),
      used: row.usedAt != null,
    } satisfies z.infer<typeof PriorityView>);
  };
}

/**
 * `GET /priority/:token`: which KEP and period a "book again first in line" token (from the apology
 * for a missed appointment) is valid for. No sign-in: the token is the credential, 256 random bits of
 * which only the hash is stored. Unknown and expired tokens answer the same 404. The public booking
 * widget reads the same view at `/public/priority/:token`.
 */
export function priorityRoutes(orm: MikroORM, now: () => Date): Router {
  const router = Router();
  router.get('/:token', priorityViewHandler(orm, now));
  return router;
}

registerOpenApiPaths((registry, problem) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/priority/{token}',
    summary: 'The KEP and period a priority token (given with the apology for a missed appointment) is valid for; no sign-in',
    request: { params: z.object({ token: z.string() }) },
    responses: {
      200: { description: 'Valid', content: { 'application/json': { schema: PriorityView } } },
      404: problem('Unknown or expired token'),
    },
  });
});
