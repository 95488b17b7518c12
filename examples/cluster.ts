import cluster, { type Worker } from 'node:cluster';
import { availableParallelism } from 'node:os';
import { RantevouConfigError } from '../plugin/index.js';
import type { HostEnv } from './host-env.js';

/** The exit code of a process that cannot start with its settings: restarting it would not help. */
export const CONFIG_ERROR_EXIT = 2;

/** How long the primary waits for the workers to close after SIGTERM before it kills them. */
const STOP_TIMEOUT_MS = 30_000;
/** A worker that lived this long before it crashed is restarted at once: its crash was not a start loop. */
const STABLE_AFTER_MS = 60_000;
const MAX_BACKOFF_MS = 30_000;

/**
 * How many HTTP processes to run: `WEB_CONCURRENCY`, by default the machine's cores in production
 * and 1 on the embedded default. The embedded PGlite is one database inside one process, so more
 * than one process is refused there rather than quietly reduced: the setting would not do what it says.
 */
export function webConcurrency(env: HostEnv): number {
  if (env.DATABASE_URL) return env.WEB_CONCURRENCY ?? availableParallelism();
  if ((env.WEB_CONCURRENCY ?? 1) > 1) {
    throw new RantevouConfigError(
      'RANTEVOU_CONCURRENCY_NEEDS_POSTGRESQL',
      `WEB_CONCURRENCY=${env.WEB_CONCURRENCY} needs DATABASE_URL: the embedded default's PGlite is one database inside one process, so it runs one HTTP process. Unset WEB_CONCURRENCY, or set DATABASE_URL (and REDIS_URL) to run several.`,
    );
  }
  return 1;
}

/**
 * The primary of `WEB_CONCURRENCY` processes (node:cluster): it opens no database and serves
 * nothing itself; it forks `count` workers that each run the whole host and share the port. A worker
 * that dies is forked again, at once after a long life and with a doubling back-off (up to 30 s)
 * while it keeps dying at start; one that exits with {@link CONFIG_ERROR_EXIT} stops them all, since
 * its settings will not change. SIGTERM and SIGINT are passed on to every worker, which closes
 * gracefully (its open requests finish, then the plugin closes); after 30 s the rest are killed.
 *
 * Nothing here chooses which worker runs the background work: each piece of it is made safe for
 * any number of processes and instances by the database (attendance jobs under advisory locks,
 * outbox rows claimed with SKIP LOCKED, reminders and day lists under unique indexes).
 */
export function runPrimary(count: number, log: (line: string) => void = console.log): void {
  let stopping = false;
  let exitCode = 0;
  const slots = new Map<Worker, { slot: number; startedAt: number }>();
  const failures = new Map<number, number>();

  const fork = (slot: number) => {
    const worker = cluster.fork({ RANTEVOU_WORKER_SLOT: String(slot) });
    slots.set(worker, { slot, startedAt: Date.now() });
  };

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const worker of slots.keys()) worker.process.kill('SIGTERM');
    setTimeout(() => {
      for (const worker of slots.keys()) worker.process.kill('SIGKILL');
    }, STOP_TIMEOUT_MS).unref();
    if (slots.size === 0) process.exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    const { slot, startedAt } = slots.get(worker)!;
    slots.delete(worker);
    if (stopping) {
      if (slots.size === 0) process.exit(exitCode);
      return;
    }
    if (code === CONFIG_ERROR_EXIT) {
      log(`worker ${slot} cannot start with these settings (see above); stopping`);
      return stop(CONFIG_ERROR_EXIT);
    }
    const n = Date.now() - startedAt > STABLE_AFTER_MS ? 0 : (failures.get(slot) ?? 0) + 1;
    failures.set(slot, n);
    const delay = n === 0 ? 0 : Math.min(MAX_BACKOFF_MS, 500 * 2 ** (n - 1));
    log(`worker ${slot} (pid ${worker.process.pid}) exited (${signal ?? `code ${code}`}); starting it again in ${delay} ms`);
    // Not unref'd: while every worker waits for its restart, this timer is what keeps the primary alive.
    setTimeout(() => void (stopping || fork(slot)), delay);
  });

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  log(`Rantevou: ${count} HTTP processes (WEB_CONCURRENCY=${count}), primary pid ${process.pid}`);
  for (let slot = 1; slot <= count; slot++) fork(slot);
}

/** Which worker this is (1…N), or 1 outside a cluster: worker 1 prints the start-up lines. */
export function workerSlot(): number {
  return cluster.isWorker ? Number(process.env.RANTEVOU_WORKER_SLOT ?? 1) : 1;
}
