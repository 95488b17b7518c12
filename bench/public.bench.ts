/**
 * The public booking API under load: 50 concurrent clients (autocannon, on loopback only), each
 * workload bounded in time, first against the host in this process, then against the host as
 * production runs it with `WEB_CONCURRENCY=2` (a child process on node:cluster,
 * `bench/support/cluster-host.ts`), then `pgbench` as the reference for this machine's PostgreSQL in
 * the same run. Prints a table per host and each target of issue 14 with its figure (BENCHMARKS.md
 * records runs). During hold + book it samples what PostgreSQL's connections are doing (running,
 * waiting for a lock or a commit's flush, idle: waiting for Node).
 *
 *   npm run bench:public      # about 3 minutes
 *   BENCH_PARTS=cluster npm run bench:public     # one host only: in-process or cluster
 *   BENCH_CPU_PROFILE=/tmp/availability.cpuprofile npm run bench:public   # profiles the in-process
 *     server during the 20-counter availability (BENCH_PROFILE_WORKLOAD names another workload)
 *
 * In-process, the main thread runs the whole system as production runs it (PostgreSQL, BullMQ on
 * Redis, an external citizen OpenID provider; `test/public/public-system.ts`); autocannon always runs
 * in a worker thread so that its own work does not share the server's event loop. A bench KEP with
 * 20 public counters gives the booking workload enough free slots: each connection is its own
 * signed-in citizen and books a slot of its own (hold, then book with an Idempotency-Key), so every
 * request should succeed. Days are the machine's: the next 60 (the public horizon) from today.
 */
import { performance } from 'node:perf_hooks';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { MikroORM } from '@mikro-orm/core';
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

/** The host under load: in this process (`startPublicSystem`), or as production runs it with `WEB_CONCURRENCY` processes. */
interface PublicHost {
  label: string;
  url: string;
  orm: MikroORM;
  athens: string;
  citizenToken(sub: string): Promise<string>;
  /** The thread to profile is this one (the in-process host). */
  inProcess: boolean;
  close(): Promise<void>;
}

const LIMITS = { PUBLIC_READS_PER_MINUTE: '100000000', PUBLIC_WRITES_PER_MINUTE: '100000000', PUBLIC_MAX_FUTURE_PER_CITIZEN: '1000' };
const PARTS = new Set((process.env.BENCH_PARTS ?? 'in-process,cluster').split(','));
const CLUSTER_PROCESSES = 2;

async function main(): Promise<void> {
  console.log(machineLine(await serverVersion()));
  const runs: { host: string; rows: Row[]; slots: number }[] = [];
  for (const start of [PARTS.has('in-process') && inProcessHost, PARTS.has('cluster') && clusterHost]) {
    if (!start) continue;
    const host = await start();
    try {
      runs.push({ host: host.label, ...(await loadHost(host)) });
    } finally {
      await host.close();
    }
  }
  const pgbench = await runPgbench();
  for (const run of runs) {
    console.log(render(run.host, run.rows, run.slots, pgbench));
    for (const line of targets(run.rows, pgbench)) console.log(`${run.host}: ${line}`);
    console.log('');
  }
  console.log(`load average ${loadAverage()} at the end`);
}

async function inProcessHost(): Promise<PublicHost> {
  const { startPublicSystem } = await import('../test/public/public-system.js');
  const system = await startPublicSystem('bench_public', { env: LIMITS });
  return {
    label: 'one process (in the bench)',
    url: system.url,
    orm: system.orm,
    athens: system.stores.athens,
    citizenToken: async (sub) => (await system.citizen(sub)).token,
    inProcess: true,
    close: () => system.close(),
  };
}

