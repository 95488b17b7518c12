import { readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';

/** Clock ticks of the whole machine and of the processes a bench tells apart, at one moment. */
export interface Ticks {
  /** All CPUs together since boot, and their idle + iowait part. */
  total: number;
  idle: number;
  /** user + system of the running `postgres` processes. */
  postgres: number;
  /** user + system of the process `root` and all its descendants (0 without a root). */
  tree: number;
}

/**
 * Linux only (null elsewhere): reads /proc/stat and every /proc/<pid>/stat. `root`: a process whose
 * tree (itself, its children and theirs: a cluster's primary, its workers, tsx's esbuild) is counted
 * apart, e.g. a host run as a child process.
 */
export function readTicks(root?: number): Ticks | null {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
    let postgres = 0;
    const procs = new Map<number, { ppid: number; ticks: number }>();
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      try {
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
        const ticks = Number(rest[11]) + Number(rest[12]); // utime, stime
        if (stat.includes(' (postgres) ')) postgres += ticks;
        procs.set(Number(pid), { ppid: Number(rest[1]), ticks });
      } catch {
        // the process ended meanwhile
      }
    }
    return { total: f.reduce((a, b) => a + b, 0), idle: f[3]! + (f[4] ?? 0), postgres, tree: root ? treeTicks(procs, root) : 0 };
  } catch {
    return null;
  }
}

/** Cores busy between two readings (0…number of CPUs), in all and per part. */
export function coresBusy(from: Ticks | null, to: Ticks | null): { cpus: number; busy: number; postgres: number; tree: number } {
  const n = cpus().length;
  if (!from || !to) return { cpus: n, busy: NaN, postgres: NaN, tree: NaN };
  const span = (to.total - from.total) / n; // ticks per CPU
  return {
    cpus: n,
    busy: n - (to.idle - from.idle) / span,
    postgres: (to.postgres - from.postgres) / span,
    tree: (to.tree - from.tree) / span,
  };
}

function treeTicks(procs: Map<number, { ppid: number; ticks: number }>, root: number): number {
  let sum = 0;
  const stack = [root];
  while (stack.length) {
    const pid = stack.pop()!;
    sum += procs.get(pid)?.ticks ?? 0;
    for (const [child, p] of procs) if (p.ppid === pid) stack.push(child);
  }
  return sum;
}
