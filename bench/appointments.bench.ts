/**
 * Appointment creation through the HTTP API on PostgreSQL, at 1, 8 and 32 concurrent clients, with
 * `pgbench` on a database of its own as a reference for what this PostgreSQL does on this machine.
 *
 *   npm run bench
 *
 * The main thread runs the whole system as production runs it (`startTestSystem`); the clients run
 * in a worker thread, so their own JSON and HTTP work does not share the server's event loop.
 * Every client is its own staff session (a real OIDC sign-in each), and every request books a free
 * slot of its own (listed beforehand by the availability API), so every request should succeed (201).
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { DateTime } from 'luxon';
import pg from 'pg';
import type { StaffClient } from '../test/support/staff-client.js';

const LEVELS = [1, 8, 32];
const MAX_REQUESTS_PER_LEVEL = 2000;
const MAX_SECONDS_PER_LEVEL = 10;
const WARMUP = { concurrency: 8, requests: 300, seconds: 5 };
const PGBENCH = { scale: 10, clients: 8, threads: 2, seconds: 10 };
const ZONE = 'Europe/Athens';
const FIRST_DAY = '2031-01-01';
/** Days per availability request (the API allows up to 62). */
const AVAILABILITY_WINDOW_DAYS = 62;
const ACCOUNT = 'demo-operator-a';
const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
/** A Redis database number no test file uses; nothing reaches it anyway (no email, no jobs). */
const REDIS_DB = 7;

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

type WorkerInput = { signInUrl: string; loadUrl: string };
type WorkerMessage =
  | { kind: 'progress'; text: string }
  | { kind: 'level-start' }
  | { kind: 'level-end'; label: string; concurrency: number; requests: number }
  | { kind: 'done'; results: LevelResult[] }
  | { kind: 'failed'; error: string };

// ---------------------------------------------------------------------------------------------
// Main thread: the system under test, pgbench, the table.

async function main(): Promise<void> {
  const started = performance.now();
  const pgVersion = await serverVersion();
  console.log(
    `machine: ${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? '?'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
      `node ${process.version}, ${pgVersion}; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at start`,
  );

  const statements = countSqlStatements();
  const { startTestSystem } = await import('../test/support/test-system.js');
  const system = await startTestSystem('bench', { redisDb: REDIS_DB });
  const rows: Row[] = [];
  const notes: string[] = [];
  try {
    const loadUrl = system.url.replace('//localhost:', '//127.0.0.1:');
    const usage: string[] = [];
    const results = await inWorker({ signInUrl: system.url, loadUrl }, usage, statements);
    const measured = results.filter((r) => r.label !== 'warm-up');
    for (const r of measured) rows.push(toRow('POST appointment', r));
    notes.push(...usage);
    for (const r of results) for (const e of r.errorSamples) notes.push(`error (${r.label}): ${e}`);
  } finally {
    await system.close();
  }

  const pgb = await runPgbench();
  rows.push(...pgb.rows);
  notes.push(...pgb.notes);

  console.log('');
  console.log(formatTable(rows));
  console.log('');
  for (const n of notes) console.log(n);
  console.log(`total bench time ${((performance.now() - started) / 1000).toFixed(0)} s`);
}

/**
 * Runs the clients in a worker thread. Around each level it samples how busy the server's event loop
 * (this thread) was, and where the machine's CPU went: this process (server and client threads),
 * PostgreSQL's processes, and everything else (other work on the machine makes a run noisy).
 */
function inWorker(input: WorkerInput, usage: string[], statements: () => number): Promise<LevelResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: input });
    let settled = false;
    const snapshot = () => ({
      elu: performance.eventLoopUtilization(),
      cpu: process.cpuUsage(),
      thread: process.threadCpuUsage(),
      machine: machineTicks(),
      sql: statements(),
      at: performance.now(),
    });
    let mark = snapshot();
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'progress') console.log(m.text);
      else if (m.kind === 'level-start') mark = snapshot();
      else if (m.kind === 'level-end') {
        const sql = (statements() - mark.sql) / m.requests;
        const elu = performance.eventLoopUtilization(mark.elu).utilization;
        const cpu = process.cpuUsage(mark.cpu);
        const thread = process.threadCpuUsage(mark.thread);
        const elapsedMs = performance.now() - mark.at;
        const node = (cpu.user + cpu.system) / 1000 / elapsedMs;
        const server = (thread.user + thread.system) / 1000 / elapsedMs;
        const now = machineTicks();
        const n = cpus().length;
        const span = now && mark.machine ? (now.total - mark.machine.total) / n : NaN; // ticks per CPU
        const busy = now && mark.machine ? n - (now.idle - mark.machine.idle) / span : NaN;
        const postgres = now && mark.machine ? (now.postgres - mark.machine.postgres) / span : NaN;
        usage.push(
          `${m.label.padEnd(8)} c=${String(m.concurrency).padStart(2)}: ${sql.toFixed(1)} SQL statements/request; ` +
            `server event loop busy ${(elu * 100).toFixed(0)}%; CPU cores busy ${busy.toFixed(2)} of ${n}: ` +
            `server thread ${server.toFixed(2)}, clients + node's helper threads ${(node - server).toFixed(2)}, postgres ${postgres.toFixed(2)}, other ${Math.max(0, busy - node - postgres).toFixed(2)}`,
        );
      }
      else if (m.kind === 'done') ((settled = true), resolve(m.results));
      else ((settled = true), reject(new Error(m.error)));
    });
    worker.on('error', (err) => ((settled = true), reject(err)));
    worker.on('exit', (code) => {
      if (!settled) reject(new Error(`client worker exited with code ${code}`));
    });
  });
}

