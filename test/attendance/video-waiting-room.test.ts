import { expect } from 'chai';
import nodemailer from 'nodemailer';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { AuditEvent } from '../../plugin/db/audit-event.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { videoRoomToken } from '../../plugin/domain/video-room.js';
import type { LiveEvent } from '../../plugin/live/live-events.js';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { athens, insertAppointments } from './support/fixtures.js';

const MINUTE = 60_000;

describe('the video waiting room (controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let operator: StaffClient;
  let admin: StaffClient;
  const clock = new TestClock();
  const events: LiveEvent[] = [];
  const em = () => system.orm.em.fork();
  const reload = (id: string) => em().findOneOrFail(Appointment, id);
  const roomUrl = (token: string) => `${system.url}/api/v1/public/video/${token}`;
  const page = (token: string, query = '') => fetch(`${roomUrl(token)}${query}`, { headers: { accept: 'text/html' } });
  const json = (token: string) => fetch(roomUrl(token), { headers: { accept: 'application/json' } });
  const wait = (token: string) => fetch(`${roomUrl(token)}/waiting`, { method: 'POST', headers: { accept: 'application/json' } });
  const alertsFor = (id: string) => em().find(OutboxMessage, { kind: 'staff.attention', aboutAppointmentId: id, alertReason: 'video-late' });
  const putSettings = (who: StaffClient, body: unknown) =>
    who.browser.fetch(`${system.url}/api/v1/stores/${keps.ath.store.id}/video-room`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-csrf-token': who.csrfToken }, body: JSON.stringify(body) });

  /** A video appointment of KEP A with its meeting link (the trigger gives it its room key), and its room token. */
  async function videoAppointment(at: string, fields: { firstName?: string; lastName?: string } = {}): Promise<{ id: string; token: string }> {
    const [a] = await insertAppointments(system.orm, [{ queue: keps.ath.video, at, minutes: 20, ...fields }]);
    const link = `https://meet.example.gr/kep-${crypto.randomUUID().replaceAll('-', '')}`;
    const tx = em();
    (await tx.findOneOrFail(Appointment, a!.id)).videoLink = link;
    await tx.flush();
    return { id: a!.id, token: videoRoomToken(link) };
  }

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('attend_video_room', { redisDb: 23, clock: clock.now });
    keps = await system.keps();
    operator = await signInAs(system.url, 'demo-operator-a');
    admin = await signInAs(system.url, 'demo-admin-a');
    system.rantevou.live.subscribe(keps.ath.store.id, (e) => events.push(e));
  });
  after(async () => {
    await system?.close();
  });

  it('serves the page with the time and «Περιμένω», under the manage page’s CSP, in Greek or English, and nothing of the citizen', async () => {
    const { token } = await videoAppointment(`${day(1)}T10:00`, { firstName: 'Ζωή', lastName: 'Παπαδάκη' });
    clock.set(athens(`${day(1)}T09:55`));
    const res = await page(token);
    const html = await res.text();
    expect(res.status).to.equal(200);
    expect(res.headers.get('content-security-policy')).to.include("default-src 'none'").and.include("require-trusted-types-for 'script'");
    expect(res.headers.get('cache-control')).to.equal('no-store');
    expect(html).to.include('<html lang="el">').and.include('>Περιμένω</button>').and.include('ΚΕΠ Δήμου Αθηναίων');
    expect(html).to.include('10:00');
    expect(html).not.to.include('Παπαδάκη');
    expect(html).not.to.include('Ζωή');
    const en = await (await page(token, '?lang=en')).text();
    expect(en).to.include('<html lang="en">').and.include('>I am waiting</button>');
  });

  it('answers an unknown or malformed token with the polite 404 page, or a 404 problem', async () => {
    for (const token of ['0'.repeat(64), 'not-a-token', videoRoomToken('https://meet.example.gr/kep-none')]) {
      const res = await page(token);
      expect(res.status, token).to.equal(404);
      expect(await res.text()).to.include('Ο σύνδεσμος δεν ισχύει');
      const api = await json(token);
      expect([api.status, api.headers.get('content-type')]).to.deep.equal([404, 'application/problem+json; charset=utf-8']);
      expect((await wait(token)).status).to.equal(404);
    }
  });

  it('«Περιμένω» records the first press only, audited, and tells the staff screens once; too early answers 409', async () => {
    const { id, token } = await videoAppointment(`${day(1)}T11:00`);
    clock.set(athens(`${day(1)}T10:49`));
    const early = await wait(token);
    expect([early.status, (await early.json()).type]).to.deep.equal([409, 'urn:rantevou:problem:not-waiting-time']);

    clock.set(athens(`${day(1)}T10:58`));
    events.length = 0;
    const first = await wait(token);
    expect(first.status).to.equal(200);
    const view = await first.json();
    expect(view.state).to.equal('waiting');
    expect(view.waitingSince).to.equal(athens(`${day(1)}T10:58`).toISOString());
    expect(view.message).to.include('Περιμένετε από τις 10:58').and.include('11:05');
    expect(view.meetingUrl).to.match(/^https:\/\/meet\.example\.gr\//);

    clock.advance(3 * MINUTE);
    const again = await (await wait(token)).json();
    expect(again.waitingSince, 'a later press keeps the first time').to.equal(view.waitingSince);
    expect((await reload(id)).videoWaitingAt?.toISOString()).to.equal(view.waitingSince);
    const audit = await em().find(AuditEvent, { entityId: id, action: 'appointment.video_waiting' });
    expect(audit.map((e) => [e.actor, e.storeId])).to.deep.equal([['video-room-link', keps.ath.store.id]]);
    expect(events.filter((e) => e.appointmentId === id).map((e) => e.kind)).to.deep.equal(['video-waiting']);
    expect(JSON.stringify(events)).not.to.include('Δοκιμ');

    const listed = await (await operator.get(`/api/v1/stores/${keps.ath.store.id}/appointments?date=${day(1)}`)).json();
    expect(listed.items.find((a: { id: string }) => a.id === id).videoWaitingAt).to.equal(view.waitingSince);
  });

  it('alerts exactly the KEP’s minutes after the later of the start and the waiting, once, and emails its administrator', async () => {
    // Waiting before the start: the minutes count from the start (10:00 + 5).
    const early = await videoAppointment(`${day(2)}T10:00`);
    clock.set(athens(`${day(2)}T09:52`));
    await wait(early.token);
    // Waiting after the start: the minutes count from the waiting (10:03 + 5).
    const late = await videoAppointment(`${day(2)}T10:20`);
    clock.set(athens(`${day(2)}T10:23`));
    await wait(late.token);

    clock.set(new Date(athens(`${day(2)}T10:05`).getTime() - 1000));
    await system.rantevou.attendance.tick();
    expect((await reload(early.id)).videoAlertAt ?? null, 'not a second before').to.equal(null);

    events.length = 0;
    clock.advance(1000);
    await system.rantevou.attendance.tick();
    expect((await reload(early.id)).videoAlertAt?.toISOString()).to.equal(athens(`${day(2)}T10:05`).toISOString());
    expect(events.filter((e) => e.appointmentId === early.id).map((e) => e.kind)).to.deep.equal(['attention']);
    const view = await (await json(early.token)).json();
    expect(view.state).to.equal('alerted');
    expect(view.message).to.include('Ο υπάλληλος ειδοποιήθηκε στις 10:05');

    clock.set(athens(`${day(2)}T10:27`));
    await system.rantevou.attendance.tick();
    expect((await reload(late.id)).videoAlertAt ?? null, 'the later of start and waiting').to.equal(null);
    clock.set(athens(`${day(2)}T10:28`));
    await system.rantevou.attendance.tick();
    await system.rantevou.attendance.tick();
    expect((await reload(late.id)).videoAlertAt?.toISOString()).to.equal(athens(`${day(2)}T10:28`).toISOString());

    const alerts = await alertsFor(early.id);
    expect(alerts.map((m) => m.recipient), 'once, to the KEP’s contact address').to.deep.equal(['kep.liosion@athens.example.gr']);
    expect(await em().count(AuditEvent, { entityId: early.id, action: 'appointment.video_alert' })).to.equal(1);
    const sink = await startSmtpSink();
    try {
      const mail = { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' };
      expect(await sendOutboxEmail(system.orm, mail, alerts[0]!.id)).to.equal('sent');
      const sent = sink.messages[0]!;
      expect(sent.subject).to.equal('Πολίτης περιμένει στη βιντεοκλήση: 10:00 — ΚΕΠ Δήμου Αθηναίων (Λιοσίων)');
      expect(sent.text).to.include('περιμένει από τις 09:52 και η κλήση δεν έχει ξεκινήσει (5 λεπτά)');
      expect(sent.text).not.to.include('Δοκιμαστική');
    } finally {
      await sink.close();
    }
  });

  it('streams the room’s own events only (server-sent events), and an unknown token 404', async () => {
    const mine = await videoAppointment(`${day(2)}T12:00`);
    const other = await videoAppointment(`${day(2)}T11:40`);
    clock.set(athens(`${day(2)}T11:55`));
    const abort = new AbortController();
    const res = await fetch(`${roomUrl(mine.token)}/events`, { signal: abort.signal });
    expect([res.status, res.headers.get('content-type')]).to.deep.equal([200, 'text/event-stream; charset=utf-8']);
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const until = async (text: string) => {
      while (!received.includes(text)) received += (await reader.read()).value ?? '';
    };
    await until('retry:');
    expect((await wait(other.token)).status, 'another appointment of the KEP').to.equal(200);
    await wait(mine.token);
    await until('video-waiting');
    abort.abort();
    const events = received.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)));
    expect(events.map((e) => [e.kind, e.appointmentId])).to.deep.equal([['video-waiting', mine.id]]);
    expect((await fetch(`${roomUrl('0'.repeat(64))}/events`)).status).to.equal(404);
  });

  it('raises no alert when staff started the call first, and the row keeps both times', async () => {
    const { id, token } = await videoAppointment(`${day(3)}T10:00`);
    clock.set(athens(`${day(3)}T10:01`));
    await wait(token);
    clock.set(athens(`${day(3)}T10:04`));
    events.length = 0;
    expect((await operator.post(`/api/v1/appointments/${id}/call-started`, {})).status).to.equal(200);
    expect(events.map((e) => [e.kind, e.appointmentId]), 'the screens and the room hear of the start').to.deep.equal([['appointments-changed', id]]);
    clock.set(athens(`${day(3)}T10:30`));
    await system.rantevou.attendance.tick();
    const a = await reload(id);
    expect(a.videoAlertAt ?? null).to.equal(null);
    expect([a.videoWaitingAt?.toISOString(), a.callStartedAt?.toISOString()]).to.deep.equal([athens(`${day(3)}T10:01`).toISOString(), athens(`${day(3)}T10:04`).toISOString()]);
    expect(await alertsFor(id)).to.have.length(0);
    const view = await (await json(token)).json();
    expect([view.state, view.rebookOffered]).to.deep.equal(['started', false]);
    expect(view.message).to.include('ξεκίνησε τη βιντεοκλήση στις 10:04');
  });

  it('offers to book again first in line 10 minutes after the alert, with a priority token of plugin/priority', async () => {
    const { id, token } = await videoAppointment(`${day(4)}T10:00`);
    clock.set(athens(`${day(4)}T10:00`));
    await wait(token);
    clock.set(athens(`${day(4)}T10:05`));
    await system.rantevou.attendance.tick();
    expect((await (await json(token)).json()).rebookOffered).to.equal(false);
    const tooSoon = await fetch(`${roomUrl(token)}/rebook`, { method: 'POST' });
    expect([tooSoon.status, (await tooSoon.json()).type]).to.deep.equal([409, 'urn:rantevou:problem:rebook-not-offered']);

    clock.set(athens(`${day(4)}T10:15`));
    expect((await (await json(token)).json()).rebookOffered).to.equal(true);
    const offer = await fetch(`${roomUrl(token)}/rebook`, { method: 'POST' });
    expect(offer.status).to.equal(200);
    const { rebookUrl, validUntil } = await offer.json();
    expect(rebookUrl).to.match(/\/api\/v1\/priority\/[A-Za-z0-9_-]{43}$/);
    const priority = await (await fetch(rebookUrl)).json();
    expect([priority.storeId, priority.used, priority.validUntil]).to.deep.equal([keps.ath.store.id, false, validUntil]);
    expect(await em().count(AuditEvent, { entityId: id, action: 'appointment.priority_offered' })).to.equal(1);
  });

  it('lets the store administrator set the alert minutes (zod, audited); an operator may only read them', async () => {
    expect(await (await operator.get(`/api/v1/stores/${keps.ath.store.id}/video-room`)).json()).to.deep.equal({ alertMinutes: 5 });
    expect((await putSettings(operator, { alertMinutes: 3 })).status).to.equal(403);
    const bad = await putSettings(admin, { alertMinutes: 0 });
    expect([bad.status, (await bad.json()).errors[0].path]).to.deep.equal([400, 'alertMinutes']);
    const ok = await putSettings(admin, { alertMinutes: 3 });
    expect([ok.status, await ok.json()]).to.deep.equal([200, { alertMinutes: 3 }]);
    expect(await em().count(AuditEvent, { action: 'store.video_room', entityId: keps.ath.store.id, actor: 'demo-admin-a' })).to.equal(1);

    const { id, token } = await videoAppointment(`${day(5)}T10:00`);
    clock.set(athens(`${day(5)}T10:00`));
    await wait(token);
    clock.set(athens(`${day(5)}T10:03`));
    await system.rantevou.attendance.tick();
    expect((await reload(id)).videoAlertAt?.toISOString()).to.equal(athens(`${day(5)}T10:03`).toISOString());
    await putSettings(admin, { alertMinutes: 5 });
  });

  it('the confirmation email’s video link opens the waiting room, not the meeting', async () => {
    clock.set(PINNED);
    const booked = await operator.post(`/api/v1/stores/${keps.ath.store.id}/appointments`, {
      firstName: 'Νίκος', lastName: 'Ράπτης', email: 'nikos@example.gr', startsAt: `${day(6)}T10:00`, queueId: keps.ath.video.id,
    });
    expect(booked.status, await booked.clone().text()).to.equal(201);
    const a = await booked.json();
    const [confirmation] = await em().find(OutboxMessage, { appointment: a.id, kind: 'appointment.confirmation' });
    const sink = await startSmtpSink();
    try {
      const mail = { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>', publicUrl: system.url };
      expect(await sendOutboxEmail(system.orm, mail, confirmation!.id)).to.equal('sent');
      const sent = sink.messages[0]!;
      const room = roomUrl(videoRoomToken(a.videoLink));
      // Mustache writes the link's slashes as &#x2F;: read the href as a mail client does.
      const hrefs = [...String(sent.html).matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&#x2F;', '/').replaceAll('&#x3D;', '=').replaceAll('&amp;', '&'));
      expect(hrefs).to.include(room);
      expect(sent.text).to.include(room);
      expect(hrefs).not.to.include(a.videoLink);
      expect(sent.text).not.to.include(a.videoLink);
    } finally {
      await sink.close();
    }
  });
});
