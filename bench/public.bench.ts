/**
 * The public booking API under load: 50 concurrent clients (autocannon, on loopback only), each
 * workload bounded in time, then `pgbench` as the reference for this machine's PostgreSQL in the same
 * run. Prints one table and each target of issue 14 with its figure (BENCHMARKS.md records runs).
 * `BENCH_CPU_PROFILE=/tmp/availability.cpuprofile` also profiles the server during the availability
 * of the 20-counter KEP and prints where its time went. During hold + book it samples what
 * PostgreSQL's connections are doing (running, waiting for a lock or a commit's flush, idle).
 *
 *   npm run bench:public      # about 1 minute
 *
 * The main thread runs the whole system as production runs it (PostgreSQL, BullMQ on Redis, an
 * external citizen OpenID provider; `test/public/public-system.ts`); autocannon runs in a worker
 * thread so that its own work does not share the server's event loop. A bench KEP with 20 public
 * counters gives the booking workload enough free slots: each connection is its own signed-in
 * citizen and books a slot of its own (hold, then book with an Idempotency-Key), so every request
 * should succeed.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';
import { startCpuProfile } from './support/cpu-profile.js';
import { runPgbench, serverVersion, tpcbTps, type PgbenchResult } from './support/pgbench.js';
import { loadAverage, machineLine, percentile } from './support/stats.js';
import { sampleWaitEvents } from './support/wait-events.js';

const CONNECTIONS = 50;
const SECONDS = 8;
const COUNTERS = 20;
/**
 * Issue 14's targets. Bookings/s ÷ pgbench TPC-B tps: 3× that of 2026-12-06 (100 hold + book
 * rounds/s against 3,456 tps, 0.029).
 */
const TARGETS = { holdBookP95Ms: 250, bookingRatio: 3 * (100 / 3456), availabilityPerSecond: 1000, availabilityP95Ms: 100 };

interface Plan {
  url: string;
  tokens: string[];
  athens: string;
  bench: string;
  procedureId: string;
  athensProcedureId: string;
  /** Free slot times of the bench KEP; each can be held once per counter. */
  benchSlots: string[];
  /** A time of the Athens KEP that is already booked: every hold of it answers 409. */
  takenSlot: string;
}

const HOLD_AND_BOOK = 'POST hold + POST booking';
/**
 * `BENCH_CPU_PROFILE=file`: a CPU profile of the server thread during one workload, by default the
 * availability of the bench KEP (`BENCH_PROFILE_WORKLOAD` names another, as the table does).
 */
const PROFILE = process.env.BENCH_CPU_PROFILE
  ? { file: process.env.BENCH_CPU_PROFILE, workload: process.env.BENCH_PROFILE_WORKLOAD ?? `GET availability, ${COUNTERS} counters` }
  : null;

type WorkerMessage = { kind: 'start' | 'end'; workload: string } | { kind: 'done'; rows: Row[] };

interface Row {
  workload: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  note: string;
  /** Hold + book: completed bookings per second, and the p95 of a whole round (hold, then booking). */
  bookingsPerSecond?: number;
  roundP95?: number;
}

