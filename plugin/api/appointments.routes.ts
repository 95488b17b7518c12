import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { appointmentQueries } from '../db/appointment.queries.js';
import { localDayRange, todayIn } from '../domain/local-time.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { notFound } from './app-error.js';
import { toAppointmentView } from './appointment-view.js';
import { bookAppointment } from './book-appointment.js';
import { CreateAppointmentBody, DayQuery } from './schemas/appointment.schema.js';
import { z } from './zod-openapi.js';

const StoreParams = z.object({ storeId: z.uuid() });

/** `/stores/:storeId/appointments`: the day list and booking, for the staff of that KEP only. */
export function appointmentRoutes(orm: MikroORM, afterChange: () => void): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const { storeId } = parseStore(req.params);
    const { date = todayIn() } = DayQuery.parse(req.query);
    const range = localDayRange(date)!;
    const items = await appointmentQueries.day(orm.em, storeId, user.grants.map((g) => g.storeId), range);
    if (items.length === 0 && !user.grants.some((g) => g.storeId === storeId)) throw notFound();
    res.json({ storeId, date, items: items.map(toAppointmentView) });
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const { storeId } = parseStore(req.params);
    const input = CreateAppointmentBody.parse(req.body ?? {});
    const appointment = await bookAppointment(orm, user, storeId, input);
    afterChange();
    res.status(201).location(`${req.baseUrl}/${appointment.id}`).json(toAppointmentView(appointment));
  });

  return router;
}

/** A malformed store id is simply a store that is not there: 404, like another KEP's id. */
function parseStore(params: unknown): { storeId: string } {
  const parsed = StoreParams.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}
