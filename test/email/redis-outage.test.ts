import { expect } from 'chai';
import type { Worker } from 'bullmq';
import { createEmailWorker } from '../../worker/email-worker.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, countByMessageId, outboxOf, ownRedis, slotTimes } from './email-support.js';

// A Redis server of this file's own, so stopping it touches nobody else's tests.
const REDIS_PORT = 6391;

describe('email while Redis is down (outbox → BullMQ → worker → SMTP)', () => {
  const redis = ownRedis(REDIS_PORT);
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  let storeId: string;

  before(async () => {
    await redis.start();
    sink = await startSmtpSink();
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_redis', { clock: clock.now, redisUrl: redis.url });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: redis.url,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
      retry: { delayMs: 100, maxDelayMs: 1000 },
    });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => {
    if (!redis.running) await redis.start(); // a worker closes cleanly only while it can reach Redis
    await worker?.close();
    await system?.close();
    await sink?.close();
    await redis.stop();
  });

  it('books while Redis is stopped, keeps the emails pending, and sends each exactly once when Redis is back', async () => {
    const [first] = await book(staff, storeId, [{ firstName: 'Πρώτη', lastName: 'Κράτηση', startsAt: `${day(1)}T08:00`, email: 'first@citizen.example.gr' }]);
    await eventually(() => sink.messages.length === 1, 'the email booked while Redis was up');

    await redis.stop();
    const times = slotTimes(day(1), 5, '09:00');
    const during = await book(
      staff,
      storeId,
      times.map((startsAt, i) => ({ firstName: 'Πολίτης', lastName: `Διακοπής ${i + 1}`, startsAt, email: `outage${i + 1}@citizen.example.gr` })),
    );
    // Relay passes while Redis is away end (they do not hang) and leave every row waiting, none lost.
    await system.host.rantevou.relay.drain();
    await system.host.rantevou.relay.drain();
    const waiting = await outboxOf(system.orm, during);
    expect(waiting.map((m) => m.status)).to.deep.equal(['pending', 'pending', 'pending', 'pending', 'pending']);
    expect(sink.messages).to.have.length(1);

    // Back, and empty, as a Redis without persistence comes back after a crash.
    await redis.start();
    await eventually(() => sink.messages.length >= 6, 'the five emails booked during the outage', 30_000);
    await eventually(async () => (await outboxOf(system.orm, during)).every((m) => m.status === 'sent'), 'every row marked sent');
    await system.host.rantevou.relay.drain(); // a late second hand-over, if any, would show now

    const rows = await outboxOf(system.orm, [first!, ...during]);
    const counts = countByMessageId(sink.messages.map((m) => m.messageId));
    expect([...counts.values()], 'each Message-ID once').to.deep.equal([1, 1, 1, 1, 1, 1]);
    expect([...counts.keys()].sort()).to.deep.equal(rows.map((r) => messageIdFor(r.id)).sort());
    const recipients = sink.messages.map((m) => (m.to && !Array.isArray(m.to) ? m.to.text : '')).sort();
    expect(recipients).to.deep.equal(['first@citizen.example.gr', ...during.map((_, i) => `outage${i + 1}@citizen.example.gr`)].sort());
  });
});

describe('the plugin started while its Redis is not there yet', () => {
  const late = ownRedis(REDIS_PORT + 1);
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker | undefined;

  before(async () => {
    sink = await startSmtpSink();
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_redis_late', { clock: clock.now, redisUrl: late.url });
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
    await late.stop();
  });

  it('starts, books, keeps the email pending without hanging, and sends it once Redis appears', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    const ids = await book(staff, staff.me.stores[0]!.id, [{ firstName: 'Νωρίς', lastName: 'Πρωί', startsAt: `${day(1)}T08:00`, email: 'early@citizen.example.gr' }]);
    await system.host.rantevou.relay.drain();
    expect((await outboxOf(system.orm, ids)).map((m) => m.status)).to.deep.equal(['pending']);

    await late.start();
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: late.url,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 1, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
    });
    await eventually(() => sink.messages.length === 1, 'the email once Redis is there', 30_000);
    await eventually(async () => (await outboxOf(system.orm, ids))[0]!.status === 'sent', 'the row marked sent');
    expect(sink.messages[0]!.messageId).to.equal(messageIdFor((await outboxOf(system.orm, ids))[0]!.id));
  });
});
