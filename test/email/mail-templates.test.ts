import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Appointment } from '../../plugin/db/appointment.entity.js';
import { isStaffOutboxKind, OUTBOX_KINDS, type CitizenOutboxKind } from '../../plugin/db/outbox-message.entity.js';
import type { Store } from '../../plugin/db/store.entity.js';
import { LANGUAGES, loadMailTemplates, MailTemplateError } from '../../worker/messages/mail-templates.js';
import { renderEmail } from '../../worker/messages/render-email.js';

const store = { name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)', address: 'Λιοσίων 22, 104 38 Αθήνα', municipality: 'Αθηναίων', contactEmail: 'kep@example.gr', timeZone: 'Europe/Athens' } as Store;
const appointment = (fields: Partial<Appointment>) =>
  ({
    id: '6f1c2a8e-3b1d-4c55-9a77-0e5b1c2d3e4f',
    startsAt: new Date('2027-03-26T07:00:00Z'), // Friday 26 March 2027, 09:00 in Athens (winter time, UTC+2, until the 28th)
    endsAt: new Date('2027-03-26T07:15:00Z'),
    firstName: 'Νίκος',
    lastName: 'Ζαχαρίου',
    email: 'nikos@citizen.example.gr',
    language: 'el',
    mode: 'in_person',
    videoLink: null,
    procedure: 'Έκδοση πιστοποιητικού',
    version: 4,
    ...fields,
  }) as Appointment;
const extras = { procedure: null, alternative: 'Επισκεφθείτε το ΚΕΠ.', manageUrl: 'https://kep.example.gr/manage/t0k3n', organizer: { name: store.name, email: 'kep@example.gr' } };

describe('the email templates', () => {
  const templates = loadMailTemplates();

  for (const lang of LANGUAGES) {
    for (const kind of OUTBOX_KINDS.filter((k): k is CitizenOutboxKind => !isStaffOutboxKind(k))) {
      it(`renders ${kind} in ${lang}: subject, text and HTML with the time and the KEP, nothing left unfilled`, () => {
        const email = renderEmail(templates, kind, appointment({ language: lang, mode: 'video', videoLink: 'https://meet.jit.si/kep-00ff' }), store, extras);
        expect(email.subject).to.be.a('string').and.not.match(/\n|\{\{/);
        expect(email.subject).to.include(store.name);
        for (const body of [email.text, email.html]) {
          expect(body).to.not.include('{{');
          expect(body).to.include(lang === 'el' ? 'Παρασκευή 26 Μαρτίου 2027, 09:00' : 'Friday 26 March 2027, 09:00');
        }
        expect(email.html).to.include(`<html lang="${lang}">`);
        // The appointment's own messages carry the calendar event; notices about it do not.
        expect(Boolean(email.icalEvent)).to.equal(['appointment.confirmation', 'appointment.change', 'appointment.cancellation', 'appointment.reminder'].includes(kind));
        if (kind !== 'appointment.cancellation') expect(email.text).to.include('https://kep.example.gr/manage/t0k3n');
      });
    }
  }

  for (const lang of LANGUAGES) {
    it(`${lang}: every kind greets without declining the name and carries the reference, the KEP's address and phone and what to bring`, () => {
      const kept = { ...store, phone: '+30 210 5200000' } as Store;
      const bring = lang === 'el' ? ['Αστυνομική ταυτότητα ή διαβατήριο'] : ['Police identity card or passport'];
      for (const kind of OUTBOX_KINDS.filter((k): k is CitizenOutboxKind => !isStaffOutboxKind(k))) {
        const email = renderEmail(templates, kind, appointment({ language: lang, reference: 'K7P-4MX' }), kept, { ...extras, bring });
        for (const body of [email.text, email.html]) {
          expect(body, kind).to.include('Λιοσίων 22, 104 38 Αθήνα').and.include('+30 210 5200000');
          // A waitlist offer is a time held for the citizen, not yet their appointment: no reference to
          // quote and nothing to bring until they book it (the confirmation then says both).
          if (kind === 'appointment.waitlist-offer') continue;
          expect(body, kind).to.include('K7P-4MX').and.include(bring[0]);
          expect(body, kind).to.not.match(/Αγαπητ|Dear\/|\/ή/);
        }
        expect(email.html, kind).to.include('href="tel:+302105200000"');
        expect(email.text, kind).to.match(lang === 'el' ? /^Γεια σας, Νίκος Ζαχαρίου,$/m : /^Dear Νίκος Ζαχαρίου,$/m);
      }
    });
  }

  it('a change shows the old time beside the new one, and says nothing of it when the start did not change', () => {
    const moved = renderEmail(templates, 'appointment.change', appointment({}), store, { ...extras, previousStartsAt: new Date('2027-03-25T13:30:00Z') });
    expect(moved.text).to.include('Προηγούμενη ώρα (δεν ισχύει πλέον): Πέμπτη 25 Μαρτίου 2027, 15:30\nΝέα ώρα: Παρασκευή 26 Μαρτίου 2027, 09:00');
    const sameStart = renderEmail(templates, 'appointment.change', appointment({}), store, { ...extras, previousStartsAt: new Date('2027-03-26T07:00:00Z') });
    expect(sameStart.text).to.not.include('Προηγούμενη ώρα');
  });

  it('shows the call link only for a video appointment', () => {
    const inPerson = renderEmail(templates, 'appointment.confirmation', appointment({ videoLink: 'https://meet.jit.si/kep-00ff' }), store, extras);
    const video = renderEmail(templates, 'appointment.confirmation', appointment({ mode: 'video', videoLink: 'https://meet.jit.si/kep-00ff' }), store, extras);
    expect(inPerson.text).to.not.include('meet.jit.si');
    expect(video.text).to.include('Σύνδεσμος βιντεοκλήσης: https://meet.jit.si/kep-00ff');
  });

  describe('overridden by a deployment (MAIL_TEMPLATES_DIR)', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rantevou-templates-'));
      await mkdir(join(dir, 'el'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    it('takes the files it has from there and the others from the defaults', async () => {
      await writeFile(join(dir, 'el', 'confirmation.txt'), 'Subject: Το ραντεβού σας, {{citizen.firstName}}\n\nΣας περιμένουμε {{when}} στο {{kep.name}}.\n');
      const custom = loadMailTemplates(dir);
      const email = renderEmail(custom, 'appointment.confirmation', appointment({}), store, extras);
      expect(email.subject).to.equal('Το ραντεβού σας, Νίκος');
      expect(email.text).to.equal('Σας περιμένουμε Παρασκευή 26 Μαρτίου 2027, 09:00 στο ΚΕΠ Δήμου Αθηναίων (Λιοσίων).\n');
      expect(email.html).to.include('καταχωρίστηκε'); // confirmation.html was not overridden
      expect(renderEmail(custom, 'appointment.reminder', appointment({}), store, extras).subject).to.match(/^Υπενθύμιση/);
    });

    it('refuses at start a template that does not parse, or a text without its subject line', async () => {
      await writeFile(join(dir, 'el', 'reminder.html'), '<p>{{#isVideo}}unclosed</p>');
      expect(() => loadMailTemplates(dir)).to.throw(MailTemplateError, /reminder\.html/);
      await rm(join(dir, 'el', 'reminder.html'));
      await writeFile(join(dir, 'el', 'change.txt'), 'Καλημέρα\n');
      expect(() => loadMailTemplates(dir)).to.throw(MailTemplateError, /Subject/);
    });
  });
});
