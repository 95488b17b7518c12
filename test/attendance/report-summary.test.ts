import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { expect } from 'chai';
import fc from 'fast-check';
import { migrationsList } from '../../migrations/index.js';
import { attendanceReport } from '../../plugin/reports/reports.routes.js';
import { openDatabase, type Orm } from '../../plugin/db/orm.js';
import { reportQueries, type ReportRange } from '../../plugin/db/report.queries.js';
import { greekHolidayDates } from '../../plugin/domain/greek-holidays.js';
import { addDays, localDay } from '../../plugin/domain/local-day.js';
import { ATHENS, localDayRange } from '../../plugin/domain/local-time.js';
import { buildReport, leadTimesOf, weeksBetween } from '../../plugin/domain/report.js';
import { offeredMinutes } from '../../plugin/domain/report-offered.js';
import { createTestDatabase } from '../support/test-database.js';
import { SPRING_FORWARD } from '../support/test-days.js';
import { leadHistogramsFromAppointments, sortedRows, weeksFromAppointments } from './support/report-oracle.js';

/**
 * The weekly summary behind the attendance report is exact: after any history of bookings, status
 * changes, moves (across weeks, queues and KEPs), cancellations, deletions, holds, bulk jobs and
 * rolled-back transactions, every report read through it equals the same report counted from the
 * appointments (the query the report ran before the summary existed), whatever the dates and the
 * clock. Six weeks around the spring change to summer time after the tests' pinned day (28 March
 * 2027), with times at local midnight, so a UTC week and an Athens week would differ.
 */
const FIRST_DAY = addDays(SPRING_FORWARD, -13); // a Monday
const DAYS = 42;
const MINUTES_OF_DAY = [0, 15, 30, 60, 180, 195, 480, 495, 510, 540, 555, 600, 720, 1020, 1380, 1425];
const STATUSES = ['booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff', 'held'] as const;
const SOURCES = ['phone', 'email', 'walk_in', 'online'] as const;

type Status = (typeof STATUSES)[number];
interface Slot {
  day: number;
  minute: number;
}
type Op =
  | { kind: 'insert'; rows: { queue: number; slot: Slot; seconds: number; status: Status; source: string; leadMinutes: number }[] }
  | { kind: 'status'; pick: number; status: Status }
  | { kind: 'move'; pick: number; queue: number; slot: Slot; seconds: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'endOfDay'; day: number }
  | { kind: 'redact'; day: number }
  | { kind: 'confirmHolds' }
  | { kind: 'lapseHolds' }
  | { kind: 'rolledBack'; pick: number; slot: Slot };

function instant(slot: Slot): Date {
  return new Date(localDay(addDays(FIRST_DAY, slot.day), ATHENS).at(slot.minute));
}

const slotArb = fc.record({ day: fc.integer({ min: 0, max: DAYS - 1 }), minute: fc.constantFrom(...MINUTES_OF_DAY) });
const secondsArb = fc.oneof(fc.constantFrom(900, 1200, 1800), fc.integer({ min: 60, max: 5400 }));
const statusArb = fc.constantFrom(...STATUSES);
const insertRowArb = fc.record({
  queue: fc.nat({ max: 2 }),
  slot: slotArb,
  seconds: secondsArb,
  status: statusArb,
  source: fc.constantFrom(...SOURCES),
  // Booked after the start (recorded late), the same day, weeks ahead, or more than a year ahead.
  leadMinutes: fc.oneof(fc.integer({ min: -3000, max: 1440 }), fc.integer({ min: 0, max: 60 * 24 * 45 }), fc.integer({ min: 0, max: 60 * 24 * 500 })),
});
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('insert' as const), rows: fc.array(insertRowArb, { minLength: 1, maxLength: 4 }) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('status' as const), pick: fc.nat(), status: statusArb }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('move' as const), pick: fc.nat(), queue: fc.nat({ max: 2 }), slot: slotArb, seconds: secondsArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('endOfDay' as const), day: fc.integer({ min: 0, max: DAYS }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('redact' as const), day: fc.integer({ min: 0, max: DAYS }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'confirmHolds' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'lapseHolds' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rolledBack' as const), pick: fc.nat(), slot: slotArb }) },
);
/** A report to check: its first day and length (days after the first), and its clock. */
interface Check {
  fromDay: number;
  days: number;
  now: Date;
}
/** Reports from before the six weeks to after them; clocks inside, at a week's start, before or after everything. */
const checkArb: fc.Arbitrary<Check> = fc.record({
  fromDay: fc.integer({ min: -9, max: DAYS + 2 }),
  days: fc.integer({ min: 0, max: DAYS + 12 }),
  now: fc.oneof(
    slotArb.map(instant),
    fc.integer({ min: 0, max: DAYS / 7 }).map((w) => instant({ day: w * 7, minute: 0 })),
    fc.constantFrom(instant({ day: -30, minute: 0 }), instant({ day: DAYS + 30, minute: 0 })),
  ),
});

function sql<T = Record<string, unknown>>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return (em as SqlEntityManager).execute<T[]>(query, params as never[]);
}

