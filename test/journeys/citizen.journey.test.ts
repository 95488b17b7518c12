import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { focused, launchCookieless, newCitizenContext, signInInPopup } from '../booking/booking-browser.js';
import { expectNoAxeViolations, Journey } from '../support/journey.js';
import { manageLinkOf, scrollsSideways, startEmbeddedCitizenSystem, tabTo } from './citizen-journey-support.js';

const ATHENS = /ΚΕΠ Δήμου Αθηναίων/;
const CERTIFICATE = 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης';
const DIMITRIS = { name: 'Δημήτρης Αλεξίου', email: 'dimitris.alexiou@citizen.example.gr' };
const KATERINA = { name: 'Κατερίνα Βλάχου', email: 'katerina.vlachou@citizen.example.gr' };

describe('citizen journeys: book on the gov.gr page, then move and cancel from the email link (embedded default, Chromium)', function () {
  this.timeout(180_000);
  let sys: Awaited<ReturnType<typeof startEmbeddedCitizenSystem>>;
  let browser: Browser;
  let context: BrowserContext;

  before(async () => {
    sys = await startEmbeddedCitizenSystem();
    browser = await launchCookieless();
  });
  beforeEach(async () => {
    context = await newCitizenContext(browser, sys.apiBase);
  });
  afterEach(async () => context?.close());
  after(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** A step: the heading the citizen sees, a screenshot, axe. */
  async function see(j: Journey, page: Page, label: string, heading: RegExp, root = 'kep-booking'): Promise<void> {
    const widget = page.locator(root);
    await widget.getByRole('heading', { level: 2, name: heading }).waitFor();
    await j.shot(page, label);
    await expectNoAxeViolations(page, label);
  }

  it('in person, with the mouse: a mistake fixed, the name from Taxisnet, «Αλλαγή» on the summary, the email, and its link opens the booking', async () => {
    const j = await Journey.start('citizen-in-person');
    const page = await context.newPage();
    await page.goto(`${sys.site.url}/`);
    const widget = page.locator('kep-booking');
    await see(j, page, 'choose-kep', /Επιλέξτε ΚΕΠ/);

    // Continue without choosing: the error summary, and the page's title says «Σφάλμα:».
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Αθήνα');
    await widget.locator('.result-count', { hasText: 'Βρέθηκε 1 ΚΕΠ.' }).waitFor();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.locator('[part=error-summary]').waitFor();
    expect(await page.title()).to.equal('Σφάλμα: Επιλέξτε ΚΕΠ — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');
    expect((await focused(page)).text).to.include('Υπάρχει πρόβλημα');
    await see(j, page, 'kep-not-chosen', /Επιλέξτε ΚΕΠ/);
    await widget.locator('[part=error-summary]').getByRole('link', { name: 'Επιλέξτε ΚΕΠ' }).click();
    expect((await focused(page)).type).to.equal('radio');

    await widget.getByRole('radio', { name: ATHENS }).check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await see(j, page, 'procedure', /Για ποια υπόθεση/);
    expect(await page.title()).to.equal('Για ποια υπόθεση έρχεστε; — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');
    await widget.getByRole('radio', { name: CERTIFICATE }).check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await see(j, page, 'mode', /Πώς θέλετε/);
    await widget.getByRole('radio', { name: /Με φυσική παρουσία/ }).check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await see(j, page, 'day-and-time', /Επιλέξτε ημέρα και ώρα/);

    const first = widget.locator('input[name=time]').first();
    const startsAt = await first.inputValue();
    await first.check();
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click(), DIMITRIS.name);
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    // What Taxisnet said is not asked again: the name as text (no field to type someone else's), the email filled in.
    const details = widget.locator('kep-booking-details');
    expect(await details.innerText()).to.include('Ονοματεπώνυμο').and.include(DIMITRIS.name);
    expect(await widget.getByLabel('Όνομα', { exact: true }).count()).to.equal(0);
    expect(await widget.getByLabel('Email').inputValue()).to.equal(DIMITRIS.email);
    await see(j, page, 'details-prefilled', /Τα στοιχεία σας/);

    // A typing slip in the email: the summary links to it, the title says «Σφάλμα:»; then fixed.
    await widget.getByLabel('Email').fill('dimitris.alexiou@citizen');
    await widget.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).click();
    await widget.locator('[part=error-summary]').waitFor();
    expect(await page.title()).to.equal('Σφάλμα: Τα στοιχεία σας — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');
    await see(j, page, 'email-mistake', /Τα στοιχεία σας/);
    await widget.locator('[part=error-summary]').getByRole('link').click();
    expect((await focused(page)).id).to.equal('email');
    await page.keyboard.type('.example.gr');

    // «Αλλαγή» next to the way of service: back to that step, the choice kept; on again to the same time.
    await widget.getByRole('button', { name: 'Αλλαγή Τρόπος' }).click();
    await widget.getByRole('heading', { name: /Πώς θέλετε/ }).waitFor();
    expect((await focused(page)).id).to.equal('step-heading');
    expect(await widget.getByRole('radio', { name: /Με φυσική παρουσία/ }).isChecked()).to.equal(true);
    await j.shot(page, 'changed-back-to-mode');
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.getByRole('heading', { name: /Επιλέξτε ημέρα και ώρα/ }).waitFor();
    expect(await widget.locator(`input[name=time][value="${startsAt}"]`).isChecked()).to.equal(true);
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    expect(await widget.getByLabel('Email').inputValue()).to.equal(DIMITRIS.email);
    await widget.getByRole('button', { name: 'Επιβεβαίωση ραντεβού' }).click();
    await see(j, page, 'confirmation', /Το ραντεβού σας κλείστηκε/);
    expect(await page.title()).to.equal('Το ραντεβού σας κλείστηκε — Κλείστε ραντεβού σε ΚΕΠ — gov.gr');

    // The confirmation email arrives; its link leads to the gov.gr page, where the booking is shown.
    const mail = await sys.awaitMail(DIMITRIS.email, /Επιβεβαίωση/);
    expect(mail.text).to.include(DIMITRIS.name.split(' ')[1]);
    const link = manageLinkOf(mail.text);
    expect(link.startsWith(`${sys.site.url}/?manage=`), link).to.equal(true);
    await page.goto(`${sys.apiBase}/dev/mail/${mail.index}/html`);
    await j.shot(page, 'confirmation-email');
    await page.goto(link);
    const manage = page.locator('kep-manage-booking');
    await see(j, page, 'manage-page', /Το ραντεβού σας/, 'kep-manage-booking');
    const shown = await manage.locator('[part=base]').innerText();
    expect(shown).to.include('ΚΕΠ Δήμου Αθηναίων').and.include(CERTIFICATE).and.include('Κλεισμένο');
    expect(await manage.getByRole('button', { name: 'Αλλαγή ημέρας ή ώρας' }).count()).to.equal(1);
    expect(await page.title()).to.equal('Το ραντεβού σας — Το ραντεβού σας σε ΚΕΠ — gov.gr');
    await page.close();
  });

  it('by video, with the keyboard only, at 320 px: no sideways scrolling, focus on each step heading', async () => {
    const j = await Journey.start('citizen-video-keyboard');
    const narrow = await newCitizenContext(browser, sys.apiBase, { width: 320 });
    try {
      const page = await narrow.newPage();
      await page.goto(`${sys.site.url}/?lang=el`);
      const widget = page.locator('kep-booking');
      await see(j, page, 'choose-kep', /Επιλέξτε ΚΕΠ/);
      expect(await scrollsSideways(page)).to.equal(false);

      await tabTo(page, (f) => f.id === 'store-q', 'the KEP search');
      await page.keyboard.type('Αθήνα');
      await widget.locator('.result-count', { hasText: 'Βρέθηκε 1 ΚΕΠ.' }).waitFor();
      await tabTo(page, (f) => f.type === 'radio', 'the first KEP');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.text === 'Συνέχεια', 'Συνέχεια');
      await page.keyboard.press('Enter');
      await widget.getByRole('heading', { name: /Για ποια υπόθεση/ }).waitFor();
      expect((await focused(page)).id).to.equal('step-heading');
      await see(j, page, 'procedure', /Για ποια υπόθεση/);

      await tabTo(page, (f) => f.tag === 'input' && f.type !== 'radio', 'the procedure filter');
      await page.keyboard.type('οικογενειακής');
      await tabTo(page, (f) => f.type === 'radio', 'the procedure');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.text === 'Συνέχεια', 'Συνέχεια');
      await page.keyboard.press('Enter');
      await widget.getByRole('heading', { name: /Πώς θέλετε/ }).waitFor();
      await tabTo(page, (f) => f.type === 'radio', 'a way of service');
      // Arrow keys move within a radio group: down to the video call.
      await page.keyboard.press('ArrowDown');
      expect(await widget.getByRole('radio', { name: /βιντεοκλήση/ }).isChecked()).to.equal(true);
      await see(j, page, 'video-chosen', /Πώς θέλετε/);
      await tabTo(page, (f) => f.text === 'Συνέχεια', 'Συνέχεια');
      await page.keyboard.press('Enter');
      await widget.getByRole('heading', { name: /Επιλέξτε ημέρα και ώρα/ }).waitFor();
      await see(j, page, 'day-and-time', /Επιλέξτε ημέρα και ώρα/);
      expect(await scrollsSideways(page)).to.equal(false);

      await tabTo(page, (f) => f.type === 'radio', 'the first free time');
      await page.keyboard.press('Space');
      await tabTo(page, (f) => f.text === 'Σύνδεση και συνέχεια', 'Σύνδεση και συνέχεια');
      const [popup] = await Promise.all([page.waitForEvent('popup'), page.keyboard.press('Enter')]);
      const account = popup.getByRole('button', { name: new RegExp(KATERINA.name) });
      await account.waitFor();
      for (let i = 0; i < 20 && !(await account.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
      await popup.keyboard.press('Enter');
      await popup.waitForEvent('close');
      await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
      expect(await widget.locator('kep-booking-details').innerText()).to.include(KATERINA.name);
      await see(j, page, 'details', /Τα στοιχεία σας/);
      expect(await scrollsSideways(page)).to.equal(false);
      await tabTo(page, (f) => f.text === 'Επιβεβαίωση ραντεβού', 'Επιβεβαίωση ραντεβού');
      await page.keyboard.press('Enter');
      await see(j, page, 'confirmation', /Το ραντεβού σας κλείστηκε/);
      expect(await widget.locator('[part=base]').innerText()).to.include('Με βιντεοκλήση').and.include('Σύνδεσμος βιντεοκλήσης');
      expect(await scrollsSideways(page)).to.equal(false);

      const mail = await sys.awaitMail(KATERINA.email, /Επιβεβαίωση/);
      await page.goto(manageLinkOf(mail.text));
      await see(j, page, 'manage-page', /Το ραντεβού σας/, 'kep-manage-booking');
      expect(await page.locator('kep-manage-booking').locator('[part=base]').innerText()).to.include('Με βιντεοκλήση');
      expect(await scrollsSideways(page)).to.equal(false);
    } finally {
      await narrow.close();
    }
  });

  it('moves and then cancels from the email link; the used link and an unknown one show a polite page, never JSON', async () => {
    const j = await Journey.start('citizen-move-then-cancel');
    const link = manageLinkOf((await sys.awaitMail(DIMITRIS.email, /Επιβεβαίωση/)).text);
    const page = await context.newPage();
    await page.goto(link);
    const manage = page.locator('kep-manage-booking');
    await see(j, page, 'booking', /Το ραντεβού σας/, 'kep-manage-booking');
    const before = await manage.locator('[part=confirmation]').innerText();

    await manage.getByRole('button', { name: 'Αλλαγή ημέρας ή ώρας' }).click();
    await manage.getByRole('heading', { name: 'Επιλέξτε νέα ημέρα και ώρα' }).waitFor();
    expect((await focused(page)).id).to.equal('step-heading');
    await manage.locator('#day').waitFor();
    // «Αλλαγή ώρας» without a time: the error summary, «Σφάλμα:» in the title.
    await manage.getByRole('button', { name: 'Αλλαγή ώρας' }).click();
    await manage.locator('[part=error-summary]').waitFor();
    expect(await page.title()).to.equal('Σφάλμα: Επιλέξτε νέα ημέρα και ώρα — Το ραντεβού σας σε ΚΕΠ — gov.gr');
    await see(j, page, 'move-no-time', /Επιλέξτε νέα ημέρα/, 'kep-manage-booking');
    // Another day, its first time.
    const days = await manage.locator('#day option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    await manage.locator('#day').selectOption(days[1]!);
    await manage.locator('input[name=time]').first().check();
    const label = await manage.locator('input[name=time]:checked + label').innerText();
    await manage.getByRole('button', { name: 'Αλλαγή ώρας' }).click();
    await see(j, page, 'moved', /Το ραντεβού σας άλλαξε/, 'kep-manage-booking');
    const after = await manage.locator('[part=confirmation]').innerText();
    expect(after).to.include(label).and.not.equal(before);
    const change = await sys.awaitMail(DIMITRIS.email, /Αλλαγή/);
    await page.goto(`${sys.apiBase}/dev/mail/${change.index}/html`);
    await j.shot(page, 'change-email');

    // The same link again: the booking at its new time; cancel, after saying yes once more.
    await page.goto(link);
    await manage.getByRole('button', { name: 'Ακύρωση του ραντεβού' }).click();
    await see(j, page, 'cancel-confirm', /Θέλετε να ακυρώσετε/, 'kep-manage-booking');
    await manage.getByRole('button', { name: 'Όχι, να μείνει το ραντεβού' }).click();
    await manage.getByRole('heading', { name: 'Το ραντεβού σας' }).waitFor();
    await manage.getByRole('button', { name: 'Ακύρωση του ραντεβού' }).click();
    await manage.getByRole('button', { name: 'Ναι, ακύρωση του ραντεβού' }).click();
    await see(j, page, 'cancelled', /Το ραντεβού σας ακυρώθηκε/, 'kep-manage-booking');
    const cancellation = await sys.awaitMail(DIMITRIS.email, /Ακύρωση/);
    await page.goto(`${sys.apiBase}/dev/mail/${cancellation.index}/html`);
    await j.shot(page, 'cancellation-email');

    // The used link: the booking as it now is, cancelled, with nothing left to press.
    await page.goto(link);
    await see(j, page, 'used-link', /Το ραντεβού σας/, 'kep-manage-booking');
    expect(await manage.locator('[part=base]').innerText()).to.include('Ακυρώθηκε').and.include('κλείστε νέο ραντεβού');
    expect(await manage.getByRole('button').count()).to.equal(0);

    // An unknown link on the gov.gr page, and on the plugin's own page (the API's URL opened in a browser).
    await page.goto(`${sys.site.url}/?manage=${'x'.repeat(43)}`);
    await see(j, page, 'unknown-link-govgr', /Ο σύνδεσμος δεν ισχύει/, 'kep-manage-booking');
    const plain = await page.goto(`${sys.apiBase}/api/v1/public/manage/${'x'.repeat(43)}`);
    expect(plain?.status()).to.equal(404);
    expect(plain?.headers()['content-type']).to.include('text/html');
    await page.getByRole('heading', { level: 1, name: 'Ο σύνδεσμος δεν ισχύει' }).waitFor();
    await j.shot(page, 'unknown-link-plugin-page');
    await expectNoAxeViolations(page, 'unknown-link-plugin-page');

    // The plugin's own page for a live link (no gov.gr page in between): the same element, strict CSP.
    const token = new URL(manageLinkOf((await sys.awaitMail(KATERINA.email, /Επιβεβαίωση/)).text)).searchParams.get('manage')!;
    const own = await page.goto(`${sys.apiBase}/api/v1/public/manage/${token}`);
    expect(own?.headers()['content-security-policy']).to.include("script-src 'self'").and.include('trusted-types lit-html');
    await see(j, page, 'plugin-manage-page', /Το ραντεβού σας/, 'kep-manage-booking');
    expect(await page.locator('kep-manage-booking').locator('[part=base]').innerText()).to.include('Με βιντεοκλήση');
    // API clients still get the JSON at that URL.
    const json = await fetch(`${sys.apiBase}/api/v1/public/manage/${token}`);
    expect(json.headers.get('content-type')).to.include('application/json');
    expect((await json.json()).mode).to.equal('video');
    await page.close();
  });
});
