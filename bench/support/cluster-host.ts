import { spawn } from 'node:child_process';
import { request, type Server } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { createDemoIdp, loadDemoAccounts } from '../../examples/demo-idp/demo-idp.js';
import { seedDemoData } from '../../examples/demo-data.js';
import { openDatabase } from '../../plugin/db/orm.js';
import { freePort } from '../../test/support/free-port.js';
import { createTestDatabase } from '../../test/support/test-database.js';
import { readCountFiles } from './sql-count.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLIENT = { client_id: 'rantevou-bench', client_secret: 'bench-secret-0123456789-abcdefghij' };
const START_TIMEOUT_MS = 120_000;

/** The host as production runs it, in a child process of the bench (see {@link startClusterHost}). */
export type ClusterHost = Awaited<ReturnType<typeof startClusterHost>>;

/**
 * The reference host as `npm start` runs it in production (`node --import tsx examples/server.ts`,
 * the bundles aside), with `WEB_CONCURRENCY=processes` HTTP processes on node:cluster: a fresh
 * PostgreSQL database (migrated and seeded with the demo KEPs first, as an operator would), Redis,
 * and the demo OpenID provider in this process, which the host knows only by its issuer URL. The
 * host gets nothing else but `sql-count-preload.ts`, which counts each process's SQL statements, and
 * `env`.
 * Its clock is the machine's: a child process takes no injected clock.
 */
export async function startClusterHost({
  processes,
  redisDb,
  label,
  env = {},
}: {
  processes: number;
  redisDb: number;
  label: string;
  /** More host environment (the public booking's limits, say). */ env?: Record<string, string>;
}) {
  const db = await createTestDatabase(label);
  const orm = await openDatabase({ url: db.url });
  await seedDemoData(orm);

  const port = await freePort();
  const url = `http://localhost:${port}`;
  const idpApp = express();
  const idpServer = await new Promise<Server>((resolve) => {
    const s = idpApp.listen(0, '127.0.0.1', () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/idp`;
  const client = { ...CLIENT, redirect_uris: [`${url}/auth/callback`], post_logout_redirect_uris: [`${url}/`] };
  idpApp.use('/idp', createDemoIdp({ issuer, clients: [client], accounts: loadDemoAccounts() }).handler);

  const countDir = await mkdtemp(join(tmpdir(), 'rantevou-bench-sql-'));
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './bench/support/sql-count-preload.ts', 'examples/server.ts'], {
    cwd: REPO,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      WEB_CONCURRENCY: String(processes),
      DATABASE_URL: db.url,
      REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT.client_id,
      OIDC_CLIENT_SECRET: CLIENT.client_secret,
      BENCH_SQL_COUNT_DIR: countDir,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));

  const close = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 40_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => idpServer.close(resolve));
    await orm.close(true);
    await db.drop();
    await rm(countDir, { recursive: true, force: true });
  };
  try {
    await untilWorkersServe(port, processes, exited);
  } catch (err) {
    await close();
    throw new Error(`${(err as Error).message}; the host said:\n${output}`);
  }
  return {
    url,
    /** The primary's pid: its tree is the host's processes. */
    pid: child.pid!,
    databaseUrl: db.url,
    /** The bench's own connection to the host's database (seeding, citizens' tokens). */
    orm,
    /** SQL statements all the host's processes sent so far (their last count, written every 50 ms). */
    statements: () => readCountFiles(countDir),
    output: () => output,
    close,
  };
}

/** Waits until `processes` different workers have answered /healthz (each on a connection of its own). */
async function untilWorkersServe(port: number, processes: number, exited: Promise<number | null>): Promise<void> {
  const seen = new Set<string>();
  let dead: number | null | undefined;
  void exited.then((code) => (dead = code));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (seen.size < processes) {
    if (dead !== undefined) throw new Error(`the host exited (code ${dead}) before its ${processes} workers served`);
    if (Date.now() > deadline) throw new Error(`only ${seen.size} of ${processes} workers served within ${START_TIMEOUT_MS / 1000} s`);
    const worker = await new Promise<string | null>((resolve) => {
      const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode === 200 ? String(res.headers['x-rantevou-worker'] ?? '') : null);
      });
      req.on('error', () => resolve(null));
      req.end();
    });
    if (worker) seen.add(worker);
    else await new Promise((r) => setTimeout(r, 200));
  }
}