function isOverlap(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  return err.code === '23P01' || !!err.message?.includes('appointment_no_overlap');
}

/** The status columns that must agree with the status (a hold lapses; one made now lapses in ten minutes). */
function statusSet(status: Status): string {
  return `status = '${status}', held_until = ${status === 'held' ? `now() + interval '10 minutes'` : 'null'}`;
}

async function pickId(em: EntityManager, pick: number): Promise<string | undefined> {
  const ids = await sql<{ id: string }>(em, `select id from appointment order by id`);
  return ids.length === 0 ? undefined : ids[pick % ids.length]!.id;
}

async function apply(orm: Orm, queues: readonly { id: string; store_id: string }[], op: Op): Promise<void> {
  const em = orm.em.fork();
  try {
    switch (op.kind) {
      case 'insert': {
        const values: string[] = [];
        const params: unknown[] = [];
        for (const r of op.rows) {
          const q = queues[r.queue]!;
          const start = instant(r.slot);
          values.push(`(?, ?, ?, ?, 'Δοκιμή', 'Δοκιμαστική', ?, ?, ?, 'property', ?)`);
          params.push(q.store_id, q.id, start, new Date(start.getTime() + r.seconds * 1000), r.status, r.source,
            r.status === 'held' ? new Date(start.getTime() + 600_000) : null, new Date(start.getTime() - r.leadMinutes * 60_000));
        }
        await sql(em, `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, status, source, held_until, created_by, created_at)
                       values ${values.join(', ')}`, params);
        return;
      }
      case 'status': {
        const id = await pickId(em, op.pick);
        if (id) await sql(em, `update appointment set ${statusSet(op.status)} where id = ?`, [id]);
        return;
      }
      case 'move': {
        const id = await pickId(em, op.pick);
        const q = queues[op.queue]!;
        const start = instant(op.slot);
        if (id) await sql(em, `update appointment set store_id = ?, queue_id = ?, starts_at = ?, ends_at = ? where id = ?`, [q.store_id, q.id, start, new Date(start.getTime() + op.seconds * 1000), id]);
        return;
      }
      case 'delete': {
        const id = await pickId(em, op.pick);
        if (id) await sql(em, `delete from appointment where id = ?`, [id]);
        return;
      }
      case 'endOfDay':
        await sql(em, `update appointment set status = 'missed_by_staff' where status = 'booked' and starts_at < ?`, [instant({ day: op.day, minute: 0 })]);
        return;
      case 'redact':
        await sql(em, `update appointment set first_name = '—', last_name = '—', redacted_at = now(), version = version + 1 where starts_at < ? and status <> 'held'`, [instant({ day: op.day, minute: 0 })]);
        return;
      case 'confirmHolds':
        await sql(em, `update appointment set ${statusSet('booked')} where status = 'held'`);
        return;
      case 'lapseHolds':
        await sql(em, `delete from appointment where status = 'held'`);
        return;
      case 'rolledBack': {
        const id = await pickId(em, op.pick);
        if (!id) return;
        await em.transactional(async (tx) => {
          await sql(tx, `update appointment set ${statusSet('cancelled')} where id = ?`, [id]);
          await sql(tx, `update appointment set starts_at = ?, ends_at = ? where id = ?`, [instant(op.slot), new Date(instant(op.slot).getTime() + 900_000), id]);
          throw new Error('rolled back on purpose');
        }).catch((e: unknown) => {
          if (!(e instanceof Error && e.message === 'rolled back on purpose') && !isOverlap(e)) throw e;
        });
        return;
      }
    }
  } catch (e) {
    // Two live appointments of one queue cannot overlap; the statement is refused as a whole, and so is its change to the summary.
    if (!isOverlap(e)) throw e;
  }
}

/** Every figure of the report over `check`, read as the report reads it and counted from the appointments. */
async function expectSameReport(orm: Orm, storeIds: readonly string[], check: Check) {
  const from = addDays(FIRST_DAY, check.fromDay);
  const to = addDays(from, check.days);
  const range: ReportRange = { from, to, start: localDayRange(from, ATHENS)!.start, end: localDayRange(to, ATHENS)!.end };
  const mondays = weeksBetween(from, to);
  const label = `${from} – ${to}, now ${check.now.toISOString()}`;
  const byWeek = (r: { week: string }) => r.week;
  const byDays = (r: { days: number }) => r.days;
  const [weeks, expectedWeeks, leads, expectedLeads] = await Promise.all([
    reportQueries.weeks(orm.em.fork(), storeIds, range, mondays, check.now),
    weeksFromAppointments(orm.em.fork(), storeIds, range, mondays, check.now),
    reportQueries.leadHistograms(orm.em.fork(), storeIds, range),
    leadHistogramsFromAppointments(orm.em.fork(), storeIds, range),
  ]);
  expect(sortedRows(weeks, byWeek), label).to.deep.equal(sortedRows(expectedWeeks, byWeek));
  expect(sortedRows(leads, byDays), label).to.deep.equal(sortedRows(expectedLeads, byDays));
  return { from, to, range, expectedWeeks, expectedLeads };
}

