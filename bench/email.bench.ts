/**
 * Email throughput and latency, as production runs it: the plugin (outbox relay → BullMQ on Redis) on
 * PostgreSQL, `npm run worker` processes (nodemailer over pooled SMTP) and a local SMTP server.
 *
 *   npm run bench:email
 *
 * 1. Throughput: with 1, then 4 worker processes running (each with the default concurrency 4 and
 *    4 pooled SMTP connections), 2,000 confirmation rows are committed in one statement; the clock
 *    runs from that commit until the SMTP server has received all 2,000 (relay + queue + render +
 *    .ics + SMTP + marking each row sent).
 * 2. Latency: with 4 worker processes, 300 appointments are booked through the HTTP API at 20 per
 *    second; each one's delay runs from sending the booking request to the SMTP server receiving its
 *    confirmation (matched by the Message-ID, which is derived from the outbox id).
 *
 * 3. A worker killed mid-batch (SIGKILL) with a mail server that takes 40 ms to answer each message:
 *    the copies per kill are the messages the server had taken but whose 250 (or whose recording as
 *    sent) the killed worker never got to; another worker sends the rest. Three kills, one per batch.
 *    `EMAIL_BENCH_PARTS=crash` runs this part alone.
 *
 * The SMTP server reads each message's headers only (no MIME parsing), so it costs little.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, totalmem } from 'node:os';
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import type { MikroORM } from '@mikro-orm/core';
import { addDays } from '../plugin/domain/local-day.js';
import { TestClock } from '../test/support/test-clock.js';
import { at, PINNED, TODAY } from '../test/support/test-days.js';

const REDIS_DB = 6;
const BATCH = 2000;
const WORKER_LEVELS = [1, 4];
const LATENCY = { bookings: 300, perSecond: 20, workers: 4 };
const ZONE = 'Europe/Athens';

/** A counting SMTP server: Message-ID → the time it arrived (ms, performance clock). */
async function startCountingSink(replyDelayMs = 0) {
  const arrivals = new Map<string, number[]>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    closeTimeout: 200,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (head.length < 8192) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*(<[^>]+>)/im.exec(head)?.[1] ?? '(none)';
        arrivals.set(id, [...(arrivals.get(id) ?? []), performance.now()]);
        // A slow server has the message (it counts as arrived) before it answers 250.
        if (replyDelayMs > 0) setTimeout(() => callback(), replyDelayMs);
        else callback();
      });
    },
  });
  server.on('error', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const total = () => [...arrivals.values()].reduce((n, a) => n + a.length, 0);
  return { url: `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`, arrivals, total, close: () => new Promise<void>((r) => server.close(() => r())) };
}

function startWorkers(count: number, env: Record<string, string>): Promise<ChildProcess[]> {
  return Promise.all(
    Array.from({ length: count }, () => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'worker/main.ts'], { env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
      return new Promise<ChildProcess>((resolve, reject) => {
        let out = '';
        const onData = (c: Buffer) => {
          out += c.toString();
          if (out.includes('[worker] ready')) resolve(child);
        };
        child.stdout!.on('data', onData);
        child.stderr!.on('data', onData);
        child.on('exit', (code) => reject(new Error(`worker exited ${code}: ${out}`)));
      });
    }),
  );
}

async function stopWorkers(children: ChildProcess[]): Promise<void> {
  await Promise.all(children.map((c) => new Promise<void>((resolve) => {
    c.removeAllListeners('exit');
    c.once('exit', () => resolve());
    c.kill('SIGTERM');
  })));
}

