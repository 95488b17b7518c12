import type { MikroORM } from '@mikro-orm/core';
import { stringify } from 'csv-stringify/sync';
import { Router } from 'express';
import { DateTime } from 'luxon';
import { appointmentQueries } from '../db/appointment.queries.js';
import { Store } from '../db/store.entity.js';
import { localDayRange } from '../domain/local-time.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { notFound } from '../http/app-error.js';
import { parseStore } from './appointments.routes.js';
import { readableStores } from '../http/caller-scope.js';
import { renderDaySheet, statusLabel } from './day-sheet-html.js';
import { z } from '../http/zod-openapi.js';

const DaySheetQuery = z.object({
  date: z.iso.date('Η ημερομηνία πρέπει να έχει τη μορφή ΕΕΕΕ-ΜΜ-ΗΗ.'),
  queueId: z.uuid('Μη έγκυρη ουρά.').optional(),
  format: z.enum(['html', 'csv'], 'Η μορφή είναι html ή csv.').default('html'),
});

/** The circular allows printing per day only: one day, one KEP (optionally one queue). */
const DAY_LIMIT = 1000;

/**
 * `/stores/:storeId/day-sheet?date=`: the print-ready day list, or the same day as CSV. Read from a
 * replica when there is one (DATABASE_REPLICA_URLS): a sheet printed a moment behind the primary is fine.
 */
export function daySheetRoutes(orm: MikroORM): Router {
  const router = Router({ mergeParams: true });
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const { storeId } = parseStore(req.params);
    const query = DaySheetQuery.parse(req.query);
    const callerStores = readableStores(user);
    const store = callerStores.includes(storeId) ? await orm.em.findOne(Store, storeId, { connectionType: 'read' }) : null;
    if (!store) throw notFound();
    const queue = query.queueId ? await appointmentQueries.queueFor(orm.em, storeId, callerStores, query.queueId, 'read') : null;
    if (query.queueId && !queue) throw notFound('Η ουρά δεν βρέθηκε σε αυτό το ΚΕΠ.');
    const range = localDayRange(query.date, store.timeZone)!;
    const { items } = await appointmentQueries.list(orm.em, storeId, callerStores, { range, queueId: query.queueId }, {
      sort: 'startsAt',
      page: 1,
      pageSize: DAY_LIMIT,
    }, 'read');
    res.set('Cache-Control', 'no-store');
    if (query.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`rantevou-${store.code}-${query.date}.csv`);
      res.send(toCsv(items, store.timeZone));
      return;
    }
    res.type('html').send(renderDaySheet(store, query.date, queue?.name ?? null, items));
  });
  return router;
}

function toCsv(items: Awaited<ReturnType<typeof appointmentQueries.list>>['items'], zone: string): string {
  const rows = items.map((a) => [
    DateTime.fromJSDate(a.startsAt, { zone }).toFormat('dd/MM/yyyy'),
    DateTime.fromJSDate(a.startsAt, { zone }).toFormat('HH:mm'),
    a.reference,
    a.lastName, a.firstName, a.phone ?? '', a.email ?? '', a.procedure ?? '', a.notes ?? '', a.queue.name, statusLabel(a.status),
  ].map(neutraliseFormula));
  // A BOM and ';' are what Excel with Greek regional settings opens correctly by double-click.
  return '\uFEFF' + stringify([['Ημερομηνία', 'Ώρα', 'Κωδικός', 'Επώνυμο', 'Όνομα', 'Τηλέφωνο', 'Email', 'Διαδικασία', 'Σημειώσεις', 'Ουρά', 'Κατάσταση'], ...rows], { delimiter: ';' });
}

/**
 * A cell starting with = + - @ would run as a formula in a spreadsheet: prefix it so it stays text.
 * A plain signed number (an E.164 phone) computes nothing and is left readable.
 */
function neutraliseFormula(cell: string): string {
  return /^[=@\t\r]/.test(cell) || (/^[+-]/.test(cell) && !/^[+-][\d ]+$/.test(cell)) ? `'${cell}` : cell;
}
