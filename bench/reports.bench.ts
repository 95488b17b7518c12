/**
 * The attendance report (issue 8) on a large database: a year of 1,000,000 appointments in 1,000 KEPs,
 * read through the HTTP API by the central supervisor (every KEP side by side) and by an operator
 * (one KEP), as JSON and as CSV. The year from a Monday reads whole weeks from the weekly summary;
 * a year from a Thursday to a Wednesday also counts the days of the weeks its ends cut (and of the
 * week of the clock, when it lies inside) from the appointments themselves.
 *
 *   npm run bench:reports
 *
 * Prints one table: workload, requests, p50/p95/p99 in ms, answer size.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { attendanceReport } from '../plugin/reports/reports.routes.js';
import { addDays } from '../plugin/domain/local-day.js';
import { signInAs } from '../test/support/staff-client.js';
import { startAttendanceSystem } from '../test/attendance/support/attendance-system.js';
import { seedStoresAndQueues } from './seed-appointments.js';

const STORES = Number(process.env.BENCH_STORES ?? 1000);
const PER_STORE = Number(process.env.BENCH_PER_STORE ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 30);
/** A Monday; the report covers the 365 days from it (the last year before this bench was written). */
const FROM = '2025-11-24';
const TO = addDays(FROM, 364);
/** A year from a Thursday to a Wednesday: both ends cut a week (and in November 2026 so did the clock). */
const MID_WEEK = `from=${addDays(FROM, 3)}&to=${addDays(TO, 2)}`;

/**
 * One INSERT … SELECT generate_series (its trigger fills the weekly summary in the same statement):
 * `perStore` appointments per KEP, spread over the 365 days
 * (up to three a day per queue, 15 minutes apart, so nothing overlaps), with every outcome; each KEP
 * misses a different share, so "worst first" has something to sort. Lead times 0–29 days.
 */
async function seed(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await seedStoresAndQueues(client, STORES);
    await client.query(
      `insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, search_key, status, source, created_by, created_at)
       select q.store_id, q.id, t.starts_at, t.starts_at + interval '15 minutes', 'Δοκιμή', 'Δοκιμαστική', '',
              case when (n * 13 + q.rn) % 100 < 1 + q.rn % 12 then 'missed_by_staff'
                   else (array['served','served','served','served','served','served','no_show','cancelled','arrived','served'])[1 + (n * 7 + q.rn) % 10] end,
              (array['phone','phone','email','walk_in','online'])[1 + (n + q.rn) % 5],
              'bench', t.starts_at - ((n + q.rn) % 30) * interval '1 day' - ((n * 5) % 24) * interval '1 hour'
         from (select id, store_id, row_number() over (order by store_id)::int as rn from queue where is_default) q
        cross join generate_series(0, $1::int - 1) n
        cross join lateral (select (($2::date + (n % 365))::timestamp + time '08:00' + (n / 365) * interval '15 minutes') at time zone 'Europe/Athens' as starts_at) t`,
      [PER_STORE, FROM],
    );
    await client.query('analyze appointment');
    return Number((await client.query('select count(*) from appointment')).rows[0].count);
  } finally {
    await client.end();
  }
}

const system = await startAttendanceSystem('bench_reports', { redisDb: 22 });
try {
  const seedStart = performance.now();
  const total = await seed(system.databaseUrl);
  console.log(`seeded ${total.toLocaleString('en')} appointments in ${STORES} KEPs in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const supervisor = await signInAs(system.url, 'demo-supervisor');
  const operator = await signInAs(system.url, 'demo-operator-a');
  const period = `from=${FROM}&to=${TO}`;

  const workloads: [string, typeof supervisor, string][] = [
    ['supervisor: all KEPs, one year, JSON', supervisor, `/api/v1/reports?${period}`],
    ['supervisor: all KEPs, one year, CSV', supervisor, `/api/v1/reports?${period}&format=csv`],
    ['supervisor: all KEPs, year cut mid-week, JSON', supervisor, `/api/v1/reports?${MID_WEEK}`],
    ['operator: own KEP, one year, JSON', operator, `/api/v1/reports?${period}`],
  ];
  const rows: string[][] = [];
  for (const [label, client, path] of workloads) {
    for (let i = 0; i < 3; i++) await (await client.get(path)).arrayBuffer(); // warm-up
    const latencies: number[] = [];
    let bytes = 0;
    let kepCount = '';
    for (let i = 0; i < REQUESTS; i++) {
      const t = performance.now();
      const res = await client.get(path);
      const body = Buffer.from(await res.arrayBuffer());
      latencies.push(performance.now() - t);
      if (res.status !== 200) throw new Error(`${res.status} ${body.toString()}`);
      bytes = body.length;
      if (!path.includes('csv')) kepCount = String(JSON.parse(body.toString()).stores.length);
    }
    latencies.sort((a, b) => a - b);
    const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.ceil(p * latencies.length) - 1)]!.toFixed(0);
    rows.push([label, String(REQUESTS), q(0.5), q(0.95), q(0.99), `${(bytes / 1024).toFixed(0)} KiB`, kepCount || String(STORES)]);
  }

  // Where the time goes: the report without HTTP, JSON and session (the three queries and the arithmetic).
  const all = (await system.orm.em.fork().getConnection().execute('select id from store')).map((r: { id: string }) => r.id);
  const inner: number[] = [];
  for (let i = 0; i < 10; i++) {
    const t = performance.now();
    await attendanceReport(system.orm, all, FROM, TO, new Date());
    inner.push(performance.now() - t);
  }
  inner.sort((a, b) => a - b);
  rows.push(['(in process, no HTTP) all KEPs', '10', inner[4]!.toFixed(0), inner[9]!.toFixed(0), inner[9]!.toFixed(0), '—', String(all.length)]);

  const header = ['workload', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'answer', 'KEPs'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  // Other sessions share the 2 cores: the load average says how quiet the run was.
  console.log(`\n${STORES} KEPs, ${total.toLocaleString('en')} appointments, ${FROM} – ${TO}, PostgreSQL, 2 cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
} finally {
  await system.close();
}
