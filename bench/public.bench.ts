/**
 * The public booking API under load: 50 concurrent clients (autocannon, on loopback only), each
 * workload bounded in time. Prints one table and appends it to BENCHMARKS.md.
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
import { readFileSync, writeFileSync } from 'node:fs';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import autocannon from 'autocannon';

const CONNECTIONS = 50;
const SECONDS = 8;
const COUNTERS = 20;

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

interface Row {
  workload: string;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  note: string;
}

async function main(): Promise<void> {
  const { startPublicSystem } = await import('../test/public/public-system.js');
  const system = await startPublicSystem('bench_public', {
    env: { PUBLIC_READS_PER_MINUTE: '100000000', PUBLIC_WRITES_PER_MINUTE: '100000000', PUBLIC_MAX_FUTURE_PER_CITIZEN: '1000' },
  });
  try {
    const bench = await seedBenchKep(system.orm, COUNTERS);
    const procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${bench}/procedures`)).json())[0].id;
    const availability = await (await fetch(`${system.url}/api/v1/public/stores/${bench}/availability?to=${new Date(Date.now() + 61 * 86_400_000).toISOString().slice(0, 10)}`)).json();
    const benchSlots: string[] = availability.days.flatMap((d: { slots: { startsAt: string }[] }) => d.slots.map((s) => s.startsAt));
    const citizens = await Promise.all(Array.from({ length: 2 * CONNECTIONS }, (_, i) => system.citizen(`citizen-bench-${i}`)));
    const athensStarts: string[] = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/availability`)).json()).days.flatMap(
      (d: { slots: { startsAt: string }[] }) => d.slots.map((s) => s.startsAt),
    );
    const takenSlot = athensStarts[0]!;
    const athensProcedure = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
    const first = await citizens[0]!.holdAndBook({ storeId: system.stores.athens, startsAt: takenSlot, mode: 'in_person', procedureId: athensProcedure });
    if (first.booked?.status !== 201) throw new Error('could not book the slot the 409 workload races for');

    const plan: Plan = { url: system.url, tokens: citizens.map((c) => c.token), athens: system.stores.athens, bench, procedureId, athensProcedureId: athensProcedure, benchSlots, takenSlot };
    const rows = await new Promise<Row[]>((resolve, reject) => {
      const worker = new Worker(new URL(import.meta.url), { workerData: plan, execArgv: ['--import', 'tsx'] });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    // autocannon stops on time with requests still in the server's queue: let them finish before closing.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const table = render(rows, benchSlots.length);
    console.log(table);
    appendToSection(new URL('../BENCHMARKS.md', import.meta.url), table);
  } finally {
    await system.close();
  }
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
  const samples: string[] = [];
  const flow = await run(
    'POST hold + POST booking',
    {
      requests: [
        {
          method: 'POST',
          path: '/api/v1/public/holds',
          setupRequest: (req, ctx) => {
            const context = ctx as Record<string, unknown>;
            const startsAt = plan.benchSlots[Math.floor(nextSlot++ / COUNTERS) % plan.benchSlots.length];
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
            giveBack(ctx as Record<string, unknown>);
            if (status === 201) booked++;
            else if (samples.length < 5) samples.push(`booking ${status} ${body.slice(0, 300)}`);
          },
        },
      ],
    },
    201,
    '',
  );
  flow.note = `${Math.round(booked / SECONDS)} bookings/s`;
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
    const instance = autocannon({ url: plan.url, connections: CONNECTIONS, duration: SECONDS, ...options } as autocannon.Options) as unknown as autocannon.Instance &
      PromiseLike<autocannon.Result>;
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      latencies.push(ms);
      if (status !== expected) errors++;
    });
    const result = await instance;
    latencies.sort((a, b) => a - b);
    const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    errors += result.errors + result.timeouts;
    return { workload, requests: latencies.length, perSecond: Math.round(latencies.length / SECONDS), p50: at(0.5), p95: at(0.95), p99: at(0.99), errors, note };
  }
}

const SECTION = '## Public booking (issue 7)';

/** Adds the run's table at the end of this bench's section of BENCHMARKS.md (creating the section if needed). */
function appendToSection(file: URL, table: string): void {
  let text = readFileSync(file, 'utf8');
  if (!text.includes(SECTION)) text = `${text.trimEnd()}\n\n${SECTION}\n`;
  const start = text.indexOf(SECTION);
  const next = text.indexOf('\n## ', start + SECTION.length);
  const at = next === -1 ? text.length : next + 1;
  writeFileSync(file, `${text.slice(0, at).trimEnd()}\n\n${table}\n${text.slice(at)}`);
}

function render(rows: Row[], benchSlots: number): string {
  const pad = (s: string | number, n: number, right = true) => (right ? String(s).padStart(n) : String(s).padEnd(n));
  const lines = [
    `### Public booking run, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC (${CONNECTIONS} connections, ${SECONDS} s each, ${benchSlots} free slot times × ${COUNTERS} counters in the bench KEP)`,
    '',
    '| workload                          | requests | requests/s | p50 ms | p95 ms | p99 ms | errors | note |',
    '|:----------------------------------|---------:|-----------:|-------:|-------:|-------:|-------:|:-----|',
    ...rows.map((r) => `| ${pad(r.workload, 33, false)} | ${pad(r.requests, 8)} | ${pad(r.perSecond, 10)} | ${pad(r.p50.toFixed(1), 6)} | ${pad(r.p95.toFixed(1), 6)} | ${pad(r.p99.toFixed(1), 6)} | ${pad(r.errors, 6)} | ${r.note} |`),
    '',
  ];
  return lines.join('\n');
}

if (isMainThread) await main();
else parentPort!.postMessage(await load(workerData as Plan));
