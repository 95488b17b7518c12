/**
 * The staff screen on a large database: a KEP's day list and a name search through the HTTP API,
 * with 1,000,000 appointments across 1,000 KEPs in PostgreSQL.
 *
 *   npm run bench:lists
 *
 * Prints one table: workload, clients, requests, p50/p95/p99 in ms, rows per answer.
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { searchKey } from '../plugin/domain/search-key.js';
import { signInAs } from '../test/support/staff-client.js';
import { startTestSystem } from '../test/support/test-system.js';
import { SEED_FIRST_DAY, SEED_LAST_NAMES, seedAppointments } from './seed-appointments.js';

const STORES = Number(process.env.BENCH_STORES ?? 1000);
const PER_STORE = Number(process.env.BENCH_PER_STORE ?? 1000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 400);

const system = await startTestSystem('bench_lists', { redisDb: 15 });
try {
  const seedStart = performance.now();
  const total = await seedAppointments(system.databaseUrl, { stores: STORES, perStore: PER_STORE });
  console.log(`seeded ${total.toLocaleString('en')} appointments in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);
  const staff = await signInAs(system.url, 'demo-operator-a');
  const storeId = staff.me.stores[0]!.id;
  const days = Math.ceil(PER_STORE / 28);
  const randomDay = () => DateTime.fromISO(SEED_FIRST_DAY).plus({ days: Math.floor(Math.random() * days) }).toISODate()!;
  const randomName = () => searchKey(SEED_LAST_NAMES[Math.floor(Math.random() * SEED_LAST_NAMES.length)]!).slice(0, 5);

  const workloads: [string, () => string][] = [
    ["a KEP's day list (?date=)", () => `/api/v1/stores/${storeId}/appointments?date=${randomDay()}`],
    ['name search, all dates (?q=, Latin prefix)', () => `/api/v1/stores/${storeId}/appointments?q=${randomName()}`],
  ];
  const rows: string[][] = [];
  for (const [label, path] of workloads) {
    for (const clients of [1, 8]) {
      for (let i = 0; i < 30; i++) await (await staff.get(path())).arrayBuffer(); // warm-up
      const latencies: number[] = [];
      let items = 0;
      let next = 0;
      const client = async () => {
        while (next++ < REQUESTS) {
          const t = performance.now();
          const res = await staff.get(path());
          const body = await res.json();
          latencies.push(performance.now() - t);
          if (res.status !== 200) throw new Error(`${res.status} ${JSON.stringify(body)}`);
          items += body.items.length;
        }
      };
      await Promise.all(Array.from({ length: clients }, client));
      latencies.sort((a, b) => a - b);
      const q = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))]!.toFixed(1);
      rows.push([label, String(clients), String(latencies.length), q(0.5), q(0.95), q(0.99), (items / latencies.length).toFixed(0)]);
    }
  }
  const header = ['workload', 'clients', 'requests', 'p50 ms', 'p95 ms', 'p99 ms', 'rows/answer'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  console.log(`\n${STORES} KEPs, ${total.toLocaleString('en')} appointments, PostgreSQL 15, 2 cores`);
  console.log([line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n'));
} finally {
  await system.close();
}
