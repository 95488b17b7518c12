/**
 * Server-sent events (issue 16 item 5): 1,000 connected screens on one instance, half of them staff
 * appointment screens (`GET /stores/:storeId/events`, a staff session) and half waiting-room call
 * displays (`GET /stores/:storeId/display/events`, a display device key), all of one KEP. Each round
 * a store administrator presses «Κλήση» (a real `POST /queues/:queueId/calls` recalling one arrived
 * citizen), and every screen's receipt of that 'called' event is stamped: the latency from the
 * moment the request was sent to each screen (p50/p95/max), and to the last screen of the round.
 * Memory per connection is the server process's RSS and V8 heap growth after a full GC, divided by
 * the streams, with the screens in a process of their own (bench/support/sse-clients.ts).
 *
 *   npm run bench:live            (BENCH_STREAMS=1000, BENCH_ROUNDS=50)
 */
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { freePort } from '../test/support/free-port.js';
import { startRedisServer, stopProcess } from '../test/support/redis-server.js';
import { signInAs } from '../test/support/staff-client.js';
import { TestClock } from '../test/support/test-clock.js';
import { instant, TODAY } from '../test/support/test-days.js';
import { startTestSystem } from '../test/support/test-system.js';
import type { ClientMessage } from './support/sse-clients.js';
import { serverVersion } from './support/pgbench.js';
import { loadAverage, machineLine, percentile } from './support/stats.js';

const STREAMS = Number(process.env.BENCH_STREAMS ?? 1000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 50);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc (npm run bench:live)');

const clock = new TestClock();
clock.set(instant(TODAY, '08:45'));
const redisPort = await freePort();
const redis = await startRedisServer(redisPort);
const system = await startTestSystem('bench_live', { redisUrl: `redis://127.0.0.1:${redisPort}`, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
let clients: ChildProcess | null = null;
try {
  console.log(machineLine(await serverVersion()));
  const admin = await signInAs(system.url, 'demo-admin-a');
  const storeId = admin.me.stores[0]!.id;
  const check = async (res: Response, status = 200) => {
    if (res.status !== status) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const display = await check(await admin.post(`/api/v1/stores/${storeId}/devices`, { name: 'Οθόνη αναμονής', kind: 'display' }), 201);
  const booked = await check(await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Δοκιμή', lastName: 'Μετρήσεων', startsAt: `${TODAY}T09:00` }), 201);
  await check(await admin.post(`/api/v1/stores/${storeId}/arrivals`, { reference: booked.reference }));
  const call = () => admin.post(`/api/v1/stores/${storeId}/queues/${booked.queueId}/calls`, { appointmentId: booked.id });
  await check(await call());

  // The screens: half staff (the administrator's session cookie, read as any request would be), half displays.
  const cookie = admin.browser.cookieHeader(`${system.url}/api/v1/`);
  const staffCount = Math.ceil(STREAMS / 2);
  const groups = [
    { label: 'staff', url: `${system.url}/api/v1/stores/${storeId}/events`, headers: { cookie }, count: staffCount },
    { label: 'display', url: `${system.url}/api/v1/stores/${storeId}/display/events`, headers: { authorization: `Bearer ${display.key}` }, count: STREAMS - staffCount },
  ];

  gc();
  const before = process.memoryUsage();
  clients = fork(new URL('./support/sse-clients.ts', import.meta.url), { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const messages: ClientMessage[] = [];
  const waiters = new Set<() => void>();
  clients.on('message', (m: ClientMessage) => {
    messages.push(m);
    for (const w of [...waiters]) w();
  });
  const next = async <K extends ClientMessage['kind']>(kind: K, ms = 60_000): Promise<Extract<ClientMessage, { kind: K }>> => {
    const deadline = Date.now() + ms;
    for (;;) {
      const failed = messages.find((m) => m.kind === 'failed');
      if (failed) throw new Error(`screens: ${(failed as { error: string }).error}`);
      const i = messages.findIndex((m) => m.kind === kind);
      if (i >= 0) return messages.splice(i, 1)[0] as Extract<ClientMessage, { kind: K }>;
      if (Date.now() > deadline) throw new Error(`no ${kind} from the screens within ${ms} ms`);
      await new Promise<void>((resolve) => {
        const wake = () => (waiters.delete(wake), clearTimeout(timer), resolve());
        const timer = setTimeout(wake, 1000);
        waiters.add(wake);
      });
    }
  };
  const connectStart = performance.now();
  clients.send({ streams: groups });
  await next('connected', 120_000);
  const connectS = (performance.now() - connectStart) / 1000;
  await new Promise((r) => setTimeout(r, 1000));
  gc();
  const after = process.memoryUsage();

  const latency: Record<string, number[]> = { staff: [], display: [] };
  const last: number[] = [];
  const requestMs: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    clock.set(new Date(instant(TODAY, '08:45').getTime() + (round + 1) * 1000));
    const sent = performance.timeOrigin + performance.now();
    await check(await call());
    requestMs.push(performance.timeOrigin + performance.now() - sent);
    const { received } = await next('round', 30_000);
    let slowest = 0;
    for (const [label, stamps] of Object.entries(received)) {
      for (const s of stamps) {
        latency[label]!.push(s - sent);
        slowest = Math.max(slowest, s - sent);
      }
    }
    last.push(slowest);
    await new Promise((r) => setTimeout(r, 100));
  }

  const ms = (v: number | null) => (v === null ? '–' : v.toFixed(1));
  const row = (label: string, values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return [label, String(values.length), ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(sorted.at(-1) ?? null)];
  };
  const rows = [
    row(`call → staff screen (${staffCount} streams)`, latency.staff!),
    row(`call → call display (${STREAMS - staffCount} streams)`, latency.display!),
    row(`call → last of ${STREAMS} screens, per round`, last),
    row('the call request itself', requestMs),
  ];
  const header = ['latency', 'samples', 'p50 ms', 'p95 ms', 'max ms'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(`\n${STREAMS} streams of one KEP on one instance, ${ROUNDS} calls; connected in ${connectS.toFixed(1)} s\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`);
  for (const r of rows) console.log(line(r));
  const per = (a: number, b: number) => `${((a - b) / STREAMS / 1024).toFixed(1)} KiB`;
  console.log(`\nserver memory per connection (after GC): RSS ${per(after.rss, before.rss)}, V8 heap ${per(after.heapUsed, before.heapUsed)}, external+buffers ${per(after.external + after.arrayBuffers, before.external + before.arrayBuffers)}`);
  console.log(`load average at the end: ${loadAverage()}`);
} finally {
  clients?.kill();
  await system.close();
  await stopProcess(redis);
}
