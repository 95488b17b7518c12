/**
 * The operator's journey, in Chromium on the intranet page, production mode, with the keyboard
 * alone (issue 12: "keyboard-only for one staff journey"): Μαρία Παπαδοπούλου signs in through the
 * identity provider, books a citizen on the phone and fixes the mistake the form points out, moves
 * the appointment, finds it by name typed with a space and in Latin letters, prints the day,
 * cancels with a reason and signs out of the shared counter PC. Only Tab, Shift+Tab, Enter, Space,
 * arrows and typing; each step is a screenshot and axe runs on every screen.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import type { TestSystem } from '../support/test-system.js';
import { focused, startStaffSystem, tabUntil, workingDayFrom } from './staff-shell-support.js';

const KEP = 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)';
/** The day she books for: a working day a week or more ahead (the plugin schedules by the real clock). */
const DAY = workingDayFrom(8);
const greek = (day: string) => day.split('-').reverse().join('/');

describe('the operator’s journey, keyboard only: sign in, book with a mistake fixed, move, search, print, cancel, sign out', function () {
  this.timeout(90_000);
  let system: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let widget: Locator;
  let journey: Journey;
  /** The time the appointment has after the move. */
  let movedTo = '';

  before(async () => {
    system = await startStaffSystem('journey_operator');
    browser = await launchChromium();
    journey = await Journey.start('operator');
    // A desk PC's screen, in Greek, so time fields are 24-hour ones.
    context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 768 } });
    page = await context.newPage();
    widget = page.locator('kep-appointments');
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  const row = () => widget.locator('[part=table] tbody tr').filter({ hasText: 'Καραγιάννη' });
  const tabTo = (text: string | RegExp, options?: { back?: boolean; limit?: number }) =>
    tabUntil(page, (f) => (typeof text === 'string' ? f.text === text : text.test(f.text)), options);

  it('signs in through the identity provider and lands on the day’s appointments', async () => {
    await page.goto(`${system.url}/?date=${DAY}`);
    await page.getByRole('heading', { level: 1, name: 'Δεν έχετε συνδεθεί' }).waitFor();
    await journey.shot(page, 'not-signed-in');
    await expectNoAxeViolations(page, 'the page before sign-in');
    await tabTo('Σύνδεση');
    await page.keyboard.press('Enter');

    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).waitFor();
    await journey.shot(page, 'identity-provider');
    await tabTo(/^Μαρία Παπαδοπούλου/);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${system.url}/?date=${DAY}`);

    const banner = page.getByRole('banner');
    await banner.getByText('Μαρία Παπαδοπούλου').waitFor();
    expect(await banner.innerText()).to.include('Χειριστής').and.include(KEP);
    await widget.getByRole('heading', { name: new RegExp(`^Ραντεβού .* ${greek(DAY)}$`) }).waitFor();
    await widget.getByText('Δεν υπάρχουν ραντεβού για αυτή την ημέρα.').waitFor();
    await journey.shot(page, 'day-empty');
    await expectNoAxeViolations(page, 'the day’s appointments');
  });

  it('books on the phone: the form points out a wrong phone number, she fixes it and the appointment is in the list', async () => {
    const start = await focused(page);
    const presses = await tabTo('Νέο ραντεβού');
    // From the top of the page: «Αποσύνδεση», the five sections, the screen's skip link, then «Νέο ραντεβού» (was 22 from the calendar).
    expect(presses, `Tabs to «Νέο ραντεβού» from ${JSON.stringify(start)}`).to.be.at.most(8);
    await page.keyboard.press('Enter');
    const dialog = widget.getByRole('dialog', { name: 'Νέο ραντεβού' });
    await dialog.waitFor();
    expect((await focused(page)).tag, 'the focus is in the first field').to.equal('input');
    await page.keyboard.type('Σοφία');
    await page.keyboard.press('Tab');
    await page.keyboard.type('Καραγιάννη');
    await tabUntilSlot();
    await page.keyboard.press('Space'); // the first free time of the day
    const booked = await dialog.locator('input[name=slot]:checked').inputValue();
    expect(await dialog.locator('#time').inputValue()).to.equal(booked);
    await tabUntilField('phone');
    await page.keyboard.type('69123'); // a digit short of nothing: a typo
    await page.keyboard.press('Enter');

    const summary = dialog.getByRole('alert').filter({ hasText: 'Υπάρχει πρόβλημα' });
    await summary.waitFor();
    expect(await summary.innerText()).to.include('Το τηλέφωνο δεν είναι έγκυρο');
    expect((await focused(page)).text, 'the summary takes the focus').to.include('Υπάρχει πρόβλημα');
    await journey.shot(page, 'booking-error-summary');
    await expectNoAxeViolations(page, 'the form with its error summary');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the summary's link leads to the phone field
    expect(await dialog.locator('#phone').evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).to.equal(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('6912345678');
    await page.keyboard.press('Enter');

    await widget.getByRole('status').filter({ hasText: 'Το ραντεβού καταχωρίστηκε.' }).waitFor();
    await row().waitFor();
    expect(await row().innerText()).to.include(booked).and.include('6912345678');
    expect((await focused(page)).text, 'focus returns to «Νέο ραντεβού»').to.equal('Νέο ραντεβού');
    await journey.shot(page, 'booked');
    await expectNoAxeViolations(page, 'the day with the new appointment');
  });

  it('moves it to another free time at the citizen’s request, with a note', async () => {
    await tabTo(/^Αλλαγή — Καραγιάννη Σοφία/);
    await page.keyboard.press('Enter');
    const dialog = widget.getByRole('dialog', { name: 'Αλλαγή ραντεβού: Καραγιάννη Σοφία' });
    await dialog.waitFor();
    const before = await dialog.locator('#time').inputValue();
    await tabUntilSlot();
    await page.keyboard.press('Space');
    movedTo = await dialog.locator('input[name=slot]:checked').inputValue();
    expect(movedTo, 'another time').to.not.equal(before);
    await tabUntilField('notes');
    await page.keyboard.type('Φέρνει εξουσιοδότηση');
    await journey.shot(page, 'moving');
    await expectNoAxeViolations(page, 'the edit form');
    await tabTo('Αποθήκευση');
    await page.keyboard.press('Enter');

    await widget.getByRole('status').filter({ hasText: 'Οι αλλαγές αποθηκεύτηκαν.' }).waitFor();
    await row().locator('time').filter({ hasText: movedTo }).waitFor();
    expect(await row().innerText()).to.include('Φέρνει εξουσιοδότηση');
    await journey.shot(page, 'moved');
  });

  it('finds her by name typed with a space between first and last name, and in Latin letters', async () => {
    await tabUntilInput((el) => el.id === 'search', true); // back up from the row to the search box
    await page.keyboard.type('Σοφία Καρ', { delay: 80 });
    const box = widget.getByRole('searchbox', { name: 'Αναζήτηση με ονοματεπώνυμο' });
    expect(await box.inputValue(), 'the space stays').to.equal('Σοφία Καρ');
    await widget.getByRole('heading', { name: 'Αναζήτηση «Σοφία Καρ»' }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    expect(await row().innerText()).to.include(`${greek(DAY)} ${movedTo}`);
    await journey.shot(page, 'search-greek');
    await expectNoAxeViolations(page, 'the search');

    await page.keyboard.press('Control+A');
    await page.keyboard.type('sofia kar', { delay: 80 });
    await widget.getByRole('heading', { name: 'Αναζήτηση «sofia kar»' }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    await row().waitFor();
    await journey.shot(page, 'search-latin');

    // Emptying the box brings the day back.
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    await widget.getByRole('heading', { name: new RegExp(`^Ραντεβού .* ${greek(DAY)}$`) }).waitFor();
  });

  it('prints the day: the sheet names the KEP, the date, the time, the citizen and the note', async () => {
    await tabTo(new RegExp(`^Εκτύπωση ημέρας ${greek(DAY)}`), { back: true, limit: 60 });
    const [sheet] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Enter')]);
    await sheet.waitForLoadState();
    const text = await sheet.locator('body').innerText();
    expect(text).to.include(KEP).and.include(greek(DAY)).and.include(movedTo).and.include('Καραγιάννη Σοφία').and.include('Φέρνει εξουσιοδότηση');
    await journey.shot(sheet, 'day-sheet');
    await expectNoAxeViolations(sheet, 'the printable day sheet');
    await sheet.close();
  });

  it('cancels with the reason the citizen gave, and the row says so', async () => {
    await page.bringToFront();
    await tabTo(/^Ακύρωση — Καραγιάννη Σοφία/, { limit: 60 });
    await page.keyboard.press('Enter');
    const dialog = widget.getByRole('dialog', { name: 'Ακύρωση ραντεβού: Καραγιάννη Σοφία' });
    await dialog.waitFor();
    await page.keyboard.type('Ζήτησε άλλη ημέρα στο τηλέφωνο');
    await journey.shot(page, 'cancelling');
    await expectNoAxeViolations(page, 'the cancel dialog');
    await tabTo('Ακύρωση ραντεβού');
    await page.keyboard.press('Enter');
    await widget.getByRole('status').filter({ hasText: 'Το ραντεβού ακυρώθηκε.' }).waitFor();
    const text = await row().innerText();
    expect(text).to.include('Ακυρώθηκε').and.include('Λόγος: Ζήτησε άλλη ημέρα στο τηλέφωνο');
    await journey.shot(page, 'cancelled');
    await expectNoAxeViolations(page, 'the day after the cancellation');
  });

  it('signs out with «Αποσύνδεση»: the page says so and the session is over on the server', async () => {
    const cookies = (await context.cookies(system.url)).map((c) => `${c.name}=${c.value}`).join('; ');
    await tabTo('Αποσύνδεση', { back: true, limit: 80 });
    await page.keyboard.press('Enter');
    const confirm = page.getByRole('button', { name: 'Ναι, αποσύνδεση' });
    const signedOut = page.getByRole('heading', { level: 1, name: 'Αποσυνδεθήκατε' });
    await Promise.race([confirm.waitFor(), signedOut.waitFor()]);
    if (await confirm.count()) {
      await journey.shot(page, 'identity-provider-sign-out');
      await tabTo('Ναι, αποσύνδεση');
      await page.keyboard.press('Enter');
    }
    await signedOut.waitFor();
    expect(await page.getByRole('button', { name: 'Αποσύνδεση' }).count()).to.equal(0);
    await journey.shot(page, 'signed-out');
    await expectNoAxeViolations(page, 'the signed-out page');
    expect((await fetch(`${system.url}/api/v1/me`, { headers: { cookie: cookies } })).status, 'the session ended on the server').to.equal(401);
  });

  /** Tab to the first free time of the form (a radio named slot). */
  async function tabUntilSlot(): Promise<void> {
    await tabUntilInput((el) => el.name === 'slot');
  }
  async function tabUntilField(id: string): Promise<void> {
    await tabUntilInput((el) => el.id === id);
  }
  /** Tab (Shift+Tab with `back`) until the focused field matches; the field already focused counts. */
  async function tabUntilInput(match: (el: { id: string; name: string }) => boolean, back = false): Promise<void> {
    for (let i = 0; i < 60; i++) {
      const el = await page.evaluate(() => {
        let e = document.activeElement;
        while (e?.shadowRoot?.activeElement) e = e.shadowRoot.activeElement;
        return { id: e?.id ?? '', name: (e as HTMLInputElement | null)?.name ?? '' };
      });
      if (match(el)) return;
      await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    }
    throw new Error('Tab never reached the field');
  }
});
