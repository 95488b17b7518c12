import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit, sameSnapshot } from '../db/record-audit.js';
import { StaffPreference } from '../db/staff-preference.entity.js';
import { AppError, notFound } from '../http/app-error.js';
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
    const wanted = [...new Set(dailyListStores)];
    const own = new Set(user.grants.filter((g) => g.role !== 'supervisor').map((g) => g.storeId));
    // Another KEP's id reveals nothing: 404, as everywhere.
    if (wanted.some((id) => !own.has(id))) throw notFound('Το ΚΕΠ δεν βρέθηκε στα ΚΕΠ όπου εργάζεστε.');
    if (wanted.length > 0 && !user.email) {
      const message = 'Ο λογαριασμός σας δεν έχει διεύθυνση email· ζητήστε να προστεθεί στον πάροχο ταυτότητας.';
      throw new AppError(409, 'no-email', message);
    }
    await orm.em.transactional(async (em) => {
      const rows = await em.find(StaffPreference, { sub: user.sub });
      const before = rows.filter((r) => r.dailyList).map((r) => r.storeId).sort();
      for (const row of rows) if (!wanted.includes(row.storeId)) em.remove(row);
      for (const storeId of wanted) {
        const row = rows.find((r) => r.storeId === storeId);
        if (row) {
          row.email = user.email!;
          row.dailyList = true;
        } else em.create(StaffPreference, { sub: user.sub, storeId, email: user.email!, dailyList: true });
      }
      // The same choice again (the address kept up to date aside) is no change and leaves no audit event.
      if (!sameSnapshot(before, [...wanted].sort())) {
        recordAudit(em, {
          actor: user.sub,
          action: 'staff.preferences',
          entityType: 'staff',
          entityId: user.sub.slice(0, 64),
          before: { dailyListStores: before },
          after: { dailyListStores: [...wanted].sort() },
        });
      }
      await em.flush();
    });
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