async function clusterHost(): Promise<PublicHost> {
  const { startClusterHost } = await import('./support/cluster-host.js');
  const { GOVGR_ORIGIN, PUBLIC_REDIS_DB } = await import('../test/public/public-system.js');
  const { issueCitizenToken } = await import('../plugin/public/citizen-auth.js');
  const { Store } = await import('../plugin/db/store.entity.js');
  const host = await startClusterHost({
    processes: CLUSTER_PROCESSES,
    redisDb: PUBLIC_REDIS_DB,
    label: 'bench_public_cluster',
    // Never reached: the citizens' tokens are issued in the database, as the sign-in's callback would.
    env: { ...LIMITS, PUBLIC_ORIGINS: GOVGR_ORIGIN, CITIZEN_OIDC_ISSUER: 'http://127.0.0.1:9/citizen-idp', CITIZEN_OIDC_CLIENT_ID: 'rantevou-citizen-bench', CITIZEN_OIDC_CLIENT_SECRET: 'not-used-0123456789' },
  });
  const athens = (await host.orm.em.fork().findOne(Store, { code: 'KEP-ATH-0101' }))!;
  return {
    label: `WEB_CONCURRENCY=${CLUSTER_PROCESSES} (npm start in production)`,
    url: host.url,
    orm: host.orm,
    athens: athens.id,
    citizenToken: async (sub) => (await issueCitizenToken(host.orm, { sub, name: 'Δοκιμαστικός Πολίτης', email: `${sub}@citizen.example.gr` }, 120)).token,
    inProcess: false,
    close: () => host.close(),
  };
}

/** Seeds the bench KEP, signs the citizens in, and runs every workload against `host`. */
async function loadHost(host: PublicHost): Promise<{ rows: Row[]; slots: number }> {
  const { CitizenClient } = await import('../test/public/public-system.js');
  const json = async (path: string) => (await fetch(`${host.url}${path}`)).json();
  const bench = await seedBenchKep(host.orm, COUNTERS);
  const procedureId = (await json(`/api/v1/public/stores/${bench}/procedures`))[0].id;
  const slotsOf = (answer: { days: { slots: { startsAt: string }[] }[] }) => answer.days.flatMap((d) => d.slots.map((s) => s.startsAt));
  const benchSlots = slotsOf(await json(`/api/v1/public/stores/${bench}/availability?to=${new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10)}`));
  const tokens = await Promise.all(Array.from({ length: 2 * CONNECTIONS }, (_, i) => host.citizenToken(`citizen-bench-${i}`)));
  const takenSlot = slotsOf(await json(`/api/v1/public/stores/${host.athens}/availability`))[0]!;
  const athensProcedureId = (await json(`/api/v1/public/stores/${host.athens}/procedures`))[0].id;
  const first = await new CitizenClient(host.url, tokens[0]!).holdAndBook({ storeId: host.athens, startsAt: takenSlot, mode: 'in_person', procedureId: athensProcedureId });
  if (first.booked?.status !== 201) throw new Error('could not book the slot the 409 workload races for');

  const datname = ((await host.orm.em.getConnection().execute('select current_database() as d')) as { d: string }[])[0]!.d;
  console.log(`${host.label}: load average ${loadAverage()} before the workloads`);
  const plan: Plan = { url: host.url, tokens, athens: host.athens, bench, procedureId, athensProcedureId, benchSlots, takenSlot };
  const rows = await new Promise<Row[]>((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: plan, execArgv: ['--import', 'tsx'] });
    let profile: Promise<{ stop(file: string): Promise<string[]> }> | null = null;
    let waits: Promise<{ stop(): Promise<string> }> | null = null;
    worker.on('message', (m: WorkerMessage) => {
      if (m.kind === 'done') return resolve(m.rows);
      if (m.workload === HOLD_AND_BOOK) {
        if (m.kind === 'start') waits = sampleWaitEvents(datname);
        else void waits?.then((w) => w.stop()).then((line) => console.log(`${host.label}: PostgreSQL's connections during ${HOLD_AND_BOOK}: ${line}`), reject);
      }
      if (PROFILE && host.inProcess && m.workload === PROFILE.workload) {
        if (m.kind === 'start') profile = startCpuProfile();
        else void profile?.then((p) => p.stop(PROFILE.file)).then((lines) => console.log([...lines, `(profile written to ${PROFILE.file})`].join('\n')), reject);
      }
    });
    worker.once('error', reject);
  });
  // autocannon stops on time with requests still in the server's queue: let them finish before closing.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  return { rows, slots: benchSlots.length };
}

/** A KEP with `counters` public in-person queues (weekdays 08:00–15:00, 15-minute slots) offering every procedure. */
async function seedBenchKep(orm: MikroORM, counters: number): Promise<string> {
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

function render(host: string, rows: Row[], benchSlots: number, pgbench: PgbenchResult[]): string {
  const pad = (s: string | number, n: number, right = true) => (right ? String(s).padStart(n) : String(s).padEnd(n));
  const lines = [
    `### Public booking run, ${host}, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${CONNECTIONS} connections, ${SECONDS} s each, ${benchSlots} free slot times × ${COUNTERS} counters in the bench KEP)`,
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