async function openBackend(backend: 'PostgreSQL' | 'PGlite', migrate: boolean): Promise<{ orm: Orm; close(): Promise<void> }> {
  if (backend === 'PostgreSQL') {
    const db = await createTestDatabase('report_summary');
    const orm = await openDatabase({ url: db.url }, { migrate });
    return { orm, close: async () => { await orm.close(true); await db.drop(); } };
  }
  const dir = await mkdtemp(join(tmpdir(), 'rantevou-report-summary-'));
  const orm = await openDatabase({ embeddedDir: dir }, { migrate });
  return { orm, close: async () => { await orm.close(true); await rm(dir, { recursive: true, force: true }); } };
}

const SUMMARY_MIGRATION = 'Migration20261126010000_report_summary';

for (const backend of ['PostgreSQL', 'PGlite'] as const) {
  describe(`the weekly report summary on ${backend}, against counting the appointments`, function () {
    this.timeout(120_000);
    let orm: Orm;
    let close: () => Promise<void>;
    let queues: { id: string; store_id: string }[];
    let storeIds: string[];

    before(async () => {
      // Up to the migration before the summary's, so its fill can be checked on appointments already there.
      ({ orm, close } = await openBackend(backend, false));
      const before = migrationsList[migrationsList.findIndex((m) => m.name === SUMMARY_MIGRATION) - 1]!;
      await orm.migrator.up({ to: before.name });
      const em = orm.em.fork();
      await sql(em, `insert into store (code, name, municipality, address) values ('KEP-A', 'Α', 'Α', 'Α'), ('KEP-B', 'Β', 'Β', 'Β')`);
      await sql(em, `insert into queue (store_id, name, is_default) select id, 'Κύρια', true from store`);
      await sql(em, `insert into queue (store_id, name) select id, 'Δεύτερη' from store where code = 'KEP-A'`);
      queues = await sql(em, `select q.id, q.store_id from queue q join store s on s.id = q.store_id order by s.code, q.is_default desc`);
      storeIds = [...new Set(queues.map((q) => q.store_id))];
    });
    after(async () => {
      await close?.();
    });

    it('is filled from the appointments already there when its migration runs', async () => {
      const history = fc.sample(fc.array(opArb, { minLength: 60, maxLength: 60 }), { numRuns: 1, seed: 8 })[0]!;
      for (const op of history) await apply(orm, queues, op);
      await orm.migrator.up();
      const [{ n }] = await sql<{ n: string | number }>(orm.em.fork(), `select count(*) as n from report_week`);
      expect(Number(n), 'the summary has rows').to.be.greaterThan(0);
      await expectSameReport(orm, storeIds, { fromDay: 0, days: DAYS - 1, now: instant({ day: 20, minute: 600 }) });
      await expectSameReport(orm, storeIds, { fromDay: 3, days: 30, now: instant({ day: DAYS + 30, minute: 0 }) });
    });

    it('stays equal to the count after any mix of changes, for any dates and clock', async () => {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(opArb, { minLength: 10, maxLength: backend === 'PGlite' ? 40 : 80 }),
          fc.array(checkArb, { minLength: 3, maxLength: 6 }),
          async (history, checks) => {
            // Each history starts empty: by TRUNCATE (its trigger empties the summary) or by DELETE.
            await sql(orm.em.fork(), run++ % 2 === 0 ? `truncate appointment cascade` : `delete from appointment`);
            for (const op of history) await apply(orm, queues, op);
            for (const check of [{ fromDay: 0, days: DAYS - 1, now: instant({ day: -30, minute: 0 }) }, ...checks]) {
              await expectSameReport(orm, storeIds, check);
            }
          },
        ),
        { numRuns: backend === 'PGlite' ? 6 : 25 },
      );
    });

    it('gives the whole report equal to one counted from the appointments', async () => {
      await sql(orm.em.fork(), `delete from appointment`);
      const history = fc.sample(fc.array(opArb, { minLength: 80, maxLength: 80 }), { numRuns: 1, seed: 80 })[0]!;
      for (const op of history) await apply(orm, queues, op);
      const now = instant({ day: 17, minute: 555 });
      const { from, to, range, expectedWeeks, expectedLeads } = await expectSameReport(orm, storeIds, { fromDay: 2, days: 33, now });
      const [stores, schedules] = await Promise.all([reportQueries.stores(orm.em.fork(), storeIds), reportQueries.schedules(orm.em.fork(), storeIds, range)]);
      const offered = offeredMinutes(schedules, greekHolidayDates(from, to), from, to, ATHENS);
      const expected = buildReport({ from, to, stores, rows: expectedWeeks, leadTimes: leadTimesOf(expectedLeads), offered });
      expect(await attendanceReport(orm, storeIds, from, to, now)).to.deep.equal(expected);
      expect(expected.totals.booked, 'there were appointments to count').to.be.greaterThan(0);
    });
  });
}
