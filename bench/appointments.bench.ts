/**
 * Appointment creation through the HTTP API on PostgreSQL, at 1, 8 and 32 concurrent clients, then
 * the host as production runs it with `WEB_CONCURRENCY=2` HTTP processes at 8 and 32 clients, with
 * `pgbench` on a database of its own as a reference for what this PostgreSQL does on this machine.
 *
 *   npm run bench
 *   BENCH_PARTS=cluster npm run bench             # only some parts: in-process, cluster, pgbench
 *   BENCH_CPU_PROFILE=/tmp/booking.cpuprofile npm run bench   # profiles the server at 8 clients
 *   BENCH_REQUESTS=200 npm run bench              # a short trial: at most 200 requests per level
 *   BENCH_PARTS=spread npm run bench              # only the bookings spread over 16 queues
 *
 * In-process: the main thread runs the whole system (`startTestSystem`); the clients run in a worker
 * thread, so their own JSON and HTTP work does not share the server's event loop. Cluster: the host
 * runs as `npm start` runs it (a child process, node:cluster, `bench/support/cluster-host.ts`) and
 * the same clients run in this process. Every client is its own staff session (a real OIDC sign-in
 * each), and every request books a free slot of its own (listed beforehand by the availability API,
 * from tomorrow on by the machine's clock), so every request should succeed (201).
 *
 * Spread: every booking above goes to one queue of one KEP, which the core serialises by design (the
 * queue's lock). A KEP's real load is spread over its counters, and the country's over a thousand
 * KEPs: the `spread` rows book round-robin over {@link SPREAD_QUEUES} queues of the KEP (the KEP's
 * administrator adds them first, with the default queue's hours), in process, at 8 and 32 clients.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DateTime } from 'luxon';
import type { StaffClient } from '../test/support/staff-client.js';
import type { ClusterHost } from './support/cluster-host.js';
import { startCpuProfile } from './support/cpu-profile.js';
import { coresBusy, readTicks } from './support/cpu-ticks.js';
import { runPgbench, serverVersion, tpcbTps, type PgbenchResult } from './support/pgbench.js';
import { COUNT_FILE_INTERVAL_MS, countSqlStatements } from './support/sql-count.js';
import { loadAverage, machineLine, percentile } from './support/stats.js';
import { sampleWaitEvents } from './support/wait-events.js';
import { freeSlotTimes, queueIds } from './support/free-slots.js';

const LEVELS = [1, 8, 32];
const CLUSTER = { processes: 2, levels: [8, 32] };
/** `BENCH_REQUESTS=200` for a short trial run. */
const MAX_REQUESTS_PER_LEVEL = Number(process.env.BENCH_REQUESTS ?? 2000);
const MAX_SECONDS_PER_LEVEL = 10;
/** The cluster's warm-up is longer: each of its processes compiles its own hot paths. */
const WARMUP = { concurrency: 8, requests: 300, clusterRequests: 600, seconds: 5 };
const TARGET_RATIO = 0.3;
const ZONE = 'Europe/Athens';
const ACCOUNT = 'demo-operator-a';
/** A Redis database number no test file uses; nothing reaches it anyway (no email, no jobs). */
const REDIS_DB = 7;
const PARTS = new Set((process.env.BENCH_PARTS ?? 'in-process,spread,cluster,pgbench').split(','));
/** Queues of the `spread` rows, and their levels. */
const SPREAD_QUEUES = 16;
const SPREAD_LEVELS = [8, 32];
const ADMIN = 'demo-admin-a';

interface LevelResult {
  label: string;
  concurrency: number;
  requests: number;
  seconds: number;
  latenciesMs: number[];
  errors: number;
  errorSamples: string[];
}

interface Row {
  workload: string;
  concurrency: number;
  requests: number;
  perSecond: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  errors: number;
}

type WorkerInput = {
  signInUrl: string;
  loadUrl: string;
  levels: number[];
  warmupRequests: number;
  /** The first day to book on (tomorrow in Athens by the machine's clock). */
  firstDay: string;
  /** After the levels: the same levels again booking over this many queues of the KEP (0: none). */
  spread: { queues: number; levels: number[] };
};
type WorkerMessage =
  | { kind: 'progress'; text: string }
  | { kind: 'level-start'; label: string; concurrency: number }
  | { kind: 'level-end'; label: string; concurrency: number; requests: number }
  | { kind: 'done'; results: LevelResult[] }
  | { kind: 'failed'; error: string };

