import { expect } from 'chai';
import type { Worker } from 'bullmq';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, flushRedisDb, outboxOf } from './email-support.js';

const REDIS_DB = 5;

describe('email that fails for good, and the store administrator who sends it again', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let admin: StaffClient;
  let storeId: string;
  let unknownId: string;
  let busyId: string;
  let otherKepId: string;
  let otherKepAppointment: string;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    sink = await startSmtpSink({
      rejectRecipient: (address) => {
        if (address.startsWith('nobody@')) return { code: 550, message: '5.1.1 Recipient address rejected: User unknown' };
        if (address.startsWith('busy@')) return { code: 451, message: '4.3.0 Mailbox busy, try again later' };
        return null;
      },
    });
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_failed', { clock: clock.now, redisDb: REDIS_DB });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
      retry: { maxAttempts: 3, delayMs: 50, maxDelayMs: 200 },
    });
    admin = await signInAs(system.url, 'demo-admin-a');
    storeId = admin.me.stores[0]!.id;
    [unknownId, busyId] = await book(admin, storeId, [
      { firstName: 'Άγνωστη', lastName: 'Διεύθυνση', startsAt: `${day(1)}T08:00`, email: 'nobody@citizen.example.gr' },
      { firstName: 'Απασχολημένο', lastName: 'Γραμματοκιβώτιο', startsAt: `${day(1)}T08:15`, email: 'busy@citizen.example.gr' },
    ]) as [string, string];
    // A failed email of another KEP: it must not show, nor be sent again, from the first KEP.
    const operatorB = await signInAs(system.url, 'demo-operator-b');
    otherKepId = operatorB.me.stores[0]!.id;
    [otherKepAppointment] = (await book(operatorB, otherKepId, [{ firstName: 'Άλλο', lastName: 'ΚΕΠ', startsAt: `${day(1)}T08:00`, email: 'nobody@other.example.gr' }])) as [string];
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  it('marks a permanent rejection (550) failed with the server’s reason after one attempt', async () => {
    await eventually(async () => (await outboxOf(system.orm, [unknownId]))[0]?.status === 'failed', 'the rejected email marked failed');
    await eventually(async () => (await outboxOf(system.orm, [busyId]))[0]?.status === 'failed', 'the deferred email to run out of attempts');
    await eventually(async () => (await outboxOf(system.orm, [otherKepAppointment]))[0]?.status === 'failed', 'the other KEP’s email marked failed');
    const [rejected] = await outboxOf(system.orm, [unknownId]);
    expect(rejected!.attempts).to.equal(1);
    expect(rejected!.lastError).to.include('550').and.include('User unknown');
    expect(rejected!.failedAt).to.be.instanceOf(Date);
  });

  it('gives up on a "try later" (451) after the configured attempts, with the reason', async () => {
    const [deferred] = await outboxOf(system.orm, [busyId]);
    expect(deferred!.attempts).to.equal(3);
    expect(deferred!.lastError).to.include('451');
    expect(sink.messages).to.have.length(0);
  });

  it('lists the failed messages with their reasons to the store administrator, newest first', async () => {
    const res = await admin.get(`/api/v1/stores/${storeId}/outbox?status=failed`);
    expect(res.status).to.equal(200);
    const body = await res.json();
    expect(body.total).to.equal(2);
    expect(body.items.map((m: { appointment: { id: string } }) => m.appointment.id)).to.have.members([unknownId, busyId]);
    const rejected = body.items.find((m: { appointment: { id: string } }) => m.appointment.id === unknownId);
    expect(rejected).to.include({ kind: 'appointment.confirmation', status: 'failed', attempts: 1 });
    expect(rejected.lastError).to.include('User unknown');
    expect(rejected.appointment).to.include({ email: 'nobody@citizen.example.gr', lastName: 'Διεύθυνση' });
  });

  it('answers 403 to an operator of the KEP and 404 for another KEP, exactly as for one that does not exist', async () => {
    const operator = await signInAs(system.url, 'demo-operator-a');
    expect((await operator.get(`/api/v1/stores/${storeId}/outbox`)).status).to.equal(403);
    const foreign = await admin.get(`/api/v1/stores/${otherKepId}/outbox?status=failed`);
    const missing = await admin.get(`/api/v1/stores/00000000-0000-4000-8000-000000000000/outbox?status=failed`);
    expect([foreign.status, missing.status]).to.deep.equal([404, 404]);
    expect(await foreign.json()).to.deep.equal(await missing.json());

    const [foreignMessage] = await outboxOf(system.orm, [otherKepAppointment]);
    const throughOwnKep = await admin.post(`/api/v1/stores/${storeId}/outbox/${foreignMessage!.id}/retry`, { email: 'x@example.gr' });
    const throughOtherKep = await admin.post(`/api/v1/stores/${otherKepId}/outbox/${foreignMessage!.id}/retry`, {});
    expect([throughOwnKep.status, throughOtherKep.status]).to.deep.equal([404, 404]);
    expect((await outboxOf(system.orm, [otherKepAppointment]))[0]!.status).to.equal('failed');
  });

  it('describes both endpoints in the OpenAPI document', async () => {
    const doc = await (await admin.get('/api/v1/openapi.json')).json();
    expect(doc.paths).to.include.keys('/api/v1/stores/{storeId}/outbox', '/api/v1/stores/{storeId}/outbox/{messageId}/retry');
  });

  it('refuses an invalid corrected address with a Greek message and changes nothing', async () => {
    const [message] = await outboxOf(system.orm, [unknownId]);
    const res = await admin.post(`/api/v1/stores/${storeId}/outbox/${message!.id}/retry`, { email: 'όχι email' });
    expect(res.status).to.equal(400);
    expect(res.headers.get('content-type')).to.include('application/problem+json');
    expect(JSON.stringify(await res.json())).to.include('Το email δεν είναι έγκυρο.');
    expect((await outboxOf(system.orm, [unknownId]))[0]!.status).to.equal('failed');
  });

  it('sends it again to the corrected address, records who did it, and then refuses a second retry (409)', async () => {
    const [message] = await outboxOf(system.orm, [unknownId]);
    const res = await admin.post(`/api/v1/stores/${storeId}/outbox/${message!.id}/retry`, { email: 'found@citizen.example.gr' });
    expect(res.status).to.equal(202);
    await eventually(() => sink.messages.length === 1, 'the email at the corrected address');
    expect(sink.messages[0]!.to && !Array.isArray(sink.messages[0]!.to) ? sink.messages[0]!.to.text : '').to.equal('found@citizen.example.gr');
    await eventually(async () => (await outboxOf(system.orm, [unknownId]))[0]!.status === 'sent', 'the row marked sent');

    const em = system.orm.em.fork();
    const retry = await em.findOneOrFail(AuditEvent, { action: 'outbox.retry', entityId: message!.id });
    expect(retry.actor).to.equal('demo-admin-a');
    expect(retry.storeId).to.equal(storeId);
    const update = await em.findOneOrFail(AuditEvent, { action: 'appointment.update', entityId: unknownId });
    expect(update.before).to.include({ email: 'nobody@citizen.example.gr' });
    expect(update.after).to.include({ email: 'found@citizen.example.gr' });

    const again = await admin.post(`/api/v1/stores/${storeId}/outbox/${message!.id}/retry`, {});
    expect(again.status).to.equal(409);
  });
});
