import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations } from '../support/journey.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY = day(2); // Wednesday 13 January 2027, no holiday

/** How a screen reader is given a reference: one character at a time, a pause between the groups. */
const spelled = (reference: string) =>
  reference
    .split('-')
    .map((g) => [...g].join(' '))
    .join(', ');

/**
 * Issue 16 item 1: the staff table shows each appointment's booking reference in a column of its
 * own, written as the citizen has it and spelled out for a screen reader, and the search box finds
 * the row by it, typed in any case or scanned (a scanner types the code and Enter).
 */
describe('the booking reference in the staff table (issue 16 item 1; Chromium)', function () {
  this.timeout(60_000); // a shared machine: browser steps under load
  let system: TestSystem;
  let browser: Browser;
  let staff: StaffClient;
  let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
  const references = new Map<string, string>();
  const clock = new TestClock();

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('reference_column', { redisDb: 7, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    const storeId = staff.me.stores[0]!.id;
    for (const [firstName, lastName, time] of [
      ['Αλέξανδρος', 'Κωδικάκης', '09:00'],
      ['Βασιλική', 'Σαρωνίδου', '09:30'],
      ['Γεώργιος', 'Τυπάλδος', '10:00'],
    ] as const) {
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName, lastName, startsAt: `${DAY}T${time}` });
      expect(res.status, await res.clone().text()).to.equal(201);
      references.set(lastName, (await res.json()).reference);
    }
    browser = await launchChromium();
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await page.waitForURL(`${system.url}/`);
    signedIn = await context.storageState();
    await context.close();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function open(): Promise<{ page: Page; widget: Locator; context: BrowserContext }> {
    const context = await browser.newContext({ storageState: signedIn, viewport: { width: 1366, height: 768 }, locale: 'el-GR' });
    const page = await context.newPage();
    await page.goto(`${system.url}/?date=${DAY}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr[data-id]').first().waitFor();
    return { page, widget, context };
  }
  const rows = (widget: Locator) => widget.locator('[part=table] tbody tr[data-id]');

  it('shows a «Κωδικός» column: the reference as written, in a fixed-width face on one line, spelled out for a screen reader', async () => {
    const { page, widget, context } = await open();
    const headers = await widget.getByRole('columnheader').allInnerTexts();
    expect(headers.map((h) => h.split('\n')[0]!.trim()).slice(0, 3)).to.deep.equal(['Ώρα', 'Κωδικός', 'Ονοματεπώνυμο']);
    for (const [lastName, reference] of references) {
      const row = rows(widget).filter({ hasText: lastName });
      const cell = row.locator('td.reference');
      expect(await cell.locator('[aria-hidden="true"]').innerText(), 'what the eye reads').to.equal(reference);
      const spelledBox = await cell.locator('.visually-hidden').boundingBox();
      expect(spelledBox!.width * spelledBox!.height, 'the spelled text takes no room on screen').to.be.at.most(1);
      expect(await row.getByRole('cell', { name: spelled(reference), exact: true }).count(), 'what a screen reader reads').to.equal(1);
      expect(await cell.ariaSnapshot()).to.equal(`- cell "${spelled(reference)}"`);
      const look = await cell.evaluate((td) => ({
        font: getComputedStyle(td).fontFamily,
        lines: td.querySelector('[aria-hidden]')!.getClientRects().length,
      }));
      expect(look.font).to.match(/monospace/);
      expect(look.lines, 'not broken at the dash').to.equal(1);
    }
    // Copying the cell copies the written reference alone, not the spelled one.
    const copied = await rows(widget).first().locator('td.reference').evaluate((td) => {
      const range = document.createRange();
      range.selectNodeContents(td);
      const selection = getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
      return selection.toString();
    });
    expect(copied).to.equal(references.get('Κωδικάκης'));
    await expectNoAxeViolations(page, 'the day with the reference column');
    await context.close();
  });

  it('narrows the list to one row when the reference is typed in small letters without the dash, or scanned', async () => {
    const { page, widget, context } = await open();
    const reference = references.get('Σαρωνίδου')!;
    const box = widget.getByRole('searchbox', { name: 'Αναζήτηση με ονοματεπώνυμο ή κωδικό' });
    await box.fill(reference.replace('-', '').toLowerCase());
    await widget.getByRole('heading', { name: `Αναζήτηση «${reference.replace('-', '').toLowerCase()}»` }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    expect(await rows(widget).locator('strong').allInnerTexts()).to.deep.equal(['Σαρωνίδου']);
    expect(await rows(widget).locator('td.reference [aria-hidden="true"]').innerText()).to.equal(reference);

    // A counter's scanner is a keyboard: it types what the QR code holds, then Enter.
    const other = references.get('Τυπάλδος')!;
    await box.fill('');
    await widget.getByRole('heading', { name: 'Ραντεβού Τετάρτη 13/01/2027' }).waitFor();
    await box.focus();
    await page.keyboard.type(other, { delay: 10 });
    await page.keyboard.press('Enter');
    await widget.getByRole('heading', { name: `Αναζήτηση «${other}»` }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    expect(await rows(widget).locator('strong').allInnerTexts()).to.deep.equal(['Τυπάλδος']);
    await context.close();
  });

  it('prints the day with the references: the print-out is the server’s day sheet', async () => {
    const { widget, context } = await open();
    const href = await widget.getByRole('link', { name: /^Εκτύπωση ημέρας 13\/01\/2027/ }).getAttribute('href');
    const sheet = await context.request.get(new URL(href!, system.url).href);
    expect(sheet.status()).to.equal(200);
    const body = await sheet.text();
    for (const reference of references.values()) expect(body).to.include(reference);
    await context.close();
  });
});
