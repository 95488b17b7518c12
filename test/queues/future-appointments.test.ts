import { expect } from 'chai';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { send } from './send.js';

describe('a queue change that would orphan future appointments', () => {
  let system: TestSystem;
  let operator: StaffClient;
  let admin: StaffClient;
  let storeId: string;
  let defaultQueue: string;
  const base = () => `/api/v1/stores/${storeId}`;
  const em = () => system.orm.em.fork();

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('future', { clock: clock.now, redisDb: 8 });
    [operator, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    storeId = operator.me.stores[0]!.id;
    defaultQueue = (await (await operator.get(`${base()}/queues`)).json()).items[0].id;
  });
  after(async () => system?.close());

  async function newQueue(name: string, hours = [['08:00', '15:00']]): Promise<string> {
    const weeklyHours = Object.fromEntries(['1', '2', '3', '4', '5'].map((d) => [d, hours]));
    const res = await admin.post(`${base()}/queues`, { name, weeklyHours });
    expect(res.status, await res.clone().text()).to.equal(201);
    return (await res.json()).id;
  }

  async function book(queueId: string, startsAt: string, email?: string): Promise<string> {
    const res = await operator.post(`${base()}/appointments`, { firstName: 'Ρένα', lastName: 'Βλάχου', startsAt, queueId, ...(email ? { email } : {}) });
    expect(res.status, await res.clone().text()).to.equal(201);
    return (await res.json()).id;
  }

  const patchQueue = (id: string, body: unknown) => send(system, admin, 'PATCH', `${base()}/queues/${id}`, body);

  it('deactivating without a decision answers 409 listing the affected appointments, and writes nothing', async () => {
    const q = await newQueue('Ουρά Α');
    const ids = [await book(q, `${day(1)}T09:00`, 'a@citizen.example.gr'), await book(q, `${day(2)}T11:00`)];
    const auditBefore = await em().count(AuditEvent);
    const res = await patchQueue(q, { active: false });
    expect(res.status).to.equal(409);
    const problem = await res.json();
    expect(problem.type).to.equal('urn:rantevou:problem:future-appointments');
    expect(problem.detail).to.match(/2 μελλοντικά ραντεβού/);
    expect(problem.options).to.deep.equal(['keep', 'cancel', 'move']);
    expect(problem.affectedAppointments.map((a: { id: string }) => a.id)).to.deep.equal(ids);
    expect(problem.affectedAppointments[0]).to.include({ firstName: 'Ρένα', hasEmail: true, startsAt: `${day(1)}T07:00:00.000Z` });
    expect((await em().findOneOrFail(Queue, q)).active).to.equal(true);
    expect(await em().count(AuditEvent)).to.equal(auditBefore);
  });

  it('shortening the hours lists only the appointments the new hours leave out', async () => {
    const q = await newQueue('Ουρά Β');
    await book(q, `${day(1)}T09:00`);
    const late = await book(q, `${day(1)}T13:00`);
    const res = await patchQueue(q, { weeklyHours: { '2': [['08:00', '12:00']] } });
    expect(res.status).to.equal(409);
    expect((await res.json()).affectedAppointments.map((a: { id: string }) => a.id)).to.deep.equal([late]);
    expect((await patchQueue(q, { name: 'Ουρά Β (πρωί)' })).status, 'a change that orphans nothing needs no decision').to.equal(200);
  });

  it('keep: the queue is deactivated, the appointments stay booked, and it offers no more slots', async () => {
    const q = await newQueue('Ουρά Γ');
    const id = await book(q, `${day(1)}T10:00`);
    const res = await patchQueue(q, { active: false, onFutureAppointments: 'keep' });
    expect(res.status, await res.clone().text()).to.equal(200);
    expect((await res.json()).futureAppointments).to.deep.equal({ decision: 'keep', appointmentIds: [id] });
    expect((await em().findOneOrFail(Appointment, id)).status).to.equal('booked');
    const slots = await (await operator.get(`${base()}/availability?from=${day(1)}&to=${day(1)}&queueId=${q}`)).json();
    expect(slots.days[0].slots).to.deep.equal([]);
    const audit = await em().findOneOrFail(AuditEvent, { entityId: q, action: 'queue.update' });
    expect(audit.after).to.deep.include({ active: false, futureAppointments: { decision: 'keep', appointmentIds: [id] } });
    expect((await patchQueue(q, { active: true })).status, 'reactivating orphans nothing').to.equal(200);
  });

  it('cancel: each appointment is cancelled with an audit event, and each one with an email gets a cancellation email', async () => {
    const q = await newQueue('Ουρά Δ');
    const withEmail = [await book(q, `${day(1)}T09:00`, 'one@citizen.example.gr'), await book(q, `${day(3)}T09:00`, 'two@citizen.example.gr')];
    const without = await book(q, `${day(2)}T09:00`);
    const res = await patchQueue(q, { active: false, onFutureAppointments: 'cancel', cancelReason: 'Μετακίνηση υπαλλήλου' });
    expect(res.status, await res.clone().text()).to.equal(200);
    for (const id of [...withEmail, without]) {
      const a = await em().findOneOrFail(Appointment, id);
      expect([a.status, a.cancelledReason, a.statusChangedBy]).to.deep.equal(['cancelled', 'Μετακίνηση υπαλλήλου', 'demo-admin-a']);
      expect((await em().find(AuditEvent, { entityId: id, action: 'appointment.cancel' })).map((e) => e.actor)).to.deep.equal(['demo-admin-a']);
    }
    const cancellations = await em().find(OutboxMessage, { kind: 'appointment.cancellation' });
    expect(cancellations.map((m) => m.appointment.id)).to.have.members(withEmail);
    expect((await em().findOneOrFail(Queue, q)).active).to.equal(false);
  });

  it('move: the appointments go to another queue at the same time, each with an audit event', async () => {
    const q = await newQueue('Ουρά Ε');
    const ids = [await book(q, `${day(6)}T09:00`), await book(q, `${day(6)}T09:30`)];
    const res = await patchQueue(q, { active: false, onFutureAppointments: 'move', moveToQueueId: defaultQueue });
    expect(res.status, await res.clone().text()).to.equal(200);
    for (const id of ids) {
      const a = await em().findOneOrFail(Appointment, id);
      expect([a.queue.id, a.status]).to.deep.equal([defaultQueue, 'booked']);
      const [event] = await em().find(AuditEvent, { entityId: id, action: 'appointment.move' });
      expect(event!.after).to.deep.include({ queueId: defaultQueue });
    }
  });

  it('move is refused, and nothing changes, when the target queue is taken at one of the times', async () => {
    const q = await newQueue('Ουρά ΣΤ');
    const mine = await book(q, `${day(7)}T10:00`);
    await book(defaultQueue, `${day(7)}T10:00`);
    const res = await patchQueue(q, { active: false, onFutureAppointments: 'move', moveToQueueId: defaultQueue });
    expect(res.status).to.equal(409);
    expect((await res.json()).type).to.equal('urn:rantevou:problem:cannot-move');
    expect((await em().findOneOrFail(Appointment, mine)).queue.id).to.equal(q);
    expect((await em().findOneOrFail(Queue, q)).active).to.equal(true);
    const noTarget = await patchQueue(q, { active: false, onFutureAppointments: 'move' });
    expect(noTarget.status).to.equal(400);
  });

  it('a new closure over a day with appointments asks too, and cancel then writes the emails', async () => {
    const id = await book(defaultQueue, `${day(8)}T12:00`, 'strike@citizen.example.gr');
    const closure = { startDate: day(8), endDate: day(8), reason: 'Απεργία' };
    const asked = await admin.post(`${base()}/exceptions`, closure);
    expect(asked.status).to.equal(409);
    expect((await asked.json()).affectedAppointments.map((a: { id: string }) => a.id)).to.deep.equal([id]);
    const done = await admin.post(`${base()}/exceptions`, { ...closure, onFutureAppointments: 'cancel' });
    expect(done.status, await done.clone().text()).to.equal(201);
    expect((await em().findOneOrFail(Appointment, id)).status).to.equal('cancelled');
    expect(await em().count(OutboxMessage, { appointment: id, kind: 'appointment.cancellation' })).to.equal(1);
  });
});
