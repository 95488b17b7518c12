import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { reportQueries, type ReportRange } from '../db/report.queries.js';
import { unmetDemandQueries } from '../db/unmet-demand.queries.js';
import { greekHolidayDates } from '../domain/greek-holidays.js';
import { addDays, daysBetween } from '../domain/local-day.js';
import { ATHENS, localDayRange, todayIn } from '../domain/local-time.js';
import { buildReport, leadTimesOf, weeksBetween, type Report } from '../domain/report.js';
import { offeredMinutes } from '../domain/report-offered.js';
import { AppError, notFound } from '../http/app-error.js';
import { readableStores } from '../http/caller-scope.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { reportCsv } from './reports-csv.js';
import { reportHtml } from './reports-html.js';
import { MAX_REPORT_DAYS, ReportQuery, ReportView } from './reports.schema.js';
import { z } from '../http/zod-openapi.js';

const Uuid = z.uuid();

/**
 * `GET /reports?from=&to=&storeId=&format=`: the attendance report of circular 000, per KEP and
 * period, worst first: booked, served, did not come, missed by staff, cancelled, unrecorded, lead
 * time, use of the hours offered, and a weekly series per KEP. Staff read their own KEPs; the
 * central supervisor every KEP. An explicit `storeId` of another KEP answers 404. Read-only: there
 * is nothing to change here. Default period: the four weeks up to today.
 */
export function reportRoutes(orm: MikroORM, now: () => Date): Router {
  const router = Router();
  router.get('/', async (req, res) => {
    const user = requireStaff(req);
    const q = ReportQuery.parse(req.query);
    const readable = readableStores(user);
    let storeIds = readable;
    if (q.storeId !== undefined) {
      const id = Uuid.safeParse(q.storeId);
      if (!id.success || !readable.includes(id.data)) throw notFound('Το ΚΕΠ δεν βρέθηκε.');
      storeIds = [id.data];
    }
    const at = now();
    const to = q.to ?? (q.from ? addDays(q.from, 27) : todayIn(ATHENS, at));
    const from = q.from ?? addDays(to, -27);
    if (daysBetween(from, to) >= MAX_REPORT_DAYS) {
      const message = `Η αναφορά καλύπτει έως ${MAX_REPORT_DAYS} ημέρες.`;
      throw new AppError(400, 'validation', message, { errors: [{ path: 'to', message }] });
    }
    const report = await attendanceReport(orm, storeIds, from, to, at);
    res.set('Cache-Control', 'no-store');
    const file = `rantevou-anafora-${from}-${to}`;
    if (q.format === 'csv') {
      res.type('text/csv; charset=utf-8').attachment(`${file}.csv`).send(reportCsv(report));
    } else if (q.format === 'html') {
      res.type('html').send(reportHtml(report, at));
    } else {
      res.json({ ...report, generatedAt: at.toISOString() });
    }
  });
  return router;
}

/**
 * The report of the given KEPs (already limited to the caller's) over local days [from, to]: the
 * aggregate queries side by side (each on its own connection when there is a pool), then pure
 * arithmetic.
 */
export async function attendanceReport(orm: MikroORM, storeIds: readonly string[], from: string, to: string, now: Date): Promise<Report> {
  if (storeIds.length === 0) return buildReport({ from, to, stores: [], rows: [], leadTimes: [], offered: new Map() });
  const range: ReportRange = { from, to, start: localDayRange(from, ATHENS)!.start, end: localDayRange(to, ATHENS)!.end };
  const weeks = weeksBetween(from, to);
  const [stores, rows, histograms, schedules, waiting, unmet] = await Promise.all([
    reportQueries.stores(orm.em.fork(), storeIds),
    reportQueries.weeks(orm.em.fork(), storeIds, range, weeks, now),
    reportQueries.leadHistograms(orm.em.fork(), storeIds, range),
    reportQueries.schedules(orm.em.fork(), storeIds, range),
    reportQueries.waiting(orm.em.fork(), storeIds, range, localDayRange(todayIn(ATHENS, now), ATHENS)!.start),
    // Unmet demand is counted by ISO week: the weeks that touch the period, whole.
    unmetDemandQueries.rows(orm.em.fork(), storeIds, weeks),
  ]);
  const offered = offeredMinutes(schedules, greekHolidayDates(from, to), from, to, ATHENS);
  return buildReport({ from, to, stores, rows, leadTimes: leadTimesOf(histograms), offered, waiting, unmet });
}

registerOpenApiPaths((registry, problem) => {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/reports',
    summary:
      'Attendance report per KEP and period (default: the last 4 weeks; at most 366 days), worst first by missed-by-staff rate, with a weekly series per KEP; `format=csv` or `format=html` (printable)',
    request: { query: ReportQuery },
    responses: {
      200: { description: 'The report (JSON), or text/csv, or text/html', content: { 'application/json': { schema: ReportView } } },
      400: problem('Invalid period'),
      401: problem('Not signed in'),
      404: problem('A storeId that is not one of your KEPs'),
    },
  });
});
