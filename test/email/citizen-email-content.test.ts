import type { Worker } from 'bullmq';
import { expect } from 'chai';
import { DateTime } from 'luxon';
import type { ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import { createEmailWorker } from '../../worker/email-worker.js';
import { freeStarts, startPublicSystem, type PublicSystem } from '../public/public-system.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';

// Redis database 0: no other test names it (the public system flushes it at start and end).
const REDIS_DB = 0;
const BOOKING_URL = 'https://www.gov.gr.example/rantevou-kep?lang={lang}';
const REFERENCE = /^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/;
const PROCEDURE = 'Έκδοση πιστοποιητικού εγγυτέρων συγγενών';
const BRING = {
  el: ['Αστυνομική ταυτότητα ή διαβατήριο', 'Ληξιαρχική πράξη θανάτου, όταν ζητείται για κληρονομιά'],
  en: ['Police identity card or passport', 'Death certificate, when needed for an inheritance'],
};
const CLOSURE_REASON = 'Απολύμανση των χώρων του ΚΕΠ';

/**
 * Issue 12 item 8: what the citizen reads in the emails of one appointment's life — booked online,
 * moved, then cancelled because the KEP closed that day — received by a real SMTP server from the
 * real worker, in Greek and in English.
 */
describe('what the citizen reads in the emails of an appointment (real worker, real SMTP)', () => {
  let system: PublicSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let staff: StaffClient;
  let admin: StaffClient;
  let procedureId: string;
  let days: string[][];

  before(async () => {
    sink = await startSmtpSink();
    system = await startPublicSystem('citizen_mail', { redisDb: REDIS_DB });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: `redis://127.0.0.1:6379/${REDIS_DB}`,
      mail: { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>', bookingUrl: BOOKING_URL },
    });
    [staff, admin] = await Promise.all([signInAs(system.url, 'demo-operator-a'), signInAs(system.url, 'demo-admin-a')]);
    const procedures: { id: string; name: string; bring: string[] }[] = await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json();
    procedureId = procedures.find((p) => p.name === PROCEDURE)!.id;
    // The free public starts, grouped by their day in Athens: each story below has days of its own.
    const byDay = new Map<string, string[]>();
    for (const s of await freeStarts(system.url, system.stores.athens)) {
      const day = DateTime.fromISO(s, { zone: 'Europe/Athens' }).toISODate()!;
      byDay.set(day, [...(byDay.get(day) ?? []), s]);
    }
    days = [...byDay.values()];
    expect(days.length, 'free public days in the next two weeks').to.be.at.least(5);
  });
  after(async () => {
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  const mailTo = async (address: string, subject: RegExp): Promise<ParsedMail> => {
    const find = () => sink.messages.find((m) => subject.test(m.subject ?? '') && m.to && !Array.isArray(m.to) && m.to.text === address);
    await eventually(() => !!find(), `the email "${subject}" to ${address}`);
    return find()!;
  };
  /** The start as the emails write it, in Athens: "Τρίτη 8 Δεκεμβρίου 2026, 09:00" / "Tuesday 8 December 2026, 09:00". */
  const written = (iso: string, lang: 'el' | 'en') => {
    return DateTime.fromISO(iso, { zone: 'Europe/Athens' }).setLocale(lang === 'en' ? 'en-GB' : 'el').toFormat('cccc d LLLL yyyy, HH:mm');
  };

  /** What every email of the appointment has, in both its parts. */
  const expectEssentials = (mail: ParsedMail, lang: 'el' | 'en', reference: string) => {
    for (const body of [mail.text ?? '', mail.html || '']) {
      expect(body).to.include(reference);
      expect(body).to.include('Λιοσίων 22, 104 38 Αθήνα');
      expect(body).to.include('+30 210 5200000');
      for (const item of BRING[lang]) expect(body).to.include(item);
      expect(body, 'no «Αγαπητέ/ή» that declines a name wrongly').to.not.match(/Αγαπητ/);
    }
    expect(mail.text).to.include(lang === 'el' ? 'Γεια σας, Δημήτρης Παπαδόπουλος,' : 'Dear Δημήτρης Παπαδόπουλος,');
    expect(mail.text).to.include(lang === 'el' ? `Κωδικός κράτησης: ${reference}` : `Booking reference: ${reference}`);
  };

  for (const [lang, story] of [
    ['el', 0],
    ['en', 2],
  ] as const) {
    it(`${lang}: booked, moved, then cancelled by a closure — each email has the reference, address, phone and what to bring; the change shows the old and new time in Athens; the cancellation the administrator's reason and a link to book again`, async () => {
      const address = `papadopoulos-${lang}@citizen.example.gr`;
      const citizen = await system.citizen(`citizen-mail-${lang}`, 'Δημήτρης Παπαδόπουλος');
      const first = days[story]![0]!;
      const target = days[story + 1]!.at(-1)!;
      const { booked } = await citizen.holdAndBook(
        { storeId: system.stores.athens, startsAt: first, mode: 'in_person', procedureId },
        { firstName: 'Δημήτρης', lastName: 'Παπαδόπουλος', email: address, language: lang },
      );
      expect(booked?.status).to.equal(201);
      const booking = await booked!.json();
      expect(booking.reference).to.match(REFERENCE);

      const confirmation = await mailTo(address, lang === 'el' ? /^Επιβεβαίωση/ : /^Appointment confirmed/);
      expectEssentials(confirmation, lang, booking.reference);
      expect(confirmation.subject).to.include(booking.reference);

      // Moved: by staff in Greek, by the citizen's own link in English (the two ways a time changes).
      if (lang === 'el') {
        const local = DateTime.fromISO(target, { zone: 'Europe/Athens' }).toFormat("yyyy-MM-dd'T'HH:mm");
        const current = await (await staff.get(`/api/v1/appointments/${booking.id}`)).json();
        const res = await staff.browser.fetch(`${system.url}/api/v1/appointments/${booking.id}`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json', 'x-csrf-token': staff.csrfToken, 'if-match': `"${current.version}"` },
          body: JSON.stringify({ startsAt: local }),
        });
        expect(res.status, await res.clone().text()).to.equal(200);
        expect((await res.json()).reference, 'a move keeps the reference').to.equal(booking.reference);
      } else {
        const url = new URL(booking.manageUrl);
        const token = url.searchParams.get('manage') ?? url.pathname.split('/').pop()!;
        const res = await fetch(`${system.url}/api/v1/public/manage/${token}/move`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: 'https://www.gov.gr.example' },
          body: JSON.stringify({ startsAt: target }),
        });
        expect(res.status, await res.clone().text()).to.equal(200);
      }
      const change = await mailTo(address, lang === 'el' ? /^Αλλαγή/ : /^Appointment changed/);
      expectEssentials(change, lang, booking.reference);
      const [was, now] = [written(first, lang), written(target, lang)];
      expect(change.text).to.include(lang === 'el' ? `Προηγούμενη ώρα (δεν ισχύει πλέον): ${was}` : `Previous time (no longer valid): ${was}`);
      expect(change.text).to.include(lang === 'el' ? `Νέα ώρα: ${now}` : `New time: ${now}`);
      expect(change.html).to.include(was).and.include(now);

      // The administrator closes the day it moved to and cancels its appointments.
      const day = DateTime.fromISO(target, { zone: 'Europe/Athens' }).toISODate()!;
      const closed = await admin.post(`/api/v1/stores/${system.stores.athens}/exceptions`, { startDate: day, endDate: day, reason: CLOSURE_REASON, onFutureAppointments: 'cancel' });
      expect(closed.status, await closed.clone().text()).to.equal(201);
      const cancellation = await mailTo(address, lang === 'el' ? /^Ακύρωση/ : /^Appointment cancelled/);
      expectEssentials(cancellation, lang, booking.reference);
      expect(cancellation.text).to.include(lang === 'el' ? `Αιτία, όπως τη δήλωσε το ΚΕΠ: ${CLOSURE_REASON}` : `Reason, as given by the KEP: ${CLOSURE_REASON}`);
      const rebook = BOOKING_URL.replace('{lang}', lang);
      expect(cancellation.text).to.include(lang === 'el' ? `Κλείστε νέο ραντεβού: ${rebook}` : `Book a new appointment: ${rebook}`);
      expect(cancellation.html).to.include(`href="${rebook.replaceAll('/', '&#x2F;').replace('=', '&#x3D;')}"`);
      expect(cancellation.text).to.include(now);
    });
  }

  it('keeps a staff cancellation’s own reason out of the email, and says so when the citizen cancelled online', async () => {
    const address = 'self-cancel@citizen.example.gr';
    const citizen = await system.citizen('citizen-mail-self', 'Δημήτρης Παπαδόπουλος');
    const [one, two] = days[4]!; // the stories above closed days 1 and 3
    const book = async (startsAt: string) => {
      const { booked } = await citizen.holdAndBook(
        { storeId: system.stores.athens, startsAt, mode: 'in_person', procedureId },
        { firstName: 'Δημήτρης', lastName: 'Παπαδόπουλος', email: address, language: 'el' },
      );
      return booked!.json();
    };
    const byCitizen = await book(one!);
    expect((await citizen.post(`/api/v1/public/me/appointments/${byCitizen.id}/cancel`)).status).to.equal(200);
    const own = await mailTo(address, new RegExp(`^Ακύρωση.*${byCitizen.reference}`));
    expect(own.text).to.include('Το ακυρώσατε εσείς μέσω διαδικτύου.').and.not.include('Αιτία');

    const byStaff = await book(two!);
    const res = await staff.post(`/api/v1/appointments/${byStaff.id}/cancel`, { reason: 'Τηλεφώνησε ο πολίτης' });
    expect(res.status, await res.clone().text()).to.equal(200);
    const staffs = await mailTo(address, new RegExp(`^Ακύρωση.*${byStaff.reference}`));
    expect(staffs.text).to.not.include('Τηλεφώνησε ο πολίτης').and.not.include('Αιτία').and.not.include('Το ακυρώσατε εσείς');
    expect(staffs.text).to.include(`Κλείστε νέο ραντεβού: ${BOOKING_URL.replace('{lang}', 'el')}`);
  });
});