async function main(): Promise<void> {
  console.log(machineLine(await serverVersion()));
  const { startPublicSystem } = await import('../test/public/public-system.js');
  const system = await startPublicSystem('bench_public', {
    env: { PUBLIC_READS_PER_MINUTE: '100000000', PUBLIC_WRITES_PER_MINUTE: '100000000', PUBLIC_MAX_FUTURE_PER_CITIZEN: '1000' },
  });
  let rows: Row[];
  let benchSlots: string[];
  try {
    const bench = await seedBenchKep(system.orm, COUNTERS);
    const procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${bench}/procedures`)).json())[0].id;
    const availability = await (await fetch(`${system.url}/api/v1/public/stores/${bench}/availability?to=${new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10)}`)).json();
    benchSlots = availability.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots.map((s) => s.startsAt));
    const citizens = await Promise.all(Array.from({ length: 2 * CONNECTIONS }, (_, i) => system.citizen(`citizen-bench-${i}`)));
    const athensStarts: string[] = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/availability`)).json()).days.flatMap(
      (d: { slots: { startsAt: string }[] }) => d.slots.map((s) => s.startsAt),
    );
    const takenSlot = athensStarts[0]!;
    const athensProcedure = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
    const first = await citizens[0]!.holdAndBook({ storeId: system.stores.athens, startsAt: takenSlot, mode: 'in_person', procedureId: athensProcedure });
    if (first.booked?.status !== 201) throw new Error('could not book the slot the 409 workload races for');

    const datname = ((await system.orm.em.getConnection().execute('select current_database() as d')) as { d: string }[])[0]!.d;
    console.log(`load average ${loadAverage()} before the workloads`);
    const plan: Plan = { url: system.url, tokens: citizens.map((c) => c.token), athens: system.stores.athens, bench, procedureId, athensProcedureId: athensProcedure, benchSlots, takenSlot };
    rows = await new Promise<Row[]>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: plan, execArgv: ['--import', 'tsx'] });
      let profile: Promise<{ stop(file: string): Promise<string[]> }> | null = null;
      let waits: Promise<{ stop(): Promise<string> }> | null = null;
      worker.on('message', (m: WorkerMessage) => {
        if (m.kind === 'done') return resolve(m.rows);
        if (m.workload === HOLD_AND_BOOK) {
          if (m.kind === 'start') waits = sampleWaitEvents(datname);
          else void waits?.then((w) => w.stop()).then((line) => console.log(`PostgreSQL's connections during ${HOLD_AND_BOOK}: ${line}`), reject);
        }
        if (PROFILE && m.workload === PROFILE.workload) {
          if (m.kind === 'start') profile = startCpuProfile();
          else void profile?.then((p) => p.stop(PROFILE.file)).then((lines) => console.log([...lines, `(profile written to ${PROFILE.file})`].join('\n')), reject);
        }
      });
      worker.once('error', reject);
    });
    // autocannon stops on time with requests still in the server's queue: let them finish before closing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
  } finally {
    await system.close();
  }
  const pgbench = await runPgbench();
  console.log(render(rows, benchSlots.length, pgbench));
  for (const line of targets(rows, pgbench)) console.log(line);
  console.log(`load average ${loadAverage()} at the end`);
}

/** A KEP with `counters` public in-person queues (weekdays 08:00–15:00, 15-minute slots) offering every procedure. */
async function seedBenchKep(orm: import('@mikro-orm/core').MikroORM, counters: number): Promise<string> {
  const { Store } = await import('../plugin/db/store.entity.js');
  const { Queue } = await import('../plugin/db/queue.entity.js');
  const { Procedure } = await import('../plugin/db/procedure.entity.js');
  const { StoreProcedure } = await import('../plugin/db/store-procedure.entity.js');
  const { WEEKDAY_HOURS } = await import('../plugin/domain/weekly-hours.js');
  const em = orm.em.fork();
  const store = em.create(Store, { code: 'KEP-BENCH-01', name: 'ΚΕΠ Δοκιμής Φόρτου', municipality: 'Δοκιμών', address: 'Οδός Δοκιμής 1', timeZone: 'Europe/Athens', contactEmail: null });
  for (let i = 0; i < counters; i++) {
    em.create(Queue, { store, name: `Θυρίδα ${i + 1}`, isDefault: i === 0, mode: 'in_person', slotMinutes: 15, weeklyHours: WEEKDAY_HOURS, active: true, public: true });
  }
  for (const procedure of await em.find(Procedure, {})) em.create(StoreProcedure, { store, procedure });
  await em.flush();
  return store.id;
}