/**
 * Counts the SQL statements the server sends, by wrapping `Client#query` of the `pg` that MikroORM's
 * PostgreSQL driver loads (it may be a copy of its own). Costs one increment per statement.
 */
function countSqlStatements(): () => number {
  const require = createRequire(import.meta.resolve('@mikro-orm/postgresql'));
  const { Client } = require('pg') as typeof pg;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  let count = 0;
  (Client.prototype as unknown as { query: typeof query }).query = function (this: unknown, ...args: unknown[]) {
    count++;
    return query.apply(this, args);
  };
  return () => count;
}

/**
 * Linux only: clock ticks since boot of all CPUs together (total, and idle + iowait) from /proc/stat,
 * and the CPU ticks (user + system) of the running `postgres` processes from /proc/<pid>/stat.
 */
function machineTicks(): { total: number; idle: number; postgres: number } | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    let postgres = 0;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        if (!stat.includes(' (postgres) ')) continue;
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
        postgres += Number(rest[11]) + Number(rest[12]); // utime, stime
      } catch {
        // the process ended meanwhile
      }
    }
    return { total: f.reduce((a, b) => a + b, 0), idle: f[3]! + (f[4] ?? 0), postgres };
  } catch {
    return null;
  }
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

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
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

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

async function serverVersion(): Promise<string> {
  return withClient(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ v: string }>(`select split_part(version(), ' (', 1) as v`);
    return rows[0]!.v;
  });
}

// ---------------------------------------------------------------------------------------------
// pgbench on a database of its own.

