/**
 * Signed webhooks (issue 17 item 1) on PostgreSQL and Redis, in one process:
 *
 * 1. bookings per second through the staff API at 8 clients, without and with one active
 *    subscription (to every event), alternating in the same run (without, with, without, with), so the
 *    extra cost per booking — the trigger's event and delivery rows in the booking's transaction, and
 *    the deliveries the worker sends meanwhile — is measured against the same machine's state;
 * 2. deliveries per second from ONE BullMQ webhook worker (concurrency 8) to a local node:http
 *    receiver that answers 200: `BENCH_DELIVERIES` events written at once, timed until the last is
 *    logged delivered (relay, queue, signing, HTTP, the log's update).
 *
 * The server, the worker and the receiver share this process's event loop (the production worker is
 * a process of its own), so both numbers are lower bounds. The machine's load average is printed
 * before and after each part.
 *
 *   npm run bench:webhooks
 *   BENCH_REQUESTS=100 BENCH_DELIVERIES=300 npm run bench:webhooks   # a short trial
 */
import { performance } from 'node:perf_hooks';
import { DateTime } from 'luxon';
import { createWebhookWorker } from '../worker/webhook-worker.js';
import { signInAs, type StaffClient } from '../test/support/staff-client.js';
import { startTestSystem } from '../test/support/test-system.js';
import { startReceiver } from '../test/webhooks/webhook-receiver.js';
import { freeSlotTimes, queueIds, type Slot } from './support/free-slots.js';
import { serverVersion } from './support/pgbench.js';
import { loadAverage, machineLine, percentile } from './support/stats.js';

const CLIENTS = 8;
const REQUESTS_PER_ROUND = Number(process.env.BENCH_REQUESTS ?? 400);
const WARMUP = 200;
const DELIVERIES = Number(process.env.BENCH_DELIVERIES ?? 2000);
/** Shared with test/api/time-edges.test.ts (Redis has 16 databases); the bench uses the `webhook` queue only. */
const REDIS_DB = 9;
const ALL_EVENTS = ['appointment.created', 'appointment.changed', 'appointment.cancelled', 'appointment.arrived', 'appointment.served', 'appointment.no_show', 'appointment.missed_by_staff', 'appointment.hold_lapsed'];

interface Round {
  label: string;
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
}

