import { expect } from 'chai';
import type { Worker } from 'bullmq';
import ICAL from 'ical.js';
import type { ParsedMail } from 'mailparser';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { addToOutbox } from '../../plugin/outbox/outbox-writer.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { messageIdFor } from '../../worker/send-outbox-email.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, nextWeekday, PINNED, SPRING_FORWARD } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, flushRedisDb, outboxOf } from './email-support.js';

const REDIS_DB = 6;

/** What a calendar program reads from an invitation, parsed with ical.js (Mozilla's RFC 5545 parser). */
function readInvitation(mail: ParsedMail) {
  const part = mail.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  expect(part, 'a text/calendar part').to.not.equal(undefined);
  const source = part!.content.toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(source));
  const vtimezone = calendar.getFirstSubcomponent('vtimezone');
  if (vtimezone) ICAL.TimezoneService.register(vtimezone);
  const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  return {
    method: calendar.getFirstPropertyValue('method'),
    timezone: vtimezone?.getFirstPropertyValue('tzid') ?? null,
    uid: event.uid,
    sequence: event.sequence,
    status: event.component.getFirstPropertyValue('status'),
    tzid: event.startDate.zone?.tzid,
    localStart: event.startDate.toString(),
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    location: event.location,
    attachmentNames: mail.attachments.map((a) => a.filename ?? ''),
  };
}

// The days in summer time: the first Tuesday and Wednesday after the spring change.
const SUMMER_TUESDAY = nextWeekday(2, SPRING_FORWARD);
const SUMMER_WEDNESDAY = nextWeekday(3, SPRING_FORWARD);

