/**
 * A Redis that comes back empty (issue 13, item 8): the jobs of emails already handed over are gone
 * with it. The relay sees that Redis lost its data and hands those rows over again at once, instead
 * of after its five-minute re-dispatch age; each email still arrives once.
 */
import { expect } from 'chai';
import type { Worker } from 'bullmq';
import { createEmailWorker } from '../../worker/email-worker.js';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, countByMessageId, outboxOf, ownRedis, slotTimes } from './email-support.js';

// A Redis server of this file's own, so emptying it touches nobody else's tests.
const REDIS_PORT = 6393;

describe('email when Redis comes back empty', () => {
  const redis = ownRedis(REDIS_PORT);
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker | undefined;
  let staff: StaffClient;
  let storeId: string;

  before(async () => {
    await redis.start();
    sink = await startSmtpSink();
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_redis_empty', { clock: clock.now, redisUrl: redis.url });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => {
    if (!redis.running) await redis.start();
    await worker?.close();
    await system?.close();
    await sink?.close();
    await redis.stop();
  });

  it('hands the lost jobs over again at once, and sends each email once', async function () {
    this.timeout(60_000);
    // No worker yet: the jobs wait in Redis, their rows say "handed over".
    const ids = await book(
      staff,
      storeId,
      slotTimes(day(1), 3, '09:00').map((startsAt, i) => ({ firstName: 'Πολίτης', lastName: `Χαμένη ${i + 1}`, startsAt, email: `lost${i + 1}@citizen.example.gr` })),
    );
    await eventually(async () => (await outboxOf(system.orm, ids)).every((m) => m.status === 'queued'), 'the rows handed over to BullMQ');

    // Redis crashes and restarts without persistence: the three jobs are gone.
    await redis.stop();
    await redis.start();

    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: redis.url,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
      retry: { delayMs: 100, maxDelayMs: 1000 },
    });
    // Well inside the relay's five-minute re-dispatch age.
    await eventually(async () => (await outboxOf(system.orm, ids)).every((m) => m.status === 'sent'), 'the three emails sent again', 15_000);
    await system.host.rantevou.relay.drain();

    const rows = await outboxOf(system.orm, ids);
    const counts = countByMessageId(sink.messages.map((m) => m.messageId));
    expect([...counts.keys()].sort()).to.deep.equal(rows.map((r) => messageIdFor(r.id)).sort());
    expect([...counts.values()], 'each Message-ID once').to.deep.equal([1, 1, 1]);
  });
});
