import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { Procedure } from '../db/procedure.entity.js';
import type { StaffUser } from '../auth/session-data.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { AppError, notFound } from '../http/app-error.js';
import { assertCatalogueEditor, canEditCatalogue, type CatalogueEditors } from './catalogue-editors.js';
import { createProcedure, toCatalogueView, updateProcedure } from './catalogue-write.js';
import { ifMatchVersion } from '../http/if-match.js';
import { CatalogueProcedureView, CreateProcedureBody, UpdateProcedureBody } from './catalogue.schema.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { pathId } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/**
 * `/procedures`: the central catalogue of procedures. Staff of any KEP read the active ones; the
 * editors the directorate named (`catalogueEditors`, each also a store administrator) read retired
 * ones too, add procedures, change them and retire them. Which KEP offers what is
 * `/stores/:storeId/procedures`.
 */
export function catalogueRoutes(orm: MikroORM, editors: CatalogueEditors): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const editor = readerKind(user, editors) === 'editor';
    const items = await orm.em.find(Procedure, editor ? {} : { active: true }, { orderBy: { name: 'asc' } });
    res.set('Cache-Control', 'no-store').json({ canEdit: editor, items: items.map(toCatalogueView) });
  });

  router.get('/:procedureId', async (req, res) => {
    const user = requireStaff(req);
    const editor = readerKind(user, editors) === 'editor';
    const procedure = await orm.em.findOne(Procedure, { id: pathId(req.params.procedureId), ...(editor ? {} : { active: true }) });
    if (!procedure) throw notFound('Η διαδικασία δεν βρέθηκε.');
    res.set('ETag', `"${procedure.version}"`).json(toCatalogueView(procedure));
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    assertCatalogueEditor(user, editors);
    const input = CreateProcedureBody.parse(req.body ?? {});
    const procedure = await createProcedure(orm, user, input);
    res.status(201).set('ETag', `"${procedure.version}"`).json(toCatalogueView(procedure));
  });

  router.patch('/:procedureId', async (req, res) => {
    const user = requireStaff(req);
    assertCatalogueEditor(user, editors);
    const id = pathId(req.params.procedureId);
    const input = UpdateProcedureBody.parse(req.body ?? {});
    const procedure = await updateProcedure(orm, user, id, input, ifMatchVersion(req));
    res.set('ETag', `"${procedure.version}"`).json(toCatalogueView(procedure));
  });

  return router;
}

/** Editors see the whole catalogue; anyone with a KEP, the active procedures; nobody else anything. */
function readerKind(user: StaffUser, editors: CatalogueEditors): 'editor' | 'staff' {
  if (canEditCatalogue(user, editors)) return 'editor';
  if (user.grants.length === 0) throw new AppError(403, 'no-kep', 'Δεν έχετε ρόλο σε κανένα ΚΕΠ.');
  return 'staff';
}

registerOpenApiPaths((registry, problem) => {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  // `procedureId`, not `id`: a procedure is the directorate's, not one KEP's object like those named `id`.
  const params = z.object({ procedureId: z.uuid() });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/procedures',
    summary: 'The procedures catalogue: the active procedures for staff; every one, retired too, for its editors (`canEdit`)',
    responses: { 200: json(z.object({ canEdit: z.boolean(), items: z.array(CatalogueProcedureView) }), 'The catalogue'), 401: problem('Not signed in'), 403: problem('No role in any KEP') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/procedures/{procedureId}',
    summary: 'One procedure; its ETag is its version',
    request: { params },
    responses: { 200: json(CatalogueProcedureView, 'The procedure'), 404: problem('No such procedure (or retired, for a reader who is not an editor)') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/procedures',
    summary: 'A catalogue editor adds a procedure (no KEP offers it until its administrator does)',
    request: { body: body(CreateProcedureBody) },
    responses: {
      201: json(CatalogueProcedureView, 'Added'),
      400: problem('Invalid fields; `errors` lists them (`alternativeText` is required when video cannot serve it)'),
      403: problem('Not a catalogue editor, or a missing CSRF token or foreign Origin'),
      409: problem('Another procedure has this code'),
    },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/procedures/{procedureId}',
    summary: 'A catalogue editor changes a procedure, or retires it (`active: false`; never deleted); send `If-Match: "<version>"` (or `version`)',
    request: { params, body: body(UpdateProcedureBody) },
    responses: {
      200: json(CatalogueProcedureView, 'Changed'),
      400: problem('Invalid fields; `errors` lists them'),
      403: problem('Not a catalogue editor'),
      404: problem('No such procedure'),
      409: problem('Another procedure has this code'),
      412: problem('Someone else changed it since the given version; nothing was overwritten'),
      428: problem('No version given'),
    },
  });
});
