import { expect } from 'chai';
import type { Worker } from 'bullmq';
import { createEmailWorker, DEFAULT_RETRY, retryDelay } from '../../worker/email-worker.js';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, countByMessageId, flushRedisDb, outboxOf, slotTimes } from './email-support.js';

const REDIS_DB = 3;

describe('the retry policy of the email worker', () => {
  it('waits longer after each failure, up to the maximum, never all at the same moment', () => {
    const waits = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => retryDelay(DEFAULT_RETRY, n, 0));
    expect(waits).to.deep.equal([30_000, 60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000]);
    expect(retryDelay(DEFAULT_RETRY, 3, 1)).to.equal(96_000); // jitter takes off up to a fifth
  });
});

describe('email while the mail server is down (BullMQ worker → SMTP)', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_smtp', { clock: clock.now, redisDb: REDIS_DB });
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  it('tries again with backoff and delivers each email once the server is back', async () => {
    // The port of a mail server that is not running yet.
    const probe = await startSmtpSink();
    const port = probe.port;
    await probe.close();
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: createSmtpTransport({ url: `smtp://127.0.0.1:${port}`, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
      retry: { maxAttempts: 25, delayMs: 100, maxDelayMs: 400 },
    });
    const staff = await signInAs(system.url, 'demo-operator-a');
    const ids = await book(
      staff,
      staff.me.stores[0]!.id,
      slotTimes(day(1), 3).map((startsAt, i) => ({ firstName: 'Πολίτης', lastName: `Αναμονής ${i + 1}`, startsAt, email: `wait${i + 1}@citizen.example.gr` })),
    );

    await eventually(async () => (await outboxOf(system.orm, ids)).every((m) => m.attempts >= 2), 'a second attempt of every email');
    const failing = await outboxOf(system.orm, ids);
    expect(failing.map((m) => m.status)).to.deep.equal(['queued', 'queued', 'queued']);
    for (const m of failing) expect(m.lastError).to.match(/ECONNREFUSED/);

    sink = await startSmtpSink({ port });
    await eventually(async () => (await outboxOf(system.orm, ids)).every((m) => m.status === 'sent'), 'every email sent once the server is back', 20_000);
    const sent = await outboxOf(system.orm, ids);
    expect(sink.messages).to.have.length(3);
    const counts = countByMessageId(sink.messages.map((m) => m.messageId));
    expect([...counts.keys()].sort()).to.deep.equal(sent.map((m) => messageIdFor(m.id)).sort());
    for (const m of sent) {
      expect(m.lastError).to.equal(null);
      expect(m.providerMessageId).to.be.a('string').and.not.be.empty;
    }
  });
});
