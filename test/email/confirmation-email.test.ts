import { expect } from 'chai';
import { Redis } from 'ioredis';
import nodemailer from 'nodemailer';
import type { Worker } from 'bullmq';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const REDIS_DB = 2;

describe('the confirmation email of a booking (outbox → BullMQ on Redis → worker → SMTP)', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;

  before(async () => {
    const redis = new Redis(`redis://127.0.0.1:6379/${REDIS_DB}`);
    await redis.flushdb();
    redis.disconnect();
    sink = await startSmtpSink();
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email', { clock: clock.now, redisDb: REDIS_DB });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
    });
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  it('arrives exactly once, in Greek, with the KEP, date and time in Athens', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    const res = await staff.post(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments`, {
      firstName: 'Γιάννης',
      lastName: 'Οικονόμου',
      startsAt: `${day(1)}T09:00`, // Tuesday 12 January 2027: winter time (UTC+2)
      email: 'giannis@citizen.example.gr',
    });
    expect(res.status).to.equal(201);
    const appointment = await res.json();

    await eventually(() => sink.messages.length >= 1, 'the email at the SMTP sink');
    const outbox = await system.orm.em.fork().findOneOrFail(OutboxMessage, { appointment: appointment.id });
    await eventually(async () => (await system.orm.em.fork().findOneOrFail(OutboxMessage, outbox.id)).status === 'sent', 'the outbox row to be marked sent');
    await new Promise((r) => setTimeout(r, 500)); // a second copy, if any, would arrive within this

    expect(sink.messages).to.have.length(1);
    const mail = sink.messages[0]!;
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.text : '').to.equal('giannis@citizen.example.gr');
    expect(mail.messageId).to.equal(messageIdFor(outbox.id));
    expect(mail.subject).to.include('ΚΕΠ Δήμου Αθηναίων');
    expect(mail.text).to.include('Γιάννης Οικονόμου');
    expect(mail.text).to.include('Τρίτη 12 Ιανουαρίου 2027, 09:00');
    expect(mail.text).to.include('Λιοσίων 22');
  });

  it('writes no outbox row for an appointment without an email', async () => {
    const staff = await signInAs(system.url, 'demo-operator-a');
    const res = await staff.post(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments`, {
      firstName: 'Άννα',
      lastName: 'Κωστοπούλου',
      startsAt: `${day(1)}T10:00`,
    });
    const appointment = await res.json();
    expect(await system.orm.em.fork().count(OutboxMessage, { appointment: appointment.id })).to.equal(0);
  });
});
