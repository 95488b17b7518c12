/**
 * Availability for one KEP: 10 queues, 30 days, 10,000 existing appointments.
 *
 *   npm run bench:availability
 *
 * 1. The pure function `freeSlots` (plugin/domain/availability.ts), given all 10,000 appointments
 *    (the worst case: the endpoint only passes those inside the window).
 * 2. `GET /api/v1/stores/:storeId/availability` over real HTTP on PostgreSQL, the whole system as
 *    production runs it (`startTestSystem`), signed in as the demo store administrator; the
 *    appointments are in the database, the endpoint reads those of the window.
 *
 * The window 2027-03-15 … 2027-04-13 holds the spring DST change (28 March), a fixed holiday
 * (25 March) and a moving one (Clean Monday, 15 March); the server's clock is pinned the day before
 * it (NOW), as the engine's is. Each queue's day is 08:00–15:00, half
 * of them also 17:00–20:00, 15-minute slots; about half the window's slots are booked, the other
 * appointments lie in the months around it.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import pg from 'pg';
import { freeSlots, type QueueSchedule, type TakenInterval } from '../plugin/domain/availability.js';
import { greekHolidayDates } from '../plugin/domain/greek-holidays.js';
import { addDays, localDay } from '../plugin/domain/local-day.js';
import type { WeeklyHours } from '../plugin/domain/weekly-hours.js';

const FROM = '2027-03-15';
const TO = addDays(FROM, 29);
const QUEUES = 10;
const APPOINTMENTS = 10_000;
const RUNS = { warmup: 200, measured: 1000 };
const HTTP_RUNS = { warmup: 50, measured: 300 };
const REDIS_DB = 8;
const ZONE = 'Europe/Athens';
const NOW = new Date('2027-03-14T10:00:00Z');

function weeklyHours(i: number): WeeklyHours {
  const day: [string, string][] = i % 2 ? [['08:00', '15:00'], ['17:00', '20:00']] : [['08:00', '15:00']];
  return { '1': day, '2': day, '3': day, '4': day, '5': day };
}

/** 10,000 non-overlapping appointments: every other slot of the window, the rest in the months around it. */
function appointments(queueIds: string[]): TakenInterval[] {
  const out: TakenInterval[] = [];
  const queues: QueueSchedule[] = queueIds.map((id, i) => ({ id, weeklyHours: weeklyHours(i), slotMinutes: 15, active: true }));
  const window = freeSlots({ queues, exceptions: [], holidays: [], taken: [], now: new Date(0), from: FROM, to: TO });
  window.forEach((d) => d.slots.forEach((s, k) => k % 2 === 0 && out.push({ queueId: s.queueId, start: new Date(s.start), end: new Date(s.end) })));
  for (let day = addDays(FROM, -200); out.length < APPOINTMENTS; day = addDays(day, 1)) {
    if (day >= FROM && day <= TO) continue;
    const d = localDay(day, ZONE);
    for (let q = 0; q < queueIds.length && out.length < APPOINTMENTS; q++) {
      for (let m = 8 * 60; m < 15 * 60 && out.length < APPOINTMENTS; m += 30) {
        out.push({ queueId: queueIds[q]!, start: new Date(d.at(m)), end: new Date(d.at(m + 15)) });
      }
    }
  }
  return out;
}

interface Row {
  what: string;
  runs: number;
  slots: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  target: string;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function row(what: string, times: number[], slots: number, target: string): Row {
  const s = [...times].sort((a, b) => a - b);
  return { what, runs: s.length, slots, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.at(-1)!, target };
}

async function measure(runs: { warmup: number; measured: number }, fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < runs.warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs.measured; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return times;
}

function benchFunction(): Row {
  const ids = Array.from({ length: QUEUES }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
  const queues: QueueSchedule[] = ids.map((id, i) => ({ id, weeklyHours: weeklyHours(i), slotMinutes: 15, active: true }));
  const taken = appointments(ids);
  const exceptions = [{ queueId: ids[3]!, startDate: '2027-03-18', endDate: '2027-03-22', hours: null }];
  let slots = 0;
  const times: number[] = [];
  for (let i = 0; i < RUNS.warmup + RUNS.measured; i++) {
    const t = performance.now();
    // Holidays are computed per call, as the endpoint does.
    const days = freeSlots({ queues, exceptions, holidays: greekHolidayDates(FROM, TO), taken, now: NOW, from: FROM, to: TO, zone: ZONE });
    const ms = performance.now() - t;
    if (i >= RUNS.warmup) times.push(ms);
    slots = days.reduce((n, d) => n + d.slots.length, 0);
  }
  return row(`freeSlots() — ${QUEUES} queues, 30 days, ${taken.length} appointments`, times, slots, '< 5 ms');
}

async function benchHttp(): Promise<Row> {
  const { startTestSystem } = await import('../test/support/test-system.js');
  const { signInAs } = await import('../test/support/staff-client.js');
  const { Queue } = await import('../plugin/db/queue.entity.js');
  const system = await startTestSystem('availbench', { redisDb: REDIS_DB, clock: () => NOW });
  try {
    const admin = await signInAs(system.url, 'demo-admin-a');
    const storeId = admin.me.stores[0]!.id;
    const em = system.orm.em.fork();
    const first = await em.findOneOrFail(Queue, { store: storeId, isDefault: true });
    first.weeklyHours = weeklyHours(0);
    // Exactly 10 queues: any other demo queue (the video one) is switched off.
    for (const other of await em.find(Queue, { store: storeId, isDefault: false })) other.active = false;
    for (let i = 1; i < QUEUES; i++) em.create(Queue, { store: storeId, name: `Ουρά ${i}`, isDefault: false, mode: 'in_person', slotMinutes: 15, weeklyHours: weeklyHours(i), active: true, public: false });
    await em.flush();
    const ids = (await em.find(Queue, { store: storeId, active: true }, { orderBy: { isDefault: 'desc', name: 'asc' } })).map((q) => q.id);
    await insertAppointments(system.databaseUrl, storeId, appointments(ids));
    const url = `${system.url.replace('//localhost:', '//127.0.0.1:')}/api/v1/stores/${storeId}/availability?from=${FROM}&to=${TO}`;
    let slots = 0;
    const times = await measure(HTTP_RUNS, async () => {
      const res = await admin.browser.fetch(url);
      const body = await res.text();
      if (res.status !== 200) throw new Error(`${res.status}: ${body.slice(0, 300)}`);
      slots = (body.match(/"label"/g) ?? []).length;
    });
    return row(`GET /availability — same data in PostgreSQL, over HTTP`, times, slots, '< 20 ms');
  } finally {
    await system.close();
  }
}

async function insertAppointments(url: string, storeId: string, list: TakenInterval[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, created_by)
       select $1, q, s, e, 'Μαρία', 'Παπαδοπούλου', 'bench' from unnest($2::uuid[], $3::timestamptz[], $4::timestamptz[]) as t(q, s, e)`,
      [storeId, list.map((a) => a.queueId), list.map((a) => a.start), list.map((a) => a.end)],
    );
    await client.query('analyze appointment');
  } finally {
    await client.end();
  }
}

function table(rows: Row[]): string {
  const head = ['workload', 'runs', 'free slots', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'target (p95)'];
  const body = rows.map((r) => [r.what, String(r.runs), String(r.slots), ...[r.p50, r.p95, r.p99, r.max].map((v) => v.toFixed(2)), r.target]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

console.log(`machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
const rows = [benchFunction(), await benchHttp()];
console.log('');
console.log(table(rows));
// Other work on this 2-core machine shows up in the tails; the load average tells whether there was any.
console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
