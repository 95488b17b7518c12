import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { percentile } from './stats.js';

/** The PostgreSQL server the benches create their databases on. */
export const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** pgbench's settings: scale 10, 8 clients on 2 threads, 10 s per script. */
export const PGBENCH = { scale: 10, clients: 8, threads: 2, seconds: 10 };

/** One pgbench script's result: pgbench's own tps and average, percentiles from its `-l` log. */
export interface PgbenchResult {
  workload: 'pgbench select-only' | 'pgbench tpc-b';
  clients: number;
  transactions: number;
  tps: number;
  averageMs: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  failed: number;
}

/**
 * Runs `pgbench` (select-only, then the default TPC-B-like script) on a database of its own, which it
 * drops afterwards: the reference for what this PostgreSQL does on this machine in the same run.
 */
export async function runPgbench(log: (line: string) => void = console.log): Promise<PgbenchResult[]> {
  const bin = await which('pgbench').catch(() => '/usr/lib/postgresql/15/bin/pgbench');
  const admin = new URL(ADMIN_URL);
  const conn = ['-h', admin.hostname, '-p', admin.port || '5432', '-U', decodeURIComponent(admin.username) || 'postgres'];
  if (admin.password) process.env.PGPASSWORD ??= decodeURIComponent(admin.password);
  const name = `rantevou_bench_pgbench_${process.pid}`;
  const logDir = await mkdtemp(join(tmpdir(), 'rantevou-pgbench-'));
  const results: PgbenchResult[] = [];
  await withClient(ADMIN_URL, (c) => c.query(`create database ${name}`));
  try {
    log(`pgbench: initialising scale ${PGBENCH.scale} ...`);
    await run(bin, ['-i', '-q', '-s', String(PGBENCH.scale), ...conn, name]);
    for (const [workload, extra] of [
      ['pgbench select-only', ['-S']],
      ['pgbench tpc-b', []],
    ] as const) {
      log(`${workload}: -c ${PGBENCH.clients} -j ${PGBENCH.threads} -T ${PGBENCH.seconds} ...`);
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
      const sorted = (await pgbenchLatencies(logDir, prefix)).sort((a, b) => a - b);
      results.push({
        workload,
        clients: PGBENCH.clients,
        transactions: Number(/^number of transactions actually processed: (\d+)/m.exec(out)?.[1] ?? NaN),
        tps: Number(/^tps = ([\d.]+)/m.exec(out)?.[1] ?? NaN),
        averageMs: Number(/^latency average = ([\d.]+) ms/m.exec(out)?.[1] ?? NaN),
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        failed: Number(/^number of failed transactions: (\d+)/m.exec(out)?.[1] ?? 0),
      });
    }
  } finally {
    await withClient(ADMIN_URL, (c) => c.query(`drop database if exists ${name} with (force)`));
    await rm(logDir, { recursive: true, force: true });
  }
  return results;
}

/** The TPC-B-like script's tps of a run (the reference the booking targets are ratios of). */
export function tpcbTps(results: PgbenchResult[]): number {
  return results.find((r) => r.workload === 'pgbench tpc-b')?.tps ?? NaN;
}

/** `PostgreSQL 15.20` and the like. */
export async function serverVersion(): Promise<string> {
  return withClient(ADMIN_URL, async (c) => {
    const { rows } = await c.query<{ v: string }>(`select split_part(version(), ' (', 1) as v`);
    return rows[0]!.v;
  });
}

/** Runs `fn` with a connection of its own to `url`, closed afterwards. */
export async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
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