async function until(predicate: () => boolean | Promise<boolean>, what: string, timeoutMs = 300_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await predicate())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** `count` appointments with their confirmation rows, committed in one statement; returns the outbox ids. */
async function seed(orm: MikroORM, count: number, firstStart: string): Promise<string[]> {
  const rows = (await orm.em.fork().getConnection().execute(
    `with q as (select q.id as queue_id, q.store_id from queue q join store s on s.id = q.store_id where s.code = 'KEP-ATH-0101' and q.is_default),
     a as (insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, email, created_by)
           select q.store_id, q.queue_id, t.ts, t.ts + interval '15 minutes', 'Μαρία', 'Παπαδοπούλου', 'citizen' || i || '@example.gr', 'bench'
             from q, generate_series(1, ?) i, lateral (select ?::timestamptz + (i - 1) * interval '15 minutes' as ts) t
           returning id)
     insert into outbox_message (kind, appointment_id) select 'appointment.confirmation', id from a returning id`,
    [count, firstStart],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function main(): Promise<void> {
  const { startTestSystem } = await import('../test/support/test-system.js');
  const { signInAs } = await import('../test/support/staff-client.js');
  const { messageIdFor } = await import('../worker/send-outbox-email.js');
  const redis = new Redis(`redis://127.0.0.1:6379/${REDIS_DB}`);
  await redis.flushdb();
  redis.disconnect();
  const sink = await startCountingSink();
  const clock = new TestClock();
  clock.start(PINNED); // running on from it: the outbox and the workers wait in real time
  const system = await startTestSystem('bench_email', { redisDb: REDIS_DB, clock: clock.now, env: { REMINDER_HOURS_BEFORE: '0' } });
  const env = { DATABASE_URL: system.databaseUrl, REDIS_URL: system.redisUrl, SMTP_URL: sink.url };
  const rows: string[] = [];
  const loads: number[] = [];
  const parts = (process.env.EMAIL_BENCH_PARTS ?? 'throughput,latency,crash').split(',');
  try {
    // Each batch (2,000 × 15 minutes: three weeks) on days of its own after the pinned clock.
    let batch = 0;
    for (const n of parts.includes('throughput') ? WORKER_LEVELS : []) {
      const workers = await startWorkers(n, env);
      loads.push(loadavg()[0]!);
      const before = sink.total();
      const t0 = performance.now();
      const ids = await seed(system.orm, BATCH, at(addDays(TODAY, 30 * ++batch), '08:00'));
      system.host.rantevou.relay.nudge();
      await until(() => sink.total() - before >= BATCH, `${BATCH} emails with ${n} worker(s)`);
      const seconds = (performance.now() - t0) / 1000;
      const distinct = ids.filter((id) => sink.arrivals.has(messageIdFor(id))).length;
      await stopWorkers(workers);
      rows.push(`| outbox → SMTP, ${String(n).padStart(1)} worker process${n > 1 ? 'es' : '  '} | ${String(BATCH).padStart(8)} | ${(BATCH / seconds).toFixed(0).padStart(8)} | ${seconds.toFixed(2).padStart(7)} s |        |        | ${String(sink.total() - before - distinct).padStart(10)} |`);
    }

    if (parts.includes('latency')) rows.push(await latencyPart(system, env, loads, signInAs, messageIdFor, sink));
    if (parts.includes('crash')) rows.push(await crashPart(system, loads, messageIdFor));
  } finally {
    await system.close();
    await sink.close();
  }
  console.log(`Machine: ${cpus().length} vCPUs (${cpus()[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.versions.node}`);
  // Other work on the machine shows here: the bench's own processes alone keep it near 2 on 2 vCPUs.
  console.log(`Load average at the start of each part (1 min): ${loads.map((l) => l.toFixed(2)).join(', ')}`);
  console.log('| workload | emails | emails/s | elapsed | p50 | p95 | duplicates |');
  console.log('|:--|--:|--:|--:|--:|--:|--:|');
  for (const r of rows) console.log(r);
}

type System = Awaited<ReturnType<typeof import('../test/support/test-system.js').startTestSystem>>;
type Sink = Awaited<ReturnType<typeof startCountingSink>>;

/** Part 3: SIGKILL in the middle of a batch, against a mail server that answers each message after 40 ms. */
async function crashPart(system: System, loads: number[], messageIdFor: (id: string) => string): Promise<string> {
  const slow = await startCountingSink(40);
  const env = { DATABASE_URL: system.databaseUrl, REDIS_URL: system.redisUrl, SMTP_URL: slow.url, WORKER_LOCK_MS: '2000' };
  const copies: number[] = [];
  let total = 0;
  try {
    for (let kill = 0; kill < 3; kill++) {
      const before = slow.total();
      const ids = await seed(system.orm, 300, at(addDays(TODAY, 100 + 10 * kill), '08:00'));
      const [victim] = await startWorkers(1, env);
      loads.push(loadavg()[0]!);
      system.host.rantevou.relay.nudge();
      await until(() => slow.total() - before >= 100, 'the first hundred emails of the batch');
      victim!.removeAllListeners('exit');
      await new Promise<void>((resolve) => {
        victim!.once('exit', () => resolve());
        victim!.kill('SIGKILL');
      });
      const rest = await startWorkers(1, env);
      await until(() => ids.every((id) => slow.arrivals.has(messageIdFor(id))), 'the rest of the batch');
      const sent = async () => ((await system.orm.em.fork().getConnection().execute(`select count(*)::int as n from outbox_message where id in (?) and status = 'sent'`, [ids])) as { n: number }[])[0]!.n;
      await until(async () => (await sent()) === ids.length, 'every row recorded as sent');
      await stopWorkers(rest);
      copies.push(slow.total() - before - ids.length);
      total += ids.length;
    }
  } finally {
    await slow.close();
  }
  return `| SIGKILL mid-batch, 1 worker (4 SMTP connections), server answers in 40 ms; copies per kill: ${copies.join(', ')} | ${String(total).padStart(8)} |          |           |        |        | ${String(copies.reduce((a, b) => a + b, 0)).padStart(10)} |`;
}

/** Part 2: bookings through the API at a steady rate, each one's confirmation timed to the mail server. */
async function latencyPart(
  system: System,
  env: Record<string, string>,
  loads: number[],
  signInAs: typeof import('../test/support/staff-client.js').signInAs,
  messageIdFor: (id: string) => string,
  sink: Sink,
): Promise<string> {
  {
    const workers = await startWorkers(LATENCY.workers, env);
    loads.push(loadavg()[0]!);
    const staff = await signInAs(system.url, 'demo-operator-a');
    const storeId = staff.me.stores[0]!.id;
    const slots = await freeSlots(staff, system.url, storeId, LATENCY.bookings);
    const sentAt = new Map<string, number>();
    const start = performance.now();
    const requests: Promise<void>[] = [];
    for (let i = 0; i < LATENCY.bookings; i++) {
      const due = start + (i * 1000) / LATENCY.perSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
      const t = performance.now();
      requests.push(
        staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Γιώργος', lastName: 'Οικονόμου', startsAt: slots[i], email: `latency${i}@example.gr` }).then(async (res) => {
          if (res.status !== 201) throw new Error(`booking answered ${res.status}: ${await res.text()}`);
          sentAt.set(((await res.json()) as { id: string }).id, t);
        }),
      );
    }
    await Promise.all(requests);
    const outbox = (await system.orm.em.fork().getConnection().execute(`select id, appointment_id from outbox_message where appointment_id in (?)`, [[...sentAt.keys()]])) as { id: string; appointment_id: string }[];
    await until(() => outbox.every((o) => sink.arrivals.has(messageIdFor(o.id))), 'every booking’s confirmation');
    const delays = outbox.map((o) => sink.arrivals.get(messageIdFor(o.id))![0]! - sentAt.get(o.appointment_id)!).sort((a, b) => a - b);
    await stopWorkers(workers);
    return `| booking → delivered, ${LATENCY.workers} workers, ${LATENCY.perSecond}/s | ${String(LATENCY.bookings).padStart(8)} |          |           | ${percentile(delays, 50).toFixed(0).padStart(3)} ms | ${percentile(delays, 95).toFixed(0).padStart(3)} ms |          0 |`;
  }
}

/** The first `count` free slots of the KEP's default queue from 140 days after the pinned clock on (after the seeded batches), read from the availability API. */
async function freeSlots(staff: { get(path: string): Promise<Response> }, _base: string, storeId: string, count: number): Promise<string[]> {
  const queues = (await (await staff.get(`/api/v1/stores/${storeId}/queues`)).json()) as { items: { id: string; isDefault: boolean }[] };
  const queueId = queues.items.find((q) => q.isDefault)!.id;
  const out: string[] = [];
  let from = DateTime.fromISO(addDays(TODAY, 140), { zone: ZONE });
  while (out.length < count) {
    const to = from.plus({ days: 30 });
    const res = await staff.get(`/api/v1/stores/${storeId}/availability?queueId=${queueId}&from=${from.toISODate()}&to=${to.toISODate()}`);
    if (res.status !== 200) throw new Error(`availability answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as { days: { slots: { queueId: string; start: string }[] }[] };
    for (const slot of page.days.flatMap((d) => d.slots)) {
      if (slot.queueId === queueId) out.push(DateTime.fromISO(slot.start).setZone(ZONE).toFormat("yyyy-MM-dd'T'HH:mm"));
    }
    from = to.plus({ days: 1 });
  }
  return out.slice(0, count);
}

await main();
process.exit(0);
