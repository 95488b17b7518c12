import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { Procedure } from '../db/procedure.entity.js';
import { StoreProcedure } from '../db/store-procedure.entity.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { CatalogueProcedureView } from './catalogue.schema.js';
import { offerProcedure } from './offer-procedure.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { assertAdministrator, assertReader, pathId, storeIdOf } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/** The body of `PUT /stores/:storeId/procedures/:procedureId`. */
export const OfferBody = z.object({ offered: z.boolean({ error: 'Το «offered» είναι true ή false.' }) }).strict().openapi('OfferProcedure');

/** A procedure of the catalogue, and whether this KEP offers it. */
export const StoreProcedureView = CatalogueProcedureView.pick({ id: true, code: true, name: true, nameEn: true, videoEligible: true, alternativeText: true, bring: true, active: true })
  .extend({ offered: z.boolean() })
  .openapi('StoreProcedure');

function toView(p: Procedure, offered: boolean): z.infer<typeof StoreProcedureView> {
  return { id: p.id, code: p.code, name: p.name, nameEn: p.nameEn, videoEligible: p.videoEligible, alternativeText: p.alternativeText ?? null, bring: p.bring, active: p.active, offered };
}

/**
 * `/stores/:storeId/procedures`: the active catalogue with what the KEP offers (anyone of the KEP
 * reads it), and the store administrator switching a procedure on or off for the KEP. The catalogue
 * itself is edited by the directorate's chosen editors at `/procedures` (catalogue.routes.ts); a
 * retired procedure drops out of this list, and its offers wait, unused, in case it comes back.
 */
export function procedureRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertReader(user, storeId);
    const [all, offered] = await Promise.all([
      orm.em.find(Procedure, { active: true }, { orderBy: { name: 'asc' } }),
      orm.em.find(StoreProcedure, { store: storeId }),
    ]);
    const ids = new Set(offered.map((o) => o.procedure.id));
    res.json({ items: all.map((p) => toView(p, ids.has(p.id))) });
  });

  router.put('/:procedureId', async (req, res) => {
    const user = requireStaff(req);
    const storeId = storeIdOf(req);
    assertAdministrator(user, storeId);
    const procedureId = pathId(req.params.procedureId);
    const { offered } = OfferBody.parse(req.body ?? {});
    res.json(toView(await offerProcedure(orm, user, storeId, procedureId, offered), offered));
  });

  return router;
}

registerOpenApiPaths((registry, problem) => {
  const params = z.object({ storeId: z.uuid(), procedureId: z.uuid() });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/procedures',
    summary: 'The procedures catalogue, with which ones the KEP offers online',
    request: { params: z.object({ storeId: z.uuid() }) },
    responses: { 200: { description: 'The catalogue', content: { 'application/json': { schema: z.object({ items: z.array(StoreProcedureView) }) } } }, 404: problem('No such KEP, or not one of yours') },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/stores/{storeId}/procedures/{procedureId}',
    summary: 'The store administrator offers a procedure at the KEP, or withdraws it',
    request: { params, body: { content: { 'application/json': { schema: OfferBody } } } },
    responses: {
      200: { description: 'Done', content: { 'application/json': { schema: StoreProcedureView } } },
      403: problem('Not the store administrator'),
      404: problem('No such KEP or procedure'),
    },
  });
});