/** Runs each workload for {@link SECONDS} at {@link CONNECTIONS} connections. */
async function load(plan: Plan): Promise<Row[]> {
  const rows: Row[] = [];
  // autocannon clears a connection's context after each round of requests, so a citizen is taken
  // from this pool for one hold-and-book round and given back after it: no two rounds in flight
  // share a citizen (a citizen's new hold would let their other one go).
  const free = [...plan.tokens];
  const take = (context: Record<string, unknown>) => (context.token = free.pop() ?? plan.tokens[0]);
  const giveBack = (context: Record<string, unknown>) => {
    if (context.token) free.push(context.token as string);
    context.token = undefined;
  };

  rows.push(await run('GET /public/stores?q=αθην', { url: `${plan.url}/api/v1/public/stores?q=${encodeURIComponent('αθην')}` }, 200, 'KEP search (cached list)'));
  rows.push(await run('GET availability, 1 counter', { url: `${plan.url}/api/v1/public/stores/${plan.athens}/availability` }, 200, '14 days, demo KEP'));
  rows.push(await run(`GET availability, ${COUNTERS} counters`, { url: `${plan.url}/api/v1/public/stores/${plan.bench}/availability` }, 200, '14 days, merged'));

  let nextSlot = 0;
  let booked = 0;
  const rounds: number[] = [];
  const samples: string[] = [];
  const flow = await run(
    HOLD_AND_BOOK,
    {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/public/holds',
          setupRequest: (req, ctx) => {
            const context = ctx as Record<string, unknown>;
            const startsAt = plan.benchSlots[Math.floor(nextSlot++ / COUNTERS) % plan.benchSlots.length];
            context.roundStart = performance.now();
            return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${take(context)}` }, body: JSON.stringify({ storeId: plan.bench, startsAt, mode: 'in_person', procedureId: plan.procedureId }) };
          },
          onResponse: (status, body, ctx) => {
            const context = ctx as Record<string, unknown>;
            context.holdId = status === 201 ? JSON.parse(body).holdId : null;
            if (status === 201) return;
            giveBack(context);
            if (samples.length < 5) samples.push(`hold ${status} ${body.slice(0, 300)}`);
          },
        },
        {
          method: 'POST',
          path: '/api/v1/public/bookings',
          setupRequest: (req, ctx) => {
            const context = ctx as Record<string, unknown>;
            if (!context.holdId) return undefined as never;
            const body = { holdId: context.holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'bench@citizen.example.gr', language: 'el' };
            return { ...req, headers: { 'content-type': 'application/json', authorization: `Bearer ${context.token as string}`, 'idempotency-key': crypto.randomUUID() }, body: JSON.stringify(body) };
          },
          onResponse: (status, body, ctx) => {
            const context = ctx as Record<string, unknown>;
            if (status === 201) rounds.push(performance.now() - (context.roundStart as number));
            giveBack(context);
            if (status === 201) booked++;
            else if (samples.length < 5) samples.push(`booking ${status} ${body.slice(0, 300)}`);
          },
        },
      ],
    },
    201,
    '',
  );
  rounds.sort((a, b) => a - b);
  flow.bookingsPerSecond = booked / SECONDS;
  flow.roundP95 = percentile(rounds, 95) ?? NaN;
  flow.note = `${Math.round(booked / SECONDS)} bookings/s; a round (hold, then booking) p50 ${(percentile(rounds, 50) ?? NaN).toFixed(0)} ms, p95 ${flow.roundP95.toFixed(0)} ms`;
  for (const sample of samples) console.error(`unexpected answer: ${sample}`);
  rows.push(flow);

  rows.push(
    await run(
      'POST hold of a taken slot',
      {
        requests: [
          {
            method: 'POST',
            path: '/api/v1/public/holds',
            setupRequest: (req) => ({
              ...req,
              headers: { 'content-type': 'application/json', authorization: `Bearer ${plan.tokens[0]}` },
              body: JSON.stringify({ storeId: plan.athens, startsAt: plan.takenSlot, mode: 'in_person', procedureId: plan.athensProcedureId }),
            }),
          },
        ],
      },
      409,
      '409 with next free slots',
    ),
  );
  return rows;

  async function run(workload: string, options: Partial<autocannon.Options>, expected: number, note: string): Promise<Row> {
    const latencies: number[] = [];
    let errors = 0;
    parentPort!.postMessage({ kind: 'start', workload } satisfies WorkerMessage);
    const instance = autocannon({ url: plan.url, connections: CONNECTIONS, duration: SECONDS, ...options } as autocannon.Options) as unknown as autocannon.Instance &
      PromiseLike<autocannon.Result>;
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status !== expected) errors++;
    });
    const result = await instance;
    parentPort!.postMessage({ kind: 'end', workload } satisfies WorkerMessage);
    latencies.sort((a, b) => a - b);
    const at = (p: number) => percentile(latencies, p) ?? NaN;
    errors += result.errors + result.timeouts;
    return { workload, requests: latencies.length, perSecond: Math.round(latencies.length / SECONDS), p50: at(50), p95: at(95), p99: at(99), errors, note };
  }
}

function render(rows: Row[], benchSlots: number, pgbench: PgbenchResult[]): string {
  const pad = (s: string | number, n: number, right = true) => (right ? String(s).padStart(n) : String(s).padEnd(n));
  const lines = [
    `### Public booking run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${CONNECTIONS} connections, ${SECONDS} s each, ${benchSlots} free slot times × ${COUNTERS} counters in the bench KEP)`,
    '',
    '| workload                          | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | note |',
    '|:----------------------------------|---------:|-----------:|-------:|-------:|-------:|-------:|:-----|',
    ...rows.map((r) => `| ${pad(r.workload, 33, false)} | ${pad(r.requests, 8)} | ${pad(r.perSecond, 10)} | ${pad(r.p50.toFixed(1), 6)} | ${pad(r.p95.toFixed(1), 6)} | ${pad(r.p99.toFixed(1), 6)} | ${pad(r.errors, 6)} | ${r.note} |`),
    ...pgbench.map((r) => {
      const ms = (v: number | null) => pad(v === null ? '-' : v.toFixed(2), 6);
      return `| ${pad(r.workload, 33, false)} | ${pad(r.transactions, 8)} | ${pad(r.tps.toFixed(0), 10)} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.p99)} | ${pad(r.failed, 6)} | ${r.clients} clients, reference |`;
    }),
    '',
  ];
  return lines.join('\n');
}

/** Each of issue 14's public targets: the figure of this run, and whether it was reached. */
function targets(rows: Row[], pgbench: PgbenchResult[]): string[] {
  const flow = rows.find((r) => r.bookingsPerSecond !== undefined)!;
  const availability = rows.find((r) => r.workload === `GET availability, ${COUNTERS} counters`)!;
  const ratio = flow.bookingsPerSecond! / tpcbTps(pgbench);
  const check = (ok: boolean) => (ok ? 'reached' : 'not reached');
  return [
    `hold + book: p95 ${flow.p95.toFixed(0)} ms per request, ${flow.roundP95!.toFixed(0)} ms per round (target < ${TARGETS.holdBookP95Ms} ms per request: ${check(flow.p95 < TARGETS.holdBookP95Ms)})`,
    `hold + book: ${flow.bookingsPerSecond!.toFixed(0)} bookings/s ÷ pgbench TPC-B ${tpcbTps(pgbench).toFixed(0)} tps = ${ratio.toFixed(3)} (target ≥ ${TARGETS.bookingRatio.toFixed(3)}: ${check(ratio >= TARGETS.bookingRatio)})`,
    `availability of ${COUNTERS} counters: ${availability.perSecond} req/s, p95 ${availability.p95.toFixed(0)} ms (target ≥ ${TARGETS.availabilityPerSecond} req/s with p95 < ${TARGETS.availabilityP95Ms} ms: ${check(availability.perSecond >= TARGETS.availabilityPerSecond && availability.p95 < TARGETS.availabilityP95Ms)})`,
  ];
}

if (isMainThread) await main();
else parentPort!.postMessage({ kind: 'done', rows: await load(workerData as Plan) } satisfies WorkerMessage);