async function runPgbench(): Promise<{ rows: Row[]; notes: string[] }> {
  const bin = await which('pgbench').catch(() => '/usr/lib/postgresql/15/bin/pgbench');
  const admin = new URL(ADMIN_URL);
  const conn = ['-h', admin.hostname, '-p', admin.port || '5432', '-U', decodeURIComponent(admin.username) || 'postgres'];
  if (admin.password) process.env.PGPASSWORD ??= decodeURIComponent(admin.password);
  const name = `rantevou_bench_pgbench_${process.pid}`;
  const logDir = await mkdtemp(join(tmpdir(), 'rantevou-pgbench-'));
  const rows: Row[] = [];
  const notes: string[] = [];
  await withClient(ADMIN_URL, (c) => c.query(`create database ${name}`));
  try {
    console.log(`pgbench: initialising scale ${PGBENCH.scale} ...`);
    await run(bin, ['-i', '-q', '-s', String(PGBENCH.scale), ...conn, name]);
    for (const [workload, extra] of [
      ['pgbench select-only', ['-S']],
      ['pgbench tpc-b', []],
    ] as const) {
      console.log(`${workload}: -c ${PGBENCH.clients} -j ${PGBENCH.threads} -T ${PGBENCH.seconds} ...`);
      const prefix = join(logDir, workload.replace(/\W+/g, '_'));
      const out = await run(bin, [
        ...extra,
        '-c', String(PGBENCH.clients),
        '-j', String(PGBENCH.threads),
        '-T', String(PGBENCH.seconds),
        '-l', `--log-prefix=${prefix}`,
        ...conn,
        name,
      ]);
      const tps = Number(/^tps = ([\d.]+)/m.exec(out)?.[1] ?? NaN);
      const avg = Number(/^latency average = ([\d.]+) ms/m.exec(out)?.[1] ?? NaN);
      const processed = Number(/^number of transactions actually processed: (\d+)/m.exec(out)?.[1] ?? NaN);
      const failed = Number(/^number of failed transactions: (\d+)/m.exec(out)?.[1] ?? 0);
      const latencies = await pgbenchLatencies(logDir, prefix);
      const sorted = latencies.sort((a, b) => a - b);
      rows.push({
        workload,
        concurrency: PGBENCH.clients,
        requests: processed,
        perSecond: tps,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        errors: failed,
      });
      notes.push(`${workload}: tps ${tps.toFixed(0)}, latency average ${avg.toFixed(3)} ms (pgbench's own figures; percentiles from its -l log)`);
    }
  } finally {
    await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`));
    await rm(logDir, { recursive: true, force: true });
  }
  return { rows, notes };
}

/** Per-transaction latencies (ms) from pgbench's `-l` files: `client tx latency_us script epoch us`. */
async function pgbenchLatencies(dir: string, prefix: string): Promise<number[]> {
  const base = prefix.slice(dir.length + 1);
  const out: number[] = [];
  for (const f of await readdir(dir)) {
    if (!f.startsWith(`${base}.`)) continue;
    for (const line of (await readFile(join(dir, f), 'utf8')).split('\n')) {
      const us = Number(line.split(' ')[2]);
      if (line && Number.isFinite(us)) out.push(us / 1000);
    }
  }
  return out;
}

function run(bin: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(bin, args, { maxBuffer: 16 * 2 ** 20 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${bin} ${args.join(' ')} failed: ${stderr || err.message}`));
      else resolve(`${stdout}\n${stderr}`);
    });
  });
}

function which(cmd: string): Promise<string> {
  return run('sh', ['-c', `command -v ${cmd}`]).then((s) => {
    const path = s.trim();
    if (!path) throw new Error(`${cmd} not on PATH`);
    return path;
  });
}

// ---------------------------------------------------------------------------------------------
// Worker thread: the clients.