/** Where a level's time went: sampled by the main thread when a level starts and ends. */
interface Probe {
  mark(label: string, concurrency: number): Promise<void>;
  report(label: string, concurrency: number, requests: number): Promise<string>;
}

// ---------------------------------------------------------------------------------------------
// Main thread: the systems under test, pgbench, the table.

async function main(): Promise<void> {
  const started = performance.now();
  console.log(machineLine(await serverVersion()));
  const firstDay = DateTime.now().setZone(ZONE).plus({ days: 1 }).toISODate()!;
  const rows: Row[] = [];
  const notes: string[] = [];

  if (PARTS.has('in-process') || PARTS.has('spread')) {
    const statements = countSqlStatements();
    const { startTestSystem } = await import('../test/support/test-system.js');
    const system = await startTestSystem('bench', { redisDb: REDIS_DB });
    try {
      console.log(`in-process host, load average ${loadAverage()}`);
      const loadUrl = system.url.replace('//localhost:', '//127.0.0.1:');
      const spread = { queues: PARTS.has('spread') ? SPREAD_QUEUES : 0, levels: SPREAD_LEVELS };
      const input = { signInUrl: system.url, loadUrl, levels: PARTS.has('in-process') ? LEVELS : [], warmupRequests: WARMUP.requests, firstDay, spread };
      const datname = new URL(system.databaseUrl).pathname.slice(1);
      const results = await inWorker(input, inProcessProbe(statements, notes, datname), notes);
      for (const r of results.filter((r) => r.label === 'measured')) rows.push(toRow('POST appointment', r));
      for (const r of results.filter((r) => r.label === 'spread')) rows.push(toRow(`POST appointment, ${SPREAD_QUEUES} queues`, r));
    } finally {
      await system.close();
    }
  }

  if (PARTS.has('cluster')) {
    const { startClusterHost } = await import('./support/cluster-host.js');
    const host = await startClusterHost({ processes: CLUSTER.processes, redisDb: REDIS_DB, label: 'bench_cluster' });
    try {
      console.log(`host with WEB_CONCURRENCY=${CLUSTER.processes} (primary pid ${host.pid}), load average ${loadAverage()}`);
      const loadUrl = host.url.replace('//localhost:', '//127.0.0.1:');
      const input = { signInUrl: host.url, loadUrl, levels: CLUSTER.levels, warmupRequests: WARMUP.clusterRequests, firstDay, spread: { queues: 0, levels: [] } };
      const results = await inWorker(input, clusterProbe(host), notes);
      for (const r of results.filter((r) => r.label !== 'warm-up')) rows.push(toRow(`POST appointment, WEB_CONCURRENCY=${CLUSTER.processes}`, r));
    } finally {
      await host.close();
    }
  }

  const pgbench = PARTS.has('pgbench') ? await runPgbench() : [];
  rows.push(...pgbench.map(pgbenchRow));
  notes.push(...pgbench.map((r) => `${r.workload}: tps ${r.tps.toFixed(0)}, latency average ${r.averageMs.toFixed(3)} ms (pgbench's own figures; percentiles from its -l log)`));

  console.log('');
  console.log(formatTable(rows));
  console.log('');
  for (const n of notes) console.log(n);
  for (const n of ratios(rows, pgbench)) console.log(n);
  console.log(`load average ${loadAverage()} at the end; total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * In-process: the server's event loop (this thread) and its CPU apart from the clients' worker thread,
 * its SQL statements (counted in `pg`), and with `BENCH_CPU_PROFILE` a profile of this thread at 8 clients.
 */
function inProcessProbe(statements: () => number, notes: string[], datname: string): Probe {
  const snapshot = () => ({
    elu: performance.eventLoopUtilization(),
    cpu: process.cpuUsage(),
    thread: process.threadCpuUsage(),
    ticks: readTicks(),
    sql: statements(),
    at: performance.now(),
  });
  let mark = snapshot();
  let profile: Awaited<ReturnType<typeof startCpuProfile>> | null = null;
  let waits: Awaited<ReturnType<typeof sampleWaitEvents>> | null = null;
  const profiled = (label: string, concurrency: number) => process.env.BENCH_CPU_PROFILE && label === 'measured' && concurrency === 8;
  return {
    async mark(label, concurrency) {
      if (profiled(label, concurrency)) profile = await startCpuProfile();
      if (label === 'measured') waits = await sampleWaitEvents(datname);
      mark = snapshot();
    },
    async report(label, concurrency, requests) {
      const sql = (statements() - mark.sql) / requests;
      const elu = performance.eventLoopUtilization(mark.elu).utilization;
      const cpu = process.cpuUsage(mark.cpu);
      const thread = process.threadCpuUsage(mark.thread);
      const elapsedMs = performance.now() - mark.at;
      const node = (cpu.user + cpu.system) / 1000 / elapsedMs;
      const server = (thread.user + thread.system) / 1000 / elapsedMs;
      const c = coresBusy(mark.ticks, readTicks());
      if (waits) notes.push(`PostgreSQL's connections at c=${concurrency}: ${await waits.stop()}`);
      waits = null;
      if (profile && profiled(label, concurrency)) {
        notes.push(...(await profile.stop(process.env.BENCH_CPU_PROFILE!)), `(profile written to ${process.env.BENCH_CPU_PROFILE})`);
        profile = null;
      }
      return (
        `${label.padEnd(8)} c=${String(concurrency).padStart(2)}: ${sql.toFixed(1)} SQL statements/request; ` +
        `server event loop busy ${(elu * 100).toFixed(0)}%; CPU cores busy ${c.busy.toFixed(2)} of ${c.cpus}: ` +
        `server thread ${server.toFixed(2)}, clients + node's helper threads ${(node - server).toFixed(2)}, postgres ${c.postgres.toFixed(2)}, other ${Math.max(0, c.busy - node - c.postgres).toFixed(2)}`
      );
    },
  };
}

