import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  focused,
  headingOf,
  launchCookieless,
  newCitizenContext,
  openBookingPage,
  signInInPopup,
  startBookingSystem,
  type BookingSystem,
} from './booking-browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('<kep-booking> for everyone: keyboard, screen readers, 320 CSS px, English', () => {
  let sys: BookingSystem;
  let browser: Browser;
  let context: BrowserContext;
  let axeSource: string;

  before(async () => {
    sys = await startBookingSystem('bookingaccess');
    browser = await launchCookieless();
    axeSource = await readFile(axePath, 'utf8');
  });
  afterEach(async () => context?.close());
  after(async () => {
    await browser?.close();
    await sys?.close();
  });

  /** Presses Tab until the focused element (through shadow roots) matches; a keyboard user's path. */
  async function tabTo(page: Page, match: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      if (match(await focused(page))) return;
    }
    throw new Error(`Tab never reached ${what}`);
  }

  async function expectFocusOnHeading(page: Page, text: RegExp): Promise<void> {
    await page.waitForFunction(() => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.id === 'step-heading';
    });
    expect((await focused(page)).text).to.match(text);
  }

  it('books with the keyboard alone, focus moving to each new step heading', async () => {
    context = await newCitizenContext(browser, sys.apiBase);
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase);
    await tabTo(page, (f) => f.id === 'store-q', 'the KEP search');
    await page.keyboard.type('Αθήνα');
    await page.keyboard.press('Enter');
    await widget.locator('.result-count', { hasText: 'Βρέθηκε 1 ΚΕΠ.' }).waitFor();
    await tabTo(page, (f) => f.type === 'radio', 'the KEPs');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Συνέχεια', 'Continue');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /Βήμα 2 από 5 Για ποια υπόθεση έρχεστε;/);

    await tabTo(page, (f) => f.id === 'procedure-filter', 'the procedure filter');
    await page.keyboard.type('οικογενειακης');
    await tabTo(page, (f) => f.type === 'radio', 'the procedures');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Συνέχεια', 'Continue');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /Βήμα 3 από 5/);

    await tabTo(page, (f) => f.type === 'radio', 'the modes');
    await page.keyboard.press('Space');
    await tabTo(page, (f) => f.text === 'Συνέχεια', 'Continue');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /Βήμα 4 από 5 Επιλέξτε ημέρα και ώρα/);

    await tabTo(page, (f) => f.type === 'radio', 'the times');
    await page.keyboard.press('ArrowRight');
    await tabTo(page, (f) => f.text === 'Σύνδεση και συνέχεια', 'Sign in and continue');
    await signInInPopup(page, () => page.keyboard.press('Enter'));
    await expectFocusOnHeading(page, /Βήμα 5 από 5 Τα στοιχεία σας/);

    // The name is the identity provider's (text, not a field); the email, filled in from it, is the citizen's to change.
    await tabTo(page, (f) => f.id === 'email', 'email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('sofia@citizen.example.gr');
    await tabTo(page, (f) => f.text === 'Επιβεβαίωση ραντεβού', 'Confirm');
    await page.keyboard.press('Enter');
    await expectFocusOnHeading(page, /^Το ραντεβού σας κλείστηκε$/);
    const [row] = await sys.system.orm.em.fork().getConnection().execute(`select mode, status from appointment where email = 'sofia@citizen.example.gr'`);
    expect(row).to.deep.equal({ mode: 'in_person', status: 'booked' });
  });

  it('fits 320 CSS px (a phone, or 200% zoom) without sideways scrolling, with no serious axe-core violation, at every step', async () => {
    context = await newCitizenContext(browser, sys.apiBase, { width: 320 });
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase);
    // Evaluated through DevTools: the page's CSP allows no injected script element.
    await page.evaluate(axeSource);
    const check = async (step: string) => {
      const [scrollWidth, width] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
      expect(scrollWidth, `${step}: page width`).to.be.at.most(width);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
        const result = await axe.run(document.querySelector('kep-booking')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
        return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
      });
      expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), `${step}: ${JSON.stringify(violations)}`).to.deep.equal([]);
    };
    const press = (name: string) => widget.getByRole('button', { name, exact: true }).click();

    await widget.locator('.result-count').waitFor();
    await check('KEPs');
    await press('Συνέχεια');
    await widget.locator('[part=error-summary]').waitFor();
    await check('KEPs with an error summary');
    await widget.getByRole('radio', { name: /ΚΕΠ Δήμου Αθηναίων/ }).check();
    await press('Συνέχεια');
    await widget.getByRole('radio', { name: 'Βεβαίωση γνησίου υπογραφής' }).check();
    await check('procedures');
    await press('Συνέχεια');
    await widget.locator('[part=notice]').waitFor();
    await check('video ruled out');
    await press('Πίσω');
    await widget.getByRole('radio', { name: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης' }).check();
    await press('Συνέχεια');
    await widget.getByRole('radio', { name: /Με βιντεοκλήση/ }).check();
    await check('modes');
    await press('Συνέχεια');
    await widget.locator('input[name=time]').first().check();
    await check('times');
    await signInInPopup(page, () => press('Σύνδεση και συνέχεια'));
    await widget.getByLabel(/ως νόμιμος εκπρόσωπος/).check();
    await press('Επιβεβαίωση ραντεβού');
    await widget.locator('[part=error-summary]').waitFor();
    await check('details with errors');
    await widget.getByLabel('Email').fill('eleni.georgiou.papadimitropoulou@citizen.example.gr');
    await widget.getByLabel(/ως νόμιμος εκπρόσωπος/).uncheck();
    await press('Επιβεβαίωση ραντεβού');
    await widget.locator('[part=confirmation]').waitFor();
    await check('confirmation');
  });

  it('speaks English with lang="en", the procedures included', async () => {
    context = await newCitizenContext(browser, sys.apiBase);
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase, '?lang=en');
    await page.waitForFunction(() => document.querySelector('kep-booking')?.getAttribute('lang') === 'en');
    expect(await headingOf(widget)).to.equal('Step 1 of 5 Choose a KEP');
    expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
    await widget.getByLabel('Search for a KEP').fill('Αθήνα');
    await widget.getByRole('radio', { name: /ΚΕΠ Δήμου Αθηναίων/ }).check();
    await widget.getByRole('button', { name: 'Continue' }).click();
    await widget.getByRole('radio', { name: 'Authentication of signature' }).check();
    await widget.getByRole('button', { name: 'Continue' }).click();
    const notice = await widget.locator('[part=notice]').innerText();
    expect(notice).to.include('“Authentication of signature” cannot be handled by video call.').and.include('A signature can be authenticated only in front of the officer');
    expect(await page.title()).to.equal('How would you like to be served? — Book an appointment at a KEP — gov.gr');
  });

  it('warns a minute before the held time lapses, then goes back to the times and says why', async () => {
    context = await newCitizenContext(browser, sys.apiBase);
    await context.clock.install();
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase);
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Θεσσαλονίκη');
    await widget.getByRole('radio', { name: /Θεσσαλονίκης/ }).check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.locator('input[name=procedure]').first().check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.locator('input[name=time]').first().check();
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click());
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    await widget.getByLabel('Κινητό τηλέφωνο (προαιρετικό)').fill('6912345678');

    await page.clock.fastForward('04:01');
    await widget.getByRole('status').filter({ hasText: 'Απομένει 1 λεπτό για να ολοκληρώσετε το ραντεβού.' }).waitFor();
    expect(await widget.getByRole('timer').innerText()).to.match(/^Απομένουν 0:5\d\.$/);
    await page.clock.fastForward('01:00');
    await widget.getByRole('heading', { name: /Επιλέξτε ημέρα και ώρα/ }).waitFor();
    const said = 'Ο χρόνος κράτησης της ώρας έληξε. Επιλέξτε ξανά ώρα.';
    await widget.getByRole('status').filter({ hasText: said }).waitFor();
    expect(await widget.locator('kep-booking-slot .inset').first().innerText()).to.equal(said);
  });

  it('asks politely to wait when the service answers 429 Too Many Requests', async () => {
    context = await newCitizenContext(browser, sys.apiBase);
    const { page, widget } = await openBookingPage(context, sys.site.url, sys.apiBase);
    await page.route(`${sys.apiBase}/api/v1/public/stores?*`, (route) =>
      route.fulfill({
        status: 429,
        contentType: 'application/problem+json',
        headers: { 'Access-Control-Allow-Origin': sys.site.url, 'Retry-After': '60' },
        body: JSON.stringify({ type: 'urn:rantevou:problem:rate-limited', title: 'Too Many Requests', status: 429 }),
      }),
    );
    await widget.getByLabel('Αναζήτηση ΚΕΠ').fill('Ηράκλειο');
    await widget.getByRole('alert').filter({ hasText: 'Έγιναν πολλά αιτήματα σε λίγο χρόνο. Περιμένετε ένα λεπτό και δοκιμάστε ξανά' }).waitFor();
  });
});