describe('the calendar invitation and the words of each email', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  let storeId: string;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    sink = await startSmtpSink();
    const clock = new TestClock();
    clock.start(PINNED); // running: the outbox and the worker wait and retry in real time
    system = await startTestSystem('email_ics', { redisDb: REDIS_DB, clock: clock.now });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 2, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ Δήμου Αθηναίων <no-reply@kep.example.gr>' },
    });
    staff = await signInAs(system.url, 'demo-operator-a');
    storeId = staff.me.stores[0]!.id;
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  const nextMail = async (count: number) => {
    await eventually(() => sink.messages.length >= count, `email number ${count}`);
    return { mail: sink.messages[count - 1]!, raw: sink.raw[count - 1]! };
  };

  const change = (id: string, version: number, body: object) =>
    staff.browser.fetch(`${system.url}/api/v1/appointments/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken, 'if-match': `"${version}"` },
      body: JSON.stringify(body),
    });

  it('invites, moves and cancels one calendar event: same UID, growing SEQUENCE, Athens time with its VTIMEZONE', async () => {
    const [id] = (await book(staff, storeId, [{ firstName: 'Γιάννης', lastName: 'Οικονόμου', startsAt: `${day(1)}T09:00`, email: 'giannis@citizen.example.gr' }])) as [string];
    const confirmation = await nextMail(1);
    const invite = readInvitation(confirmation.mail);
    expect(invite).to.deep.include({
      method: 'REQUEST',
      timezone: 'Europe/Athens',
      tzid: 'Europe/Athens',
      uid: `${id}@rantevou.appointment`,
      status: 'CONFIRMED',
      localStart: `${day(1)}T09:00:00`,
      start: `${day(1)}T07:00:00.000Z`, // winter time, UTC+2
      end: `${day(1)}T07:15:00.000Z`,
    });
    expect(invite.location).to.include('Λιοσίων 22');
    expect(invite.attachmentNames).to.include('invite.ics');

    // Moved into summer time: the wall-clock 10:00 is 07:00 UTC, and the calendar must say so.
    expect((await change(id, 1, { startsAt: `${SUMMER_TUESDAY}T10:00` })).status).to.equal(200);
    const moved = await nextMail(2);
    const update = readInvitation(moved.mail);
    expect(moved.mail.subject).to.match(/^Αλλαγή ραντεβού/);
    expect(update).to.deep.include({ method: 'REQUEST', uid: invite.uid, localStart: `${SUMMER_TUESDAY}T10:00:00`, start: `${SUMMER_TUESDAY}T07:00:00.000Z`, end: `${SUMMER_TUESDAY}T07:15:00.000Z` });
    expect(update.sequence).to.be.greaterThan(invite.sequence);

    const cancel = await staff.post(`/api/v1/appointments/${id}/cancel`, { reason: 'Ο πολίτης ζήτησε ακύρωση' });
    expect(cancel.status).to.equal(200);
    const cancelled = await nextMail(3);
    const removal = readInvitation(cancelled.mail);
    expect(cancelled.mail.subject).to.match(/^Ακύρωση ραντεβού/);
    expect(removal).to.deep.include({ method: 'CANCEL', status: 'CANCELLED', uid: invite.uid, start: update.start });
    expect(removal.sequence).to.be.greaterThan(update.sequence);
    expect(cancelled.mail.text).to.not.include('Ο πολίτης ζήτησε ακύρωση'); // the staff's reason stays internal

    const rows = await outboxOf(system.orm, [id]);
    expect(rows.map((r) => r.kind)).to.deep.equal(['appointment.confirmation', 'appointment.change', 'appointment.cancellation']);
    expect(sink.messages.slice(0, 3).map((m) => m.messageId)).to.deep.equal(rows.map((r) => messageIdFor(r.id)));
  });

  it('writes Greek subject and body as UTF-8, with encoded headers, in plain text and HTML', async () => {
    const before = sink.messages.length;
    await book(staff, storeId, [{ firstName: 'Γιάννης', lastName: 'Οικονόμου', startsAt: `${day(1)}T10:00`, email: 'giannis@citizen.example.gr' }]);
    const { mail, raw } = await nextMail(before + 1);
    const headers = raw.slice(0, raw.indexOf('\n\n') > 0 ? raw.indexOf('\n\n') : raw.indexOf('\r\n\r\n'));
    const subjectHeader = /^Subject: (.*(?:\r?\n[ \t].*)*)/m.exec(headers)?.[1] ?? '';
    expect(subjectHeader, 'an RFC 2047 encoded-word, not raw bytes').to.match(/=\?UTF-8\?[BQ]\?/i);
    expect(/^From: (.*(?:\r?\n[ \t].*)*)/m.exec(headers)?.[1]).to.match(/^=\?UTF-8\?[BQ]\?[\s\S]*\?= <no-reply@kep\.example\.gr>$/i);
    expect(headers, 'no 8-bit byte in any header').to.not.match(/[^\x00-\x7f]/);
    expect(mail.subject).to.match(/^Επιβεβαίωση ραντεβού στο ΚΕΠ Δήμου Αθηναίων \(Λιοσίων\) — Τρίτη 12 Ιανουαρίου 2027, 10:00 \([2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}\)$/);
    expect(mail.text).to.include('Γεια σας, Γιάννης Οικονόμου').and.include('Λιοσίων 22').and.include('kep.liosion@athens.example.gr');
    expect(raw).to.match(/Content-Type: text\/plain; charset=utf-8/i).and.match(/Content-Type: text\/html; charset=utf-8/i);
    expect(mail.html).to.be.a('string').and.include('<html lang="el">').and.include('Τρίτη 12 Ιανουαρίου 2027, 10:00');
  });

  it('writes to a citizen who booked in English in English, with the video call link', async () => {
    const em = system.orm.em.fork();
    const video = await em.findOneOrFail(Queue, { store: storeId, mode: 'video' }, { populate: ['store'] });
    const appointment = em.create(Appointment, {
      store: video.store,
      queue: video,
      startsAt: new Date(`${SUMMER_WEDNESDAY}T06:00:00Z`),
      endsAt: new Date(`${SUMMER_WEDNESDAY}T06:20:00Z`),
      firstName: 'Anna',
      lastName: 'Smith <script>',
      email: 'anna@citizen.example.org',
      mode: 'video',
      videoLink: 'https://meet.jit.si/kep-0123456789abcdef0123456789abcdef',
      language: 'en',
      source: 'online',
      createdBy: 'citizen:test',
    });
    addToOutbox(em, 'appointment.confirmation', appointment);
    await em.flush();
    system.host.rantevou.relay.nudge();

    const before = sink.messages.length;
    const { mail } = await nextMail(before + 1);
    expect(mail.subject).to.equal(`Appointment confirmed at ΚΕΠ Δήμου Αθηναίων (Λιοσίων) — Wednesday 31 March 2027, 09:00 (${appointment.reference})`);
    expect(mail.text).to.include('Dear Anna Smith <script>').and.include('Video call link: https://meet.jit.si/kep-0123456789abcdef0123456789abcdef');
    expect(mail.html).to.include('<html lang="en">').and.include('Smith &lt;script&gt;').and.not.include('<script>');
    expect(mail.html).to.include('href="https:&#x2F;&#x2F;meet.jit.si&#x2F;kep-0123456789abcdef0123456789abcdef"');
    const invite = readInvitation(mail);
    expect(invite).to.deep.include({ uid: `${appointment.id}@rantevou.appointment`, start: `${SUMMER_WEDNESDAY}T06:00:00.000Z`, location: 'https://meet.jit.si/kep-0123456789abcdef0123456789abcdef' });
  });
});