/** Cluster: the host's processes (primary, workers, tsx's esbuild) from /proc, their SQL statements from their count files. */
function clusterProbe(host: ClusterHost): Probe {
  // The host's processes write their counts every 50 ms: wait for the last one before reading.
  const settle = () => sleep(3 * COUNT_FILE_INTERVAL_MS);
  const snapshot = () => ({ cpu: process.cpuUsage(), ticks: readTicks(host.pid), sql: host.statements(), at: performance.now() });
  let mark = snapshot();
  return {
    async mark() {
      await settle();
      mark = snapshot();
    },
    async report(label, concurrency, requests) {
      const c = coresBusy(mark.ticks, readTicks(host.pid));
      const cpu = process.cpuUsage(mark.cpu);
      const clients = (cpu.user + cpu.system) / 1000 / (performance.now() - mark.at);
      await settle();
      const sql = (host.statements() - mark.sql) / requests;
      return (
        `${`cluster`.padEnd(8)} c=${String(concurrency).padStart(2)} (${label}): ${sql.toFixed(1)} SQL statements/request; ` +
        `CPU cores busy ${c.busy.toFixed(2)} of ${c.cpus}: server processes ${c.tree.toFixed(2)}, clients (bench process) ${clients.toFixed(2)}, ` +
        `postgres ${c.postgres.toFixed(2)}, other ${Math.max(0, c.busy - c.tree - clients - c.postgres).toFixed(2)}`
      );
    },
  };
}

/**
 * Runs the clients in a worker thread. The worker waits at each level's start and end until the
 * probe has taken its sample, so the figures cover exactly that level.
 */
function inWorker(input: WorkerInput, probe: Probe, usage: string[]): Promise<LevelResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: input });
    let settled = false;
    const fail = (err: unknown) => void ((settled = true), reject(err));
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') console.log(m.text);
      else if (m.kind === 'level-start') probe.mark(m.label, m.concurrency).then(() => worker.postMessage('go'), fail);
      else if (m.kind === 'level-end') {
        probe.report(m.label, m.concurrency, m.requests).then((line) => (usage.push(line), worker.postMessage('go')), fail);
      } else if (m.kind === 'done') ((settled = true), resolve(m.results));
      else fail(new Error(m.error));
    });
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`client worker exited with code ${code}`));
    });
  });
}

