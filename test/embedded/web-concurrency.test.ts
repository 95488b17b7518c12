/**
 * WEB_CONCURRENCY (issue 14, item 5): the host as `npm start` runs it, with N HTTP processes on
 * node:cluster. Each worker says who it is on /healthz (X-Rantevou-Worker), so the test sees that
 * both serve, that a killed one is replaced, and that SIGTERM closes them all.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { request } from 'node:http';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { freePort } from '../support/free-port.js';
import { createTestDatabase } from '../support/test-database.js';

/** The host as `npm start` runs it, with only the given environment; its output collected. */
function runHost(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { child, output: '', exited: new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code))) };
  child.stdout.on('data', (c) => (run.output += c));
  child.stderr.on('data', (c) => (run.output += c));
  return run;
}

/** Which worker answers /healthz on a connection of its own (the cluster hands out connections, not requests). */
function servedBy(port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/healthz', agent: false }, (res) => {
      res.resume();
      resolve(res.statusCode === 200 ? String(res.headers['x-rantevou-worker'] ?? '') : null);
    });
    req.on('error', () => resolve(null));
    // A connection handed to a worker as it died is never answered.
    req.setTimeout(2000, () => req.destroy());
    req.end();
  });
}

/** The workers that answered fresh connections until `until` holds (or a minute passed: a start under load is slow). */
async function workersSeen(port: number, until: (seen: Set<string>) => boolean): Promise<Set<string>> {
  const seen = new Set<string>();
  for (const end = Date.now() + 60_000; Date.now() < end && !until(seen); ) {
    const id = await servedBy(port);
    if (id) seen.add(id);
    await new Promise((r) => setTimeout(r, 50));
  }
  return seen;
}

/** The worker processes of a primary (not the esbuild helpers tsx starts beside them). */
function workerPids(primary: ChildProcess): number[] {
  const out = execFileSync('ps', ['--ppid', String(primary.pid), '-o', 'pid=,args='], { encoding: 'utf8' });
  return out.split('\n').filter((l) => l.includes('examples/server.ts')).map((l) => Number(l.trim().split(/\s+/)[0]));
}

describe('WEB_CONCURRENCY: more than one HTTP process', function () {
  this.timeout(180_000);

  it('is refused on the embedded default, whose PGlite is one database in one process', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'rantevou-concurrency-'));
    try {
      const host = runHost({ PORT: '0', DATA_DIR: dataDir, WEB_CONCURRENCY: '2' });
      expect(await host.exited, host.output).to.equal(2);
      expect(host.output).to.include('Cannot start: RANTEVOU_CONCURRENCY_NEEDS_POSTGRESQL').and.include('needs DATABASE_URL');
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('serves from two processes on PostgreSQL, replaces a killed one, and closes them all on SIGTERM', async () => {
    const db = await createTestDatabase('web_concurrency');
    const port = await freePort();
    const host = runHost({
      PORT: String(port),
      WEB_CONCURRENCY: '2',
      DATABASE_URL: db.url,
      REDIS_URL: 'redis://127.0.0.1:6379/13',
      // Never reached: no one signs in here.
      OIDC_ISSUER: 'http://127.0.0.1:9/idp',
      OIDC_CLIENT_ID: 'rantevou-test',
      OIDC_CLIENT_SECRET: 'not-used-0123456789',
    });
    try {
      expect([...(await workersSeen(port, (s) => s.size >= 2))].sort(), host.output).to.deep.equal(['1', '2']);
      const pids = workerPids(host.child);
      expect(pids, host.output).to.have.length(2);
      process.kill(pids[0]!, 'SIGKILL');
      // The replacement is a new cluster worker (id 3) beside the one that lived on.
      const after = await workersSeen(port, (s) => s.has('3') && s.size >= 2);
      expect([...after].sort(), host.output).to.include('3');
      expect(host.output).to.match(/worker \d \(pid \d+\) exited \(SIGKILL\); starting it again in \d+ ms/);
      expect(workerPids(host.child)).to.have.length(2);

      const survivors = workerPids(host.child);
      host.child.kill('SIGTERM');
      expect(await host.exited, host.output).to.equal(0);
      for (const pid of survivors) expect(() => process.kill(pid, 0), `worker ${pid} still running`).to.throw();
    } finally {
      if (host.child.exitCode === null) host.child.kill('SIGKILL');
      await db.drop();
    }
  });
});