async function main(): Promise<void> {
  console.log(machineLine(await serverVersion()));
  const receiver = await startReceiver();
  const system = await startTestSystem('bench_webhooks', { redisDb: REDIS_DB, env: { WEBHOOKS_ALLOW_PRIVATE_URLS: '1', ATTENDANCE_JOBS: '0', REMINDER_HOURS_BEFORE: '0' } });
  const worker = createWebhookWorker({ orm: system.orm, redisUrl: system.redisUrl, settings: { allowPrivateUrls: true, clock: () => new Date() }, concurrency: 8 });
  try {
    const admin = await signInAs(system.url, 'demo-admin-a');
    const clients: StaffClient[] = [];
    for (let i = 0; i < CLIENTS; i++) clients.push(await signInAs(system.url, 'demo-operator-a'));
    const storeId = admin.me.stores[0]!.id;
    const queueId = await queueIds(admin, system.url, storeId);
    const firstDay = DateTime.now().setZone('Europe/Athens').plus({ days: 1 }).toISODate()!;
    const slots = await freeSlotTimes(admin, system.url, storeId, queueId, firstDay, WARMUP + 4 * REQUESTS_PER_ROUND);
    let next = 0;
    const write = (who: StaffClient, method: string, path: string, body: unknown) =>
      who.browser.fetch(`${system.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken }, body: JSON.stringify(body) });

    const round = async (label: string, requests: number): Promise<Round> => {
      const latencies: number[] = [];
      let issued = 0;
      let errors = 0;
      const t0 = performance.now();
      await Promise.all(
        clients.map(async (client) => {
          while (issued < requests) {
            issued++;
            const slot: Slot = slots[next++]!;
            const s = performance.now();
            const res = await write(client, 'POST', `/api/v1/stores/${storeId}/appointments`, { firstName: 'Μαρία', lastName: 'Παπαδοπούλου', startsAt: slot.startsAt, queueId: slot.queueId });
            await res.text();
            latencies.push(performance.now() - s);
            if (res.status !== 201) errors++;
          }
        }),
      );
      const r = { label, requests: latencies.length, seconds: (performance.now() - t0) / 1000, latencies: latencies.sort((a, b) => a - b), errors };
      console.log(`${label.padEnd(22)} ${r.requests} bookings in ${r.seconds.toFixed(1)} s, ${errors} errors; load average ${loadAverage()}`);
      return r;
    };

    // Part 1: bookings without and with one subscription.
    console.log(`\nbookings at ${CLIENTS} clients, ${REQUESTS_PER_ROUND} per round; load average ${loadAverage()} before`);
    await round('warm-up', WARMUP);
    const created = await (await write(admin, 'POST', `/api/v1/stores/${storeId}/webhooks`, { url: `${receiver.url}/bench`, events: ALL_EVENTS })).json();
    const hook = `/api/v1/stores/${storeId}/webhooks/${(created as { id: string }).id}`;
    const setStatus = async (status: 'active' | 'paused') => void (await (await write(admin, 'PATCH', hook, { status })).text());
    const rounds: Round[] = [];
    for (const withSub of [false, true, false, true]) {
      await setStatus(withSub ? 'active' : 'paused');
      rounds.push(await round(withSub ? 'with one subscription' : 'without', REQUESTS_PER_ROUND));
    }
    await waitDelivered(system.orm, 0);

    // Part 2: deliveries per second from one worker.
    console.log(`\ndeliveries: ${DELIVERIES} events at once to one worker (concurrency 8); load average ${loadAverage()} before`);
    await setStatus('active');
    const conn = system.orm.em.fork().getConnection();
    const before = receiver.received.length;
    const t0 = performance.now();
    await conn.execute(
      `with ev as (insert into webhook_event (type, store_id, appointment_id, data)
                   select 'appointment.created', a.store_id, a.id, jsonb_build_object('appointmentId', a.id, 'storeId', a.store_id, 'status', a.status)
                     from appointment a, generate_series(1, ceil(?::numeric / greatest(1, (select count(*) from appointment where store_id = ?)))::int) g
                    where a.store_id = ? limit ? returning id)
       insert into webhook_delivery (subscription_id, event_id) select ?, id from ev`,
      [DELIVERIES, storeId, storeId, DELIVERIES, (created as { id: string }).id],
    );
    await waitDelivered(system.orm, 0);
    const seconds = (performance.now() - t0) / 1000;
    const sent = receiver.received.length - before;
    console.log(`delivered ${sent} in ${seconds.toFixed(1)} s; load average ${loadAverage()} after`);

    console.log('\n| workload | requests | per second | p50 ms | p95 ms | p99 ms | errors |\n|---|---|---|---|---|---|---|');
    for (const r of rounds) {
      const ms = (p: number) => (percentile(r.latencies, p) ?? 0).toFixed(1);
      console.log(`| bookings, ${r.label} | ${r.requests} | ${(r.requests / r.seconds).toFixed(0)} | ${ms(50)} | ${ms(95)} | ${ms(99)} | ${r.errors} |`);
    }
    const avg = (ws: boolean) => {
      const rs = rounds.filter((r) => (r.label !== 'without') === ws);
      return rs.reduce((n, r) => n + r.requests, 0) / rs.reduce((s, r) => s + r.seconds, 0);
    };
    console.log(`| deliveries, one worker | ${sent} | ${(sent / seconds).toFixed(0)} | | | | |`);
    console.log(`\nbookings/s without ${avg(false).toFixed(0)}, with one subscription ${avg(true).toFixed(0)} (${((1 - avg(true) / avg(false)) * 100).toFixed(1)} % fewer)`);
  } finally {
    await worker.close();
    await system.close();
    await receiver.close();
  }
}

/** Waits until no delivery is pending or queued. */
async function waitDelivered(orm: import('@mikro-orm/core').MikroORM, left: number): Promise<void> {
  for (;;) {
    const [row] = (await orm.em.fork().getConnection().execute(`select count(*)::int as n from webhook_delivery where status in ('pending', 'queued')`)) as { n: number }[];
    if (row!.n <= left) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

await main();