/** Bookings/s ÷ pgbench TPC-B tps at 8 and 32 clients, each against the target. */
function ratios(rows: Row[], pgbench: PgbenchResult[]): string[] {
  const tps = tpcbTps(pgbench);
  if (!Number.isFinite(tps)) return [];
  return rows
    .filter((r) => r.workload.startsWith('POST appointment') && r.concurrency >= 8)
    .map((r) => {
      const ratio = r.perSecond / tps;
      return `${r.workload} c=${r.concurrency}: ${r.perSecond.toFixed(0)} bookings/s ÷ pgbench TPC-B ${tps.toFixed(0)} tps = ${ratio.toFixed(3)} (target ≥ ${TARGET_RATIO.toFixed(2)}: ${ratio >= TARGET_RATIO ? 'reached' : 'not reached'})`;
    });
}

function toRow(workload: string, r: LevelResult): Row {
  const sorted = [...r.latenciesMs].sort((a, b) => a - b);
  return {
    workload,
    concurrency: r.concurrency,
    requests: r.requests,
    perSecond: r.requests / r.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    errors: r.errors,
  };
}

function pgbenchRow(r: PgbenchResult): Row {
  return { workload: r.workload, concurrency: r.clients, requests: r.transactions, perSecond: r.tps, p50: r.p50, p95: r.p95, p99: r.p99, errors: r.failed };
}

