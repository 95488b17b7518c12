import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import type { LiveEvent } from '../../plugin/live/live-events.js';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from '../attendance/support/attendance-system.js';
import { athens, insertAppointments } from '../attendance/support/fixtures.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';

describe('the counter’s live queue and «Κλήση» (issue 16 item 3; controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let admin: StaffClient;
  let operator: StaffClient;
  let stranger: StaffClient;
  let supervisor: StaffClient;
  let kioskKey: string;
  let displayKey: string;
  const clock = new TestClock();
  const em = () => system.orm.em.fork();
  const ath = () => keps.ath.store.id;
  const bearer = (key: string, path: string, init: RequestInit = {}) =>
    fetch(`${system.url}/api/v1${path}`, { ...init, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json', ...init.headers } });
  const arrive = async (reference: string, at: string) => {
    clock.set(athens(at));
    const res = await bearer(kioskKey, `/stores/${ath()}/arrivals`, { method: 'POST', body: JSON.stringify({ reference }) });
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()).number as number;
  };
  const call = (who: StaffClient, body: unknown = {}, queueId = keps.ath.queue.id) => who.post(`/api/v1/stores/${ath()}/queues/${queueId}/calls`, body);
  const liveQueue = async (who: StaffClient = operator) => {
    const res = await who.get(`/api/v1/stores/${ath()}/live-queue`);
    expect(res.status, await res.clone().text()).to.equal(200);
    const body = await res.json();
    return body.queues.find((q: { id: string }) => q.id === keps.ath.queue.id);
  };
  const issueKey = async (kind: string, name: string) => {
    const res = await admin.post(`/api/v1/stores/${ath()}/devices`, { name, kind });
    expect(res.status, await res.clone().text()).to.equal(201);
    return res.json();
  };

  before(async function () {
    this.timeout(60_000); // the system, four sign-ins and two keys, on a shared machine (PGlite starts slower)
    clock.set(PINNED);
    system = await startAttendanceSystem('live_queue', { redisDb: 4, clock: clock.now });
    keps = await system.keps();
    [admin, operator, stranger, supervisor] = await Promise.all([
      signInAs(system.url, 'demo-admin-a'),
      signInAs(system.url, 'demo-operator-a'),
      signInAs(system.url, 'demo-operator-b'),
      signInAs(system.url, 'demo-supervisor'),
    ]);
    kioskKey = (await issueKey('arrivals', 'Κιόσκι εισόδου')).key;
    const display = await issueKey('display', 'Οθόνη αίθουσας');
    expect(display.kind).to.equal('display');
    displayKey = display.key;
  });
  after(async () => {
    await system?.close();
  });

  describe('calling', () => {
    it('lists the arrived in order of their appointment time and calls them in that order, whatever order they came in', async () => {
      const [nine, quarter, half] = await insertAppointments(system.orm, [
        { queue: keps.ath.queue, at: `${day(1)}T09:00`, firstName: 'Άννα', lastName: 'Πρώτη' },
        { queue: keps.ath.queue, at: `${day(1)}T09:15` },
        { queue: keps.ath.queue, at: `${day(1)}T09:30` },
      ]);
      const n30 = await arrive(half!.reference, `${day(1)}T09:05`);
      const n00 = await arrive(nine!.reference, `${day(1)}T09:06`);
      const n15 = await arrive(quarter!.reference, `${day(1)}T09:07`);
      expect([n30, n00, n15]).to.deep.equal([1, 2, 3]);
      expect((await em().findOneOrFail(Appointment, nine!.id)).arrivedAt?.toISOString(), 'arrived_at set by the status change').to.equal(athens(`${day(1)}T09:06`).toISOString());

      const queue = await liveQueue();
      expect(queue.canCall, 'a queue without an employee: any operator of the KEP').to.equal(true);
      expect(queue.waiting.map((e: { number: number }) => e.number)).to.deep.equal([2, 3, 1]);
      expect(queue.waiting[0]).to.deep.include({ appointmentId: nine!.id, reference: nine!.reference, firstName: 'Άννα', lastName: 'Πρώτη', time: '09:00', alert: false, calledAt: null });

      clock.set(athens(`${day(1)}T09:08`));
      const first = await call(operator);
      expect(first.status, await first.clone().text()).to.equal(200);
      expect(await first.json()).to.deep.include({ appointmentId: nine!.id, number: 2, time: '09:00', recall: false, calledAt: athens(`${day(1)}T09:08`).toISOString() });
      clock.set(athens(`${day(1)}T09:09`));
      expect((await (await call(admin)).json()).appointmentId, 'the administrator calls too').to.equal(quarter!.id);

      const after = await liveQueue();
      expect(after.waiting.map((e: { appointmentId: string }) => e.appointmentId)).to.deep.equal([half!.id]);
      expect(after.called.map((e: { number: number }) => e.number), 'latest call first').to.deep.equal([3, 2]);
      const saved = await em().findOneOrFail(Appointment, nine!.id);
      expect([saved.status, saved.calledBy]).to.deep.equal(['arrived', 'demo-operator-a']);
      expect(await em().count(AuditEvent, { entityId: nine!.id, action: 'appointment.call' })).to.equal(1);
    });

    it('recalls a number: announced again, the call moved, audited as a recall', async () => {
      const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(2)}T10:00` }]);
      const number = await arrive(a!.reference, `${day(2)}T09:50`);
      clock.set(athens(`${day(2)}T10:01`));
      await call(operator);
      clock.set(athens(`${day(2)}T10:03`));
      const again = await call(operator, { appointmentId: a!.id });
      expect(again.status, await again.clone().text()).to.equal(200);
      expect(await again.json()).to.deep.include({ appointmentId: a!.id, number, recall: true, calledAt: athens(`${day(2)}T10:03`).toISOString() });
      expect(await em().count(AuditEvent, { entityId: a!.id, action: 'appointment.recall' })).to.equal(1);
      expect((await call(operator, { appointmentId: crypto.randomUUID() })).status, 'no such appointment in the queue').to.equal(404);
    });

    it('takes an arrival marked at the counter at once (an «arrived» event), and gives its ticket number at the call', async () => {
      const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(8)}T11:00` }]);
      const events: LiveEvent[] = [];
      const stop = system.rantevou.live.subscribe(ath(), (e) => void events.push(e));
      try {
        clock.set(athens(`${day(8)}T10:50`));
        const marked = await operator.post(`/api/v1/appointments/${a!.id}/status`, { status: 'arrived' });
        expect(marked.status, await marked.clone().text()).to.equal(200);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(events.map((e) => [e.kind, e.appointmentId])).to.deep.include(['arrived', a!.id]);
        expect((await liveQueue()).waiting[0]).to.deep.include({ appointmentId: a!.id, number: null, arrivedAt: athens(`${day(8)}T10:50`).toISOString() });
        clock.set(athens(`${day(8)}T11:00`));
        const called = await (await call(operator)).json();
        expect(called).to.deep.include({ appointmentId: a!.id, recall: false });
        expect(called.number).to.be.a('number');
        expect((await liveQueue()).called[0]).to.deep.include({ appointmentId: a!.id, number: called.number });
      } finally {
        stop();
      }
    });

    it('answers 409 problem+json in Greek when nobody waits', async () => {
      clock.set(athens(`${day(3)}T08:30`));
      const res = await call(operator);
      expect(res.status).to.equal(409);
      expect(res.headers.get('content-type')).to.match(/^application\/problem\+json/);
      const problem = await res.json();
      expect(problem.type).to.equal('urn:rantevou:problem:nobody-waiting');
      expect(problem.detail).to.equal('Δεν περιμένει κανείς στην ουρά «Κύρια ουρά»: όλοι όσοι έφτασαν έχουν κληθεί.');
    });

    it('never calls one citizen twice: twelve «Κλήση» at once call ten different citizens, and two find nobody left', async () => {
      const fixtures = Array.from({ length: 10 }, (_, i) => ({ queue: keps.ath.queue, at: `${day(4)}T${String(9 + Math.floor(i / 4)).padStart(2, '0')}:${String((i % 4) * 15).padStart(2, '0')}`, status: 'arrived' as const }));
      const waiting = await insertAppointments(system.orm, fixtures);
      clock.set(athens(`${day(4)}T12:00`));
      const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => call(i % 2 ? admin : operator)));
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).to.deep.equal([...Array(10).fill(200), 409, 409]);
      const calls = await Promise.all(answers.filter((r) => r.status === 200).map((r) => r.json()));
      expect(new Set(calls.map((c) => c.appointmentId)).size).to.equal(10);
      expect(new Set(calls.map((c) => c.appointmentId))).to.deep.equal(new Set(waiting.map((a) => a.id)));
      expect(new Set(calls.map((c) => c.number)).size, 'a ticket given to each at the call, all different').to.equal(10);
    });
  });

  describe('who may call', () => {
    it('the queue’s employee and the store administrator; another operator 403, a supervisor 403, another KEP 404', async () => {
      const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(5)}T09:00`, status: 'arrived' }]);
      clock.set(athens(`${day(5)}T09:05`));
      const tx = em();
      const queue = await tx.findOneOrFail(Queue, keps.ath.queue.id);
      queue.employeeSub = 'demo-colleague';
      queue.employeeName = 'Συνάδελφος';
      await tx.flush();
      try {
        expect((await liveQueue()).canCall).to.equal(false);
        const refused = await call(operator);
        expect(refused.status).to.equal(403);
        expect((await refused.json()).type).to.equal('urn:rantevou:problem:not-your-queue');
        expect((await call(supervisor)).status).to.equal(403);
        expect((await call(stranger)).status).to.equal(404);
        expect((await stranger.get(`/api/v1/stores/${ath()}/live-queue`)).status).to.equal(404);
        expect((await (await call(admin)).json()).appointmentId).to.equal(a!.id);
      } finally {
        queue.employeeSub = null;
        queue.employeeName = null;
        await tx.flush();
      }
    });
  });

  describe('the call display', () => {
    it('streams only calls (a number and a queue) to a display key, and lists the day’s calls without any personal data', async () => {
      const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(6)}T09:00`, firstName: 'Ιφιγένεια', lastName: 'Κλητή' }]);
      clock.set(athens(`${day(6)}T08:50`));
      const controller = new AbortController();
      const stream = await bearer(displayKey, `/stores/${ath()}/display/events`, { signal: controller.signal });
      expect(stream.status).to.equal(200);
      expect(stream.headers.get('content-type')).to.match(/^text\/event-stream/);
      const reader = stream.body!.pipeThrough(new TextDecoderStream()).getReader();
      try {
        const number = await arrive(a!.reference, `${day(6)}T08:55`); // an 'arrived' event, not for the display
        clock.set(athens(`${day(6)}T09:01`));
        expect((await call(operator)).status).to.equal(200);
        let text = '';
        while (!text.includes('data:')) text += (await reader.read()).value ?? '';
        const event = JSON.parse(/^data: (.*)$/m.exec(text)![1]!) as LiveEvent;
        expect(event).to.deep.include({ kind: 'called', storeId: ath(), queueId: keps.ath.queue.id, appointmentId: a!.id, number, queueName: 'Κύρια ουρά' });
        expect(text).not.to.include('Κλητή');

        const res = await bearer(displayKey, `/stores/${ath()}/display/calls?limit=5`);
        expect(res.status, await res.clone().text()).to.equal(200);
        const calls = await res.json();
        expect(calls.items[0]).to.deep.equal({ appointmentId: a!.id, queueId: keps.ath.queue.id, queueName: 'Κύρια ουρά', number, calledAt: athens(`${day(6)}T09:01`).toISOString() });
        expect(JSON.stringify(calls)).not.to.include(a!.reference).and.not.to.include('Κλητή');
      } finally {
        controller.abort();
        await reader.cancel().catch(() => {});
      }
    });

    it('a display key reads nothing else; a kiosk’s key opens no display; another KEP 404; a revoked key 401', async () => {
      expect((await bearer(displayKey, `/stores/${ath()}/appointments`)).status, 'appointments').to.equal(401);
      expect((await bearer(displayKey, `/stores/${ath()}/live-queue`)).status, 'live queue').to.equal(401);
      expect((await bearer(displayKey, `/stores/${ath()}/events`)).status, 'staff stream').to.equal(401);
      const arrival = await bearer(displayKey, `/stores/${ath()}/arrivals`, { method: 'POST', body: JSON.stringify({ reference: 'K7P-4MX' }) });
      expect(arrival.status, 'arrivals').to.equal(403);
      expect((await arrival.json()).type).to.equal('urn:rantevou:problem:device-scope');
      expect((await bearer(kioskKey, `/stores/${ath()}/display/events`)).status, 'a kiosk key on the display stream').to.equal(403);
      expect((await bearer(kioskKey, `/stores/${ath()}/display/calls`)).status).to.equal(403);
      expect((await bearer(displayKey, `/stores/${keps.the.store.id}/display/calls`)).status, 'another KEP').to.equal(404);
      expect((await bearer(displayKey, `/stores/${keps.the.store.id}/display/events`)).status).to.equal(404);
      expect((await operator.get(`/api/v1/stores/${ath()}/display/calls`)).status, 'without a key: a staff preview of their KEP').to.equal(200);
      expect((await stranger.get(`/api/v1/stores/${ath()}/display/calls`)).status).to.equal(404);

      const spare = await issueKey('display', 'Οθόνη ορόφου');
      expect((await bearer(spare.key, `/stores/${ath()}/display/calls`)).status).to.equal(200);
      const revoke = await admin.browser.fetch(`${system.url}/api/v1/stores/${ath()}/devices/${spare.id}`, { method: 'DELETE', headers: { 'x-csrf-token': admin.csrfToken } });
      expect(revoke.status).to.equal(204);
      expect((await bearer(spare.key, `/stores/${ath()}/display/calls`)).status).to.equal(401);
      expect((await bearer(spare.key, `/stores/${ath()}/display/events`)).status).to.equal(401);
    });
  });

  describe('the call alert', () => {
    it('is set by the store administrator, 1–120 minutes', async () => {
      expect(await (await operator.get(`/api/v1/stores/${ath()}/live-queue/settings`)).json()).to.deep.equal({ callAlertMinutes: 10 });
      const put = (who: StaffClient, body: unknown) =>
        who.browser.fetch(`${system.url}/api/v1/stores/${ath()}/live-queue/settings`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken }, body: JSON.stringify(body) });
      expect((await put(operator, { callAlertMinutes: 5 })).status).to.equal(403);
      const bad = await put(admin, { callAlertMinutes: 0 });
      expect(bad.status).to.equal(400);
      expect((await bad.json()).errors[0]).to.deep.include({ path: 'callAlertMinutes' });
      expect(await (await put(admin, { callAlertMinutes: 12 })).json()).to.deep.equal({ callAlertMinutes: 12 });
      expect(await em().count(AuditEvent, { action: 'store.call_alert', entityId: ath() })).to.equal(1);
      expect((await put(admin, { callAlertMinutes: 10 })).status).to.equal(200);
    });

    it('fires once, past the KEP’s minutes after the later of arrival and start: flagged on the screen, an attention event, one email to the administrator', async () => {
      const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.queue, at: `${day(7)}T10:00`, firstName: 'Σοφία', lastName: 'Αναμένουσα' }]);
      const number = await arrive(a!.reference, `${day(7)}T09:50`);
      const events: LiveEvent[] = [];
      const stop = system.rantevou.live.subscribe(ath(), (e) => void (e.kind === 'attention' && events.push(e)));
      const alerts = () => em().find(OutboxMessage, { kind: 'staff.attention', aboutAppointmentId: a!.id, alertReason: 'not-called' });
      try {
        clock.set(athens(`${day(7)}T10:09`));
        await system.rantevou.attendance.tick();
        expect(await alerts(), '9 minutes after the start: not yet').to.have.length(0);
        clock.advance(60_000);
        await system.rantevou.attendance.tick();
        expect(await alerts()).to.have.length(1);
        expect((await em().findOneOrFail(Appointment, a!.id)).callAlertAt?.toISOString()).to.equal(athens(`${day(7)}T10:10`).toISOString());
        expect((await liveQueue()).waiting.find((e: { appointmentId: string }) => e.appointmentId === a!.id).alert).to.equal(true);
        await new Promise((resolve) => setTimeout(resolve, 50));
        expect(events.filter((e) => e.appointmentId === a!.id)).to.have.length(1);
        expect(events[0]).not.to.have.property('number');

        clock.advance(30 * 60_000);
        await system.rantevou.attendance.tick();
        expect(await alerts(), 'once').to.have.length(1);

        const sink = await startSmtpSink();
        try {
          const mail = { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' };
          expect(await sendOutboxEmail(system.orm, mail, (await alerts())[0]!.id)).to.equal('sent');
          const sent = sink.messages[0]!;
          expect(sent.subject).to.equal(`Πολίτης περιμένει χωρίς κλήση: αριθμός ${number} — ${keps.ath.store.name}`);
          expect(sent.text).to.include(`Ο αριθμός ${number}, με ραντεβού στις 10:00 στην ουρά «Κύρια ουρά», έχει φτάσει και περιμένει 10 λεπτά χωρίς να κληθεί.`);
          expect(sent.text).not.to.include('Αναμένουσα');
        } finally {
          await sink.close();
        }
        clock.advance(60_000);
        expect((await call(operator)).status).to.equal(200);
        expect((await liveQueue()).called[0]).to.deep.include({ appointmentId: a!.id, alert: false });
      } finally {
        stop();
      }
    });
  });
});
