import type { MikroORM } from '@mikro-orm/core';
import express, { Router } from 'express';
import { requireCsrf } from '../auth/csrf.middleware.js';
import { appointmentByIdRoutes } from './appointment-by-id.routes.js';
import { appointmentRoutes } from './appointments.routes.js';
import { daySheetRoutes } from './day-sheet.routes.js';
import { unknownRoute } from './error-handler.js';
import { meRoutes } from './me.routes.js';
import { openApiDocument } from './openapi.js';

/** What the JSON API needs. */
export interface ApiDeps {
  orm: MikroORM;
  allowedOrigins: readonly string[];
  /** Called after a change commits, e.g. to relay its email at once. */
  afterChange: () => void;
}

/** `/api/v1`: JSON in, JSON or problem+json out. */
export function apiRoutes(deps: ApiDeps): Router {
  const api = Router();
  api.use(express.json({ limit: '32kb', strict: true }));
  api.use(requireCsrf(deps.allowedOrigins));
  api.get('/openapi.json', (_req, res) => void res.json(openApiDocument()));
  api.use('/me', meRoutes(deps.orm));
  api.use('/stores/:storeId/appointments', appointmentRoutes(deps.orm, deps.afterChange));
  api.use('/stores/:storeId/day-sheet', daySheetRoutes(deps.orm));
  api.use('/appointments', appointmentByIdRoutes(deps.orm, deps.afterChange));
  api.use(unknownRoute);
  return api;
}
