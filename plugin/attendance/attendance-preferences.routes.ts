import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { StaffUser } from '../auth/session-data.js';
import { StaffPreference } from '../db/staff-preference.entity.js';
import { savePreferences } from './attendance-preferences.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';

/** The body of `PUT /me/preferences`. */
export const PreferencesBody = z
  .object({
    /** The KEPs whose day list the person wants by email each morning; an empty list stops them all. */
    dailyListStores: z.array(z.uuid('Μη έγκυρο ΚΕΠ.')).max(50, 'Έως 50 ΚΕΠ.'),
  })
  .strict()
  .openapi('StaffPreferences');

/** The preferences as the API shows them, with the address the day lists go to. */
export const PreferencesView = z
  .object({ dailyListStores: z.array(z.uuid()), email: z.string().nullable() })
  .openapi('StaffPreferencesView');

/**
 * `GET, PUT /me/preferences`: a staff member's email preferences. The morning day list is opt-in per
 * person and KEP, for the KEPs where they work (not a supervisor's read-only view of every KEP), and
 * goes to the address their sign-in gave. Each change is an audit event.
 */
export function preferencesRoutes(orm: MikroORM): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    res.set('Cache-Control', 'no-store').json(await view(orm, user));
  });

  router.put('/', async (req, res) => {
    const user = requireStaff(req);
    const { dailyListStores } = PreferencesBody.parse(req.body ?? {});
    await savePreferences(orm, user, dailyListStores);
    res.set('Cache-Control', 'no-store').json(await view(orm, user));
  });

  return router;
}

async function view(orm: MikroORM, user: StaffUser): Promise<z.infer<typeof PreferencesView>> {
  const rows = await orm.em.fork().find(StaffPreference, { sub: user.sub, dailyList: true }, { orderBy: { storeId: 'asc' } });
  return { dailyListStores: rows.map((r) => r.storeId), email: user.email };
}

registerOpenApiPaths((registry, problem) => {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/me/preferences',
    summary: 'The signed-in staff member’s email preferences: the KEPs whose day list they get each morning',
    responses: { 200: json(PreferencesView, 'The preferences'), 401: problem('Not signed in') },
  });
  registry.registerPath({
    method: 'put',
    path: '/api/v1/me/preferences',
    summary: 'Choose the KEPs (where you work) whose day list you get by email each morning; [] stops them',
    request: { body: { content: { 'application/json': { schema: PreferencesBody } } } },
    responses: {
      200: json(PreferencesView, 'Saved'),
      400: problem('Invalid body'),
      404: problem('A KEP that is not one where you work'),
      409: problem('Your account has no email address'),
    },
  });
});