async function runClients({ signInUrl, loadUrl }: WorkerInput): Promise<void> {
  const port = parentPort!;
  try {
    const { signInAs } = await import('../test/support/staff-client.js');
    const maxClients = Math.max(...LEVELS, WARMUP.concurrency);
    port.postMessage({ kind: 'progress', text: `signing in ${maxClients} staff sessions (${ACCOUNT}) ...` } satisfies WorkerMessage);
    const clients: StaffClient[] = [];
    for (let i = 0; i < maxClients; i++) clients.push(await signInAs(signInUrl, ACCOUNT));
    const storeId = clients[0]!.me.stores[0]!.id;
    const path = `/api/v1/stores/${storeId}/appointments`;
    const needed = WARMUP.requests + LEVELS.length * MAX_REQUESTS_PER_LEVEL;
    const t = performance.now();
    const slots = await freeSlotTimes(clients[0]!, loadUrl, storeId, needed);
    port.postMessage({
      kind: 'progress',
      text: `${slots.length} free slots from ${slots[0]} to ${slots.at(-1)} (availability API, ${((performance.now() - t) / 1000).toFixed(1)} s)`,
    } satisfies WorkerMessage);
    let nextSlot = 0;

    const book = async (client: StaffClient): Promise<{ ok: boolean; detail?: string }> => {
      const startsAt = slots[nextSlot++]!;
      const res = await client.browser.fetch(`${loadUrl}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
        body: JSON.stringify({ firstName: 'Μαρία', lastName: 'Παπαδοπούλου', startsAt }),
      });
      const text = await res.text();
      return res.status === 201 ? { ok: true } : { ok: false, detail: `${res.status} at ${startsAt}: ${text.slice(0, 300)}` };
    };

    const level = async (label: string, concurrency: number, maxRequests: number, maxSeconds: number): Promise<LevelResult> => {
      const latenciesMs: number[] = [];
      const errorSamples: string[] = [];
      let issued = 0;
      let errors = 0;
      port.postMessage({ kind: 'level-start' } satisfies WorkerMessage);
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
      const result = { label, concurrency, requests: latenciesMs.length, seconds, latenciesMs, errors, errorSamples };
      port.postMessage({
        kind: 'progress',
        text: `${label.padEnd(8)} c=${String(concurrency).padStart(2)}: ${result.requests} requests in ${seconds.toFixed(1)} s, ${errors} errors`,
      } satisfies WorkerMessage);
      return result;
    };

    const results = [await level('warm-up', WARMUP.concurrency, WARMUP.requests, WARMUP.seconds)];
    for (const c of LEVELS) results.push(await level('measured', c, MAX_REQUESTS_PER_LEVEL, MAX_SECONDS_PER_LEVEL));
    port.postMessage({ kind: 'done', results } satisfies WorkerMessage);
  } catch (err) {
    port.postMessage({ kind: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) } satisfies WorkerMessage);
  }
}

/**
 * The first `count` free slots of the KEP's default queue from FIRST_DAY on, as the local Athens
 * times (`YYYY-MM-DDTHH:mm`) staff type, read from the availability API before the clock starts: the
 * plugin refuses times outside the queue's hours, public holidays and closures, so the bench books
 * exactly what the KEP offers. Slots of one queue never overlap, so each booking should succeed.
 */
async function freeSlotTimes(client: StaffClient, baseUrl: string, storeId: string, count: number): Promise<string[]> {
  const json = async (path: string) => {
    const res = await client.browser.fetch(`${baseUrl}${path}`);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const queues = (await json(`/api/v1/stores/${storeId}/queues`)) as { items: { id: string; isDefault: boolean }[] };
  const queueId = queues.items.find((q) => q.isDefault)?.id;
  if (!queueId) throw new Error('the KEP has no default queue');
  const out: string[] = [];
  let from = DateTime.fromISO(FIRST_DAY, { zone: ZONE });
  for (let window = 0; out.length < count && window < 60; window++) {
    const to = from.plus({ days: AVAILABILITY_WINDOW_DAYS - 1 });
    const page = (await json(
      `/api/v1/stores/${storeId}/availability?queueId=${queueId}&from=${from.toISODate()}&to=${to.toISODate()}`,
    )) as { days: { slots: { queueId: string; start: string }[] }[] };
    for (const slot of page.days.flatMap((d) => d.slots)) {
      if (slot.queueId !== queueId) continue;
      const local = DateTime.fromISO(slot.start).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm");
      // The repeated hour of the autumn night names two instants; keep only what reads back the same.
      if (DateTime.fromISO(local, { zone: ZONE }).toMillis() === Date.parse(slot.start)) out.push(local);
    }
    from = to.plus({ days: 1 });
  }
  if (out.length < count) throw new Error(`only ${out.length} free slots found, ${count} needed`);
  return out.slice(0, count);
}

// Last, so every constant and function above is initialised first.
if (isMainThread) await main();
else await runClients(workerData as WorkerInput);
