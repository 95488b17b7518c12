import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'bullmq';
import { expect } from 'chai';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { PNG } from 'pngjs';
import decodeQR from 'qr/decode.js';
import type { Appointment } from '../../plugin/db/appointment.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { startReminderScheduler } from '../../plugin/outbox/reminder-scheduler.js';
import { createEmailWorker } from '../../worker/email-worker.js';
import { DEFAULT_TEMPLATES_DIR, loadMailTemplates } from '../../worker/messages/mail-templates.js';
import { referenceQr } from '../../worker/messages/reference-qr.js';
import { renderEmail } from '../../worker/messages/render-email.js';
import { freePort } from '../support/free-port.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, instant, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { ownRedis } from './email-support.js';

/** What a scanner reads from a PNG: decoded by `qr`, a reader written apart from the `qrcode` that drew it. */
function scan(png: Buffer): string {
  const image = PNG.sync.read(png);
  return decodeQR({ width: image.width, height: image.height, data: image.data });
}

/**
 * Issue 16 item 1: every email about an appointment shows its booking reference as a QR code too,
 * an inline PNG (`cid:`) that a phone or a kiosk's scanner reads as the reference and nothing else,
 * with the reference still written beside it. Received by a real SMTP server from the real worker.
 */
describe('the booking reference as a QR code in the citizen’s emails (real worker, real SMTP)', () => {
  // A Redis of the test's own: its jobs cannot meet another test's worker on a shared database.
  let redis: ReturnType<typeof ownRedis>;
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  const clock = new TestClock();

  before(async () => {
    redis = ownRedis(await freePort());
    await redis.start();
    sink = await startSmtpSink();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    // The reminder scheduler runs by hand below, on the test's clock; no attendance job ticks.
    system = await startTestSystem('reference_qr', { redisUrl: redis.url, clock: clock.now, env: { REMINDER_HOURS_BEFORE: '0', ATTENDANCE_JOBS: '0' } });
    worker = createEmailWorker({ orm: system.orm, redisUrl: redis.url, mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>' } });
    staff = await signInAs(system.url, 'demo-operator-a');
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
    await redis?.stop();
  });

  /** The message to `address` whose subject matches, parsed again from its MIME with the `cid:` links as sent. */
  const received = async (address: string, subject: RegExp): Promise<ParsedMail> => {
    const index = () => sink.messages.findIndex((m) => subject.test(m.subject ?? '') && m.to && !Array.isArray(m.to) && m.to.text === address);
    await eventually(() => index() >= 0, `the email "${subject}" to ${address}`);
    return simpleParser(sink.raw[index()]!, { keepCidLinks: true });
  };

  /** The message's one inline PNG: in the HTML's multipart/related, its Content-ID the `src` of an image named by the reference. */
  const expectInlineQr = (mail: ParsedMail, reference: string) => {
    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images, 'one PNG').to.have.length(1);
    const [qr] = images as [(typeof images)[number]];
    expect(qr.related, 'inside multipart/related with the HTML').to.equal(true);
    expect(qr.contentDisposition).to.equal('inline');
    expect(qr.filename, 'named by the reference, nothing personal').to.equal(`${reference}.png`);
    expect(qr.cid, 'a Content-ID').to.be.a('string').and.not.equal('');
    const html = String(mail.html);
    const img = new RegExp(`<img src="cid:${qr.cid!.replace(/[.]/g, '\\.')}" width="174" height="174" alt="Κωδικός ραντεβού ${reference}"`);
    expect(html, 'the HTML shows it by its Content-ID, at 174 CSS pixels, named in alt').to.match(img);
    expect(html, 'no data: URI').to.not.include('data:image');
    expect(html, 'the reference still written as text').to.include(`letter-spacing:2px">${reference}</strong>`);
    expect(scan(qr.content), 'what a scanner reads: the reference alone').to.equal(reference);
    const png = PNG.sync.read(qr.content);
    expect([png.width, png.height], 'twice the shown size, sharp on a phone').to.deep.equal([348, 348]);
    expect(mail.text, 'the plain text keeps the reference').to.include(`Κωδικός κράτησης: ${reference}`);
    expect(mail.text).to.not.include('cid:');
    return qr.cid!;
  };

  it('confirmation, change, reminder and cancellation each carry the code of the reference, under a Content-ID of their own', async () => {
    const storeId = staff.me.stores[0]!.id;
    const address = 'qr-citizen@citizen.example.gr';
    const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, {
      firstName: 'Ελένη',
      lastName: 'Σαρωτή',
      startsAt: `${day(2)}T09:00`,
      email: address,
      phone: '+306912345678',
    });
    expect(res.status, await res.clone().text()).to.equal(201);
    const booking = await res.json();
    const reference: string = booking.reference;
    const cids = [expectInlineQr(await received(address, /^Επιβεβαίωση/), reference)];

    const moved = await staff.browser.fetch(`${system.url}/api/v1/appointments/${booking.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken, 'if-match': `"${booking.version}"` },
      body: JSON.stringify({ startsAt: `${day(3)}T10:00` }),
    });
    expect(moved.status, await moved.clone().text()).to.equal(200);
    cids.push(expectInlineQr(await received(address, /^Αλλαγή/), reference));

    // The day before, the reminder (written by the scheduler on the plugin's clock).
    clock.start(instant(day(2), '12:00'));
    const scheduler = startReminderScheduler(system.orm, { hoursBefore: 24, clock: clock.now });
    try {
      expect(await scheduler.runNow()).to.equal(1);
    } finally {
      await scheduler.stop();
    }
    system.host.rantevou.relay.nudge();
    cids.push(expectInlineQr(await received(address, /^Υπενθύμιση/), reference));

    const cancelled = await staff.post(`/api/v1/appointments/${booking.id}/cancel`, { reason: 'Ο πολίτης τηλεφώνησε' });
    expect(cancelled.status, await cancelled.clone().text()).to.equal(200);
    cids.push(expectInlineQr(await received(address, /^Ακύρωση/), reference));

    expect(new Set(cids).size, 'one Content-ID per message').to.equal(4);
  });
});

describe('the QR code in the templates', () => {
  const store = { id: 'c0ffee00-0000-4000-8000-000000000001', name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', address: 'Λιοσίων 22, 104 38 Αθήνα', municipality: 'Αθηναίων', timeZone: 'Europe/Athens' } as Store;
  const appointment = (language: 'el' | 'en', mode: 'in_person' | 'video' = 'in_person') =>
    ({
      id: '6f1c2a8e-3b1d-4c55-9a77-0e5b1c2d3e4f',
      reference: 'K7P-4MX',
      startsAt: instant(day(2), '09:00'),
      endsAt: instant(day(2), '09:15'),
      firstName: 'Νίκος',
      lastName: 'Ζαχαρίου',
      email: 'nikos@citizen.example.gr',
      language,
      mode,
      videoLink: mode === 'video' ? 'https://meet.jit.si/kep-00ff' : null,
      status: 'booked',
      version: 1,
    }) as Appointment;
  const extras = { procedure: null, alternative: null, manageUrl: null, organizer: { name: store.name, email: 'kep@example.gr' } };

  it('names the code in the citizen’s language, and tells an in-person citizen to show it at the KEP', async () => {
    const templates = loadMailTemplates();
    const qr = await referenceQr('K7P-4MX', 'reference-qr.test@rantevou.outbox');
    const en = renderEmail(templates, 'appointment.confirmation', appointment('en'), store, { ...extras, referenceQr: qr });
    expect(en.html).to.include('alt="Appointment reference K7P-4MX"').and.include('At the KEP you can show this QR code');
    expect(en.attachments).to.deep.equal([qr.attachment]);
    const video = renderEmail(templates, 'appointment.confirmation', appointment('el', 'video'), store, { ...extras, referenceQr: qr });
    expect(video.html).to.include('alt="Κωδικός ραντεβού K7P-4MX"').and.not.include('Στο ΚΕΠ μπορείτε να δείξετε');
  });

  it('attaches no picture to a message whose HTML does not show it (a deployment’s own details.html)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rantevou-templates-'));
    try {
      await mkdir(join(dir, 'el'));
      const shipped = await readFile(join(DEFAULT_TEMPLATES_DIR, 'el', 'details.html'), 'utf8');
      await writeFile(join(dir, 'el', 'details.html'), shipped.replace(/\{\{#referenceQr\}\}[\s\S]*?\{\{\/referenceQr\}\}\n/, ''));
      const qr = await referenceQr('K7P-4MX', 'reference-qr.test@rantevou.outbox');
      const email = renderEmail(loadMailTemplates(dir), 'appointment.confirmation', appointment('el'), store, { ...extras, referenceQr: qr });
      expect(email.html).to.include('K7P-4MX').and.not.include('cid:');
      expect(email.attachments).to.deep.equal([]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
