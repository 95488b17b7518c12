import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { appointmentQueries } from '../db/appointment.queries.js';
import type { Clock } from '../domain/clock.js';
import { ATHENS, localDayRange, todayIn } from '../domain/local-time.js';
import { referenceFromTyped } from '../domain/booking-reference.js';
import { searchTerms } from '../domain/search-key.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { AppError, notFound } from '../http/app-error.js';
import { toAppointmentView, toAppointmentViews } from '../booking/appointment-view.js';
import { bookAppointment, type StaffWriteSettings } from './book-appointment.js';
import { readableStores } from '../http/caller-scope.js';
import { CreateAppointmentBody, ListQuery, type ListQueryInput } from '../schemas/appointment.schema.js';
import { z } from '../http/zod-openapi.js';

const StoreParams = z.object({ storeId: z.uuid() });

/** The longest range one list request may cover: a quarter. */
const MAX_RANGE_DAYS = 93;

/** `/stores/:storeId/appointments`: the list (a day, a range or a name search) and booking. */
export function appointmentRoutes(orm: MikroORM, afterChange: () => void, settings: StaffWriteSettings, now: Clock): Router {
  const router = Router({ mergeParams: true });

  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const { storeId } = parseStore(req.params);
    const query = ListQuery.parse(req.query);
    const { from, to, range } = dateRange(query, now());
    const callerStores = readableStores(user);
    if (!callerStores.includes(storeId)) throw notFound();
    const terms = query.q ? searchTerms(query.q) : [];
    const reference = query.q ? referenceFromTyped(query.q) : null;
    const { items, total, counts } = await appointmentQueries.list(
      orm.em,
      storeId,
      callerStores,
      { range, terms, reference, queueId: query.queueId, status: query.status, mode: query.mode, source: query.source, attention: query.attention === '1' },
      query,
    );
    res.json({ storeId, from, to, items: await toAppointmentViews(orm.em, items), total, page: query.page, pageSize: query.pageSize, counts });
  });

  router.post('/', async (req, res) => {
    const user = requireStaff(req);
    const { storeId } = parseStore(req.params);
    const input = CreateAppointmentBody.parse(req.body ?? {});
    const appointment = await bookAppointment(orm, user, storeId, input, settings);
    if (appointment.email) afterChange(); // only then was an outbox row written
    res.status(201).location(`${req.baseUrl.replace(/\/stores\/[^/]+\/appointments$/, '')}/appointments/${appointment.id}`);
    res.set('ETag', `"${appointment.version}"`).json(await toAppointmentView(orm.em, appointment));
  });

  return router;
}

/** A malformed store id is simply a store that is not there: 404, like another KEP's id. */
export function parseStore(params: unknown): { storeId: string } {
  const parsed = StoreParams.safeParse(params);
  if (!parsed.success) throw notFound();
  return parsed.data;
}

/**
 * The dates a list covers: one `date`, a `from`–`to` range, or — for a name search without dates —
 * every date. Without any of these it is today in Athens at `now`.
 */
function dateRange(q: ListQueryInput, now: Date): { from: string | null; to: string | null; range?: { start: Date; end: Date } } {
  if (q.q && !q.date && !q.from && !q.to) return { from: null, to: null };
  const from = q.date ?? q.from ?? q.to ?? todayIn(ATHENS, now);
  const to = q.date ?? q.to ?? from;
  const start = localDayRange(from)!.start;
  const end = localDayRange(to)!.end;
  if (end.getTime() - start.getTime() > (MAX_RANGE_DAYS + 1) * 86_400_000) {
    throw new AppError(400, 'validation', `Το διάστημα μπορεί να είναι έως ${MAX_RANGE_DAYS} ημέρες.`, {
      errors: [{ path: 'to', message: `Έως ${MAX_RANGE_DAYS} ημέρες.` }],
    });
  }
  return { from, to, range: { start, end } };
}
