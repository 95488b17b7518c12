import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { Store } from '../db/store.entity.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { canEditCatalogue, type CatalogueEditors } from '../catalogue/catalogue-editors.js';

/**
 * `GET /me`: who is signed in, their KEPs with their role there (a supervisor: every KEP, `supervisor`
 * where they have no role of their own), whether they edit the procedures catalogue, and the CSRF
 * token for writes.
 */
export function meRoutes(orm: MikroORM, catalogueEditors: CatalogueEditors): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    // A supervisor's read-only view of every KEP never hides a role the person has in their own KEP.
    const roleByStore = new Map(user.grants.filter((g) => g.role === 'supervisor').map((g) => [g.storeId, g.role]));
    for (const g of user.grants) if (g.role !== 'supervisor') roleByStore.set(g.storeId, g.role);
    const stores = await orm.em.find(Store, { id: { $in: [...roleByStore.keys()] } }, { orderBy: { name: 'asc' } });
    res.set('Cache-Control', 'no-store').json({
      user: { sub: user.sub, name: user.name, email: user.email, supervisor: user.supervisor === true },
      stores: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, municipality: s.municipality, role: roleByStore.get(s.id) })),
      canEditCatalogue: canEditCatalogue(user, catalogueEditors),
      csrfToken: user.csrfToken,
    });
  });
  return router;
}
