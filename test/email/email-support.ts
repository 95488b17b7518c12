import { spawn, type ChildProcess } from 'node:child_process';
import type { MikroORM } from '@mikro-orm/core';
import { expect } from 'chai';
import { Redis } from 'ioredis';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { startRedisServer, stopProcess } from '../support/redis-server.js';
import type { StaffClient } from '../support/staff-client.js';

/** Empties one Redis database of the machine's server (each email test file has its own number). */
export async function flushRedisDb(url: string): Promise<void> {
  const redis = new Redis(url);
  await redis.flushdb();
  redis.disconnect();
}

/**
 * A Redis server of the test's own on `port`, as a child process without persistence, so the test can
 * stop it ("Redis is down") and start it again (empty, as after a crash) without touching the
 * machine's Redis that other tests use.
 */
export function ownRedis(port: number) {
  let child: ChildProcess | null = null;
  const url = `redis://127.0.0.1:${port}`;
  return {
    url,
    get running() {
      return child !== null;
    },
    async start(): Promise<void> {
      child = await startRedisServer(port);
    },
    async stop(): Promise<void> {
      const c = child;
      child = null;
      if (c) await stopProcess(c, 'SIGKILL');
    },
  };
}

/** `npm run worker` as a child process, with the given environment on top of this one's PATH. */
export interface WorkerProcess {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the worker said it is ready to take jobs. */
  ready: Promise<void>;
  exited: Promise<number | null>;
}

/** Starts `node --import tsx worker/main.ts`, the very command of `npm run worker`. */
export function spawnWorker(env: Record<string, string>): WorkerProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const ready = new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('[worker] ready')) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => reject(new Error(`the worker exited (${code}) before it was ready:\n${output}`)));
  });
  ready.catch(() => {});
  return { child, output: () => output, ready, exited };
}

/** `count` consecutive 15-minute slot times of a weekday (the demo queues open 08:00–15:00). */
export function slotTimes(day: string, count: number, first = '08:00'): string[] {
  const [h, m] = first.split(':').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const minutes = h * 60 + m + i * 15;
    return `${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  });
}

/** Books through the staff API, as the widget does; every booking must succeed. Returns the appointment ids. */
export async function book(staff: StaffClient, storeId: string, bookings: Record<string, unknown>[]): Promise<string[]> {
  const ids: string[] = [];
  for (const body of bookings) {
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, body);
    expect(res.status, await res.clone().text()).to.equal(201);
    ids.push(((await res.json()) as { id: string }).id);
  }
  return ids;
}

/** The outbox rows of some appointments, fresh from the database. */
export function outboxOf(orm: MikroORM, appointmentIds: string[]): Promise<OutboxMessage[]> {
  return orm.em.fork().find(OutboxMessage, { appointment: { $in: appointmentIds } }, { orderBy: { createdAt: 'asc' } });
}

/** How many times each Message-ID arrived. */
export function countByMessageId(messageIds: (string | undefined)[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const id of messageIds) counts.set(id ?? '(none)', (counts.get(id ?? '(none)') ?? 0) + 1);
  return counts;
}
