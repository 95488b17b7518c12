import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { PriorityToken } from '../db/priority-token.entity.js';
import { Store } from '../db/store.entity.js';
import { hashSecret } from '../public/secrets.js';
import { notFound } from './app-error.js';
import { registerOpenApiPaths } from './openapi.js';
import { z } from './zod-openapi.js';

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

/**
 * `GET /priority/:token`: which KEP and period a "book again first in line" token (from the apology
 * for a missed appointment) is valid for. No sign-in: the token is the credential, 256 random bits of
 * which only the hash is stored. Unknown and expired tokens answer the same 404. The public booking
 * widget reads this to offer the holder the first free slots.
 */
export function priorityRoutes(orm: MikroORM, now: () => Date): Router {
  const router = Router();
  router.get('/:token', async (req, res) => {
    const token = String(req.params.token ?? '');
    const em = orm.em.fork();
    const row = /^[A-Za-z0-9_-]{20,100}$/.test(token) ? await em.findOne(PriorityToken, { tokenHash: hashSecret(token), expiresAt: { $gt: now() } }) : null;
    const store = row ? await em.findOne(Store, row.storeId) : null;
    if (!row || !store) throw notFound('Ο σύνδεσμος προτεραιότητας δεν ισχύει (έληξε ή δεν υπάρχει).');
    res.set('Cache-Control', 'no-store').json({
      storeId: store.id,
      storeCode: store.code,
      storeName: store.name,
      validFrom: row.validFrom.toISOString(),
      validUntil: row.expiresAt.toISOString(),
      used: row.usedAt != null,
    } satisfies z.infer<typeof PriorityView>);
  });
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
