import { expect } from 'chai';
import type { MikroORM } from '@mikro-orm/core';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { TestClock } from '../support/test-clock.js';
import { at, day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { countByMessageId, flushRedisDb, spawnWorker, type WorkerProcess } from './email-support.js';

const REDIS_DB = 4;

/** `count` appointments of the first demo KEP, each with its confirmation in the outbox, in one statement. */
async function seedBatch(orm: MikroORM, count: number, firstStart: string, tag: string): Promise<string[]> {
  const rows = (await orm.em.fork().getConnection().execute(
    `with q as (select q.id as queue_id, q.store_id from queue q join store s on s.id = q.store_id where s.code = 'KEP-ATH-0101' and q.is_default),
     a as (insert into appointment (store_id, queue_id, starts_at, ends_at, first_name, last_name, email, created_by)
           select q.store_id, q.queue_id, t.ts, t.ts + interval '15 minutes', 'Πολίτης', ? || ' ' || i, ? || i || '@citizen.example.gr', 'test'
             from q, generate_series(1, ?) i, lateral (select ?::timestamptz + (i - 1) * interval '15 minutes' as ts) t
           returning id)
     insert into outbox_message (kind, appointment_id) select 'appointment.confirmation', id from a returning id`,
    [tag, tag, count, firstStart],
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

async function statusesOf(orm: MikroORM, ids: string[]): Promise<Record<string, number>> {
  const rows = (await orm.em.fork().getConnection().execute(`select status, count(*)::int as n from outbox_message where id in (?) group by status`, [ids])) as { status: string; n: number }[];
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('the worker process killed or stopped in the middle of a batch (npm run worker)', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  const workers: WorkerProcess[] = [];
  let workerEnv: Record<string, string>;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    // A slow mail server, so that many messages are in flight when the worker goes.
    sink = await startSmtpSink({ replyDelayMs: 40 });
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_crash', { clock: clock.now, redisDb: REDIS_DB });
    workerEnv = {
      DATABASE_URL: system.databaseUrl,
      REDIS_URL: system.redisUrl,
      SMTP_URL: sink.url,
      WORKER_CONCURRENCY: '8',
      SMTP_POOL_SIZE: '4',
      // A killed worker's jobs are taken over once their 2-second lock lapses, not after 30 s.
      WORKER_LOCK_MS: '2000',
      WORKER_RETRY_DELAY_MS: '100',
    };
  });
  after(async () => {
    for (const w of workers) if (w.child.exitCode === null) w.child.kill('SIGKILL');
    await system?.close();
    await sink?.close();
  });

  it('delivers all 200 after a SIGKILL; a copy, if any, carries the same Message-ID', async function () {
    const ids = await seedBatch(system.orm, 200, at(day(1), '08:00'), 'Δέσμης');
    const first = spawnWorker(workerEnv);
    workers.push(first);
    await first.ready;
    await eventually(() => sink.messages.length >= 60, 'the first sixty emails', 30_000);
    first.child.kill('SIGKILL');
    await first.exited;
    const sentAtKill = (await statusesOf(system.orm, ids)).sent ?? 0;
    expect(sentAtKill, 'killed in the middle of the batch').to.be.below(200);

    const second = spawnWorker(workerEnv);
    workers.push(second);
    await second.ready;
    await eventually(async () => (await statusesOf(system.orm, ids)).sent === 200, 'all 200 rows sent', 60_000);
    await eventually(() => sink.messages.length >= 200, 'all 200 emails at the server');

    const counts = countByMessageId(sink.messages.map((m) => m.messageId));
    expect([...counts.keys()].sort(), 'every email, each under its own outbox Message-ID').to.deep.equal(ids.map(messageIdFor).sort());
    const duplicates = sink.messages.length - counts.size;
    // At most the jobs in flight at the kill can arrive twice; the target is none.
    expect(duplicates, `${duplicates} duplicate(s)`).to.be.at.most(8);
    this.test!.title += ` [${duplicates} duplicate(s) of 200]`;
    second.child.kill('SIGTERM');
    expect(await second.exited).to.equal(0);
  });

  it('on SIGTERM finishes the emails in flight, exits cleanly, and the next worker sends the rest once', async () => {
    const before = sink.messages.length;
    const ids = await seedBatch(system.orm, 40, at(day(5), '08:00'), 'Τερματισμού');
    const worker = spawnWorker(workerEnv);
    workers.push(worker);
    await worker.ready;
    await eventually(() => sink.messages.length >= before + 5, 'the first emails of the batch');
    worker.child.kill('SIGTERM');
    expect(await worker.exited, worker.output()).to.equal(0);
    const afterStop = await statusesOf(system.orm, ids);
    const arrived = sink.messages.length - before;
    // Nothing was cut off: every email the server received is recorded as sent.
    expect(afterStop.sent ?? 0).to.equal(arrived);

    const next = spawnWorker(workerEnv);
    workers.push(next);
    await next.ready;
    await eventually(async () => (await statusesOf(system.orm, ids)).sent === 40, 'the rest of the batch', 30_000);
    const batch = sink.messages.slice(before).map((m) => m.messageId);
    expect(batch).to.have.length(40);
    expect(new Set(batch).size, 'no duplicate after a graceful stop').to.equal(40);
    next.child.kill('SIGTERM');
    expect(await next.exited).to.equal(0);
  });
});