function formatTable(rows: Row[]): string {
  const head = ['workload', 'concurrency', 'requests', 'requests/s', 'p50 ms', 'p95 ms', 'p99 ms', 'errors'];
  const ms = (v: number | null) => (v === null ? '-' : v.toFixed(v < 10 ? 2 : 1));
  const body = rows.map((r) => [
    r.workload,
    String(r.concurrency),
    String(r.requests),
    r.perSecond.toFixed(0),
    ms(r.p50),
    ms(r.p95),
    ms(r.p99),
    String(r.errors),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? `:${'-'.repeat(w + 1)}` : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(head), rule, ...body.map(line)].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Worker thread: the clients.

async function runClients({ signInUrl, loadUrl, levels, warmupRequests, firstDay, spread }: WorkerInput): Promise<void> {
  const port = parentPort!;
  const sampled = () => new Promise<void>((resolve) => port.once('message', () => resolve()));
  try {
    const { signInAs } = await import('../test/support/staff-client.js');
    const maxClients = Math.max(...levels, ...spread.levels, WARMUP.concurrency);
    port.postMessage({ kind: 'progress', text: `signing in ${maxClients} staff sessions (${ACCOUNT}) ...` } satisfies WorkerMessage);
    const clients: StaffClient[] = [];
    for (let i = 0; i < maxClients; i++) clients.push(await signInAs(signInUrl, ACCOUNT));
    const storeId = clients[0]!.me.stores[0]!.id;
    const path = `/api/v1/stores/${storeId}/appointments`;
    const needed = warmupRequests + levels.length * MAX_REQUESTS_PER_LEVEL;
    const t = performance.now();
    const defaultQueue = await queueIds(clients[0]!, loadUrl, storeId);
    let slots = await freeSlotTimes(clients[0]!, loadUrl, storeId, defaultQueue, firstDay, needed);
    port.postMessage({
      kind: 'progress',
      text: `${slots.length} free slots from ${slots[0]!.startsAt} to ${slots.at(-1)!.startsAt} (availability API, ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    } satisfies WorkerMessage);
    let nextSlot = 0;

    const book = async (client: StaffClient): Promise<{ ok: boolean; detail?: string }> => {
      const { queueId, startsAt } = slots[nextSlot++]!;
      const res = await client.browser.fetch(`${loadUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
        body: JSON.stringify({ firstName: 'Μαρία', lastName: 'Παπαδοπούλου', startsAt, queueId }),
      });
      const text = await res.text();
      return res.status === 201 ? { ok: true } : { ok: false, detail: `${res.status} at ${startsAt}: ${text.slice(0, 300)}` };
    };

    const level = async (label: string, concurrency: number, maxRequests: number, maxSeconds: number): Promise<LevelResult> => {
      const latenciesMs: number[] = [];
      const errorSamples: string[] = [];
      let issued = 0;
      let errors = 0;
      port.postMessage({ kind: 'level-start', label, concurrency } satisfies WorkerMessage);
      await sampled();
      const t0 = performance.now();
      const deadline = t0 + maxSeconds * 1000;
      const loop = async (client: StaffClient) => {
        while (issued < maxRequests && performance.now() < deadline) {
          issued++;
          const s = performance.now();
          let outcome: { ok: boolean; detail?: string };
          try {
            outcome = await book(client);
          } catch (err) {
            outcome = { ok: false, detail: String(err) };
          }
          latenciesMs.push(performance.now() - s);
          if (!outcome.ok) {
            errors++;
            if (errorSamples.length < 3) errorSamples.push(outcome.detail!);
          }
        }
      };
      await Promise.all(clients.slice(0, concurrency).map(loop));
      const seconds = (performance.now() - t0) / 1000;
      port.postMessage({ kind: 'level-end', label, concurrency, requests: latenciesMs.length } satisfies WorkerMessage);
      await sampled();
      const result = { label, concurrency, requests: latenciesMs.length, seconds, latenciesMs, errors, errorSamples };
      const samples = errorSamples.map((e) => `\n  error: ${e}`).join('');
      port.postMessage({
        kind: 'progress',
        text: `${label.padEnd(8)} c=${String(concurrency).padStart(2)}: ${result.requests} requests in ${seconds.toFixed(1)} s, ${errors} errors${samples}`,
      } satisfies WorkerMessage);
      return result;
    };

    const results = [await level('warm-up', WARMUP.concurrency, warmupRequests, WARMUP.seconds)];
    for (const c of levels) results.push(await level('measured', c, MAX_REQUESTS_PER_LEVEL, MAX_SECONDS_PER_LEVEL));
    if (spread.queues > 1) {
      const queues = await addQueues(await signInAs(signInUrl, ADMIN), loadUrl, storeId, spread.queues - 1);
      const perQueue = Math.ceil((spread.levels.length * MAX_REQUESTS_PER_LEVEL) / (queues.length + 1));
      // The default queue's earliest slots went to the levels above; each queue books its own from the end of those.
      const lists = await Promise.all([defaultQueue, ...queues].map((q) => freeSlotTimes(clients[0]!, loadUrl, storeId, q, firstDay, perQueue + (q === defaultQueue ? nextSlot : 0))));
      lists[0] = lists[0]!.slice(nextSlot);
      slots = interleave(lists);
      nextSlot = 0;
      port.postMessage({ kind: 'progress', text: `spread: ${slots.length} free slots over ${lists.length} queues` } satisfies WorkerMessage);
      for (const c of spread.levels) results.push(await level('spread', c, MAX_REQUESTS_PER_LEVEL, MAX_SECONDS_PER_LEVEL));
    }
    port.postMessage({ kind: 'done', results } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerMessage);
  }
}

/** The KEP's administrator adds `count` staff-only queues with the plugin's default hours and slots. */
async function addQueues(admin: StaffClient, baseUrl: string, storeId: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 1; i <= count; i++) {
    const res = await admin.browser.fetch(`${baseUrl}/api/v1/stores/${storeId}/queues`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': admin.csrfToken },
      body: JSON.stringify({ name: `Θυρίδα ${i + 1}`, public: false }),
    });
    if (res.status !== 201) throw new Error(`adding a queue: ${res.status} ${await res.text()}`);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** One slot of each list in turn, so that consecutive bookings go to different queues. */
function interleave<T>(lists: T[][]): T[] {
  const out: T[] = [];
  for (let i = 0; i < Math.max(...lists.map((l) => l.length)); i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

// Last, so every constant and function above is initialised first.
if (isMainThread) await main();
else await runClients(workerData as WorkerInput);
