import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { Store } from '../db/store.entity.js';
import { requireStaff } from '../auth/staff-session.middleware.js';

/** `GET /me`: who is signed in, their KEPs with their role there, and the CSRF token for writes. */
export function meRoutes(orm: MikroORM): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const roleByStore = new Map(user.grants.map((g) => [g.storeId, g.role]));
    const stores = await orm.em.find(Store, { id: { $in: [...roleByStore.keys()] } }, { orderBy: { name: 'asc' } });
    res.set('Cache-Control', 'no-store').json({
      user: { sub: user.sub, name: user.name, email: user.email },
      stores: stores.map((s) => ({ id: s.id, code: s.code, name: s.name, municipality: s.municipality, role: roleByStore.get(s.id) })),
      csrfToken: user.csrfToken,
    });
  });
  return router;
}
