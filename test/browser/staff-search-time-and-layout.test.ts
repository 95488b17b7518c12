import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations } from '../support/journey.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY = day(2); // Wednesday 13 January 2027, no holiday
const at = (time: string) => new Date(`${DAY}T${time}:00+02:00`);

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The focused element's text, looking through shadow roots. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.textContent ?? '').trim().replace(/\s+/g, ' ');
  });
}

describe('the staff screen: a search typed with a space, attendance from its time, the day on the first screen (issue 12, items 5, 6, 10; Chromium)', function () {
  this.timeout(60_000); // a shared machine: browser steps under load
  let system: TestSystem;
  let browser: Browser;
  let staff: StaffClient;
  let signedIn: StorageState;
  const clock = new TestClock();

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('staff_items_5_6_10', { redisDb: 14, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    staff = await signInAs(system.url, 'demo-operator-a');
    const storeId = staff.me.stores[0]!.id;
    const people: [string, string, string][] = [
      ['Σοφία', 'Καραγιάννη', '09:30'],
      ['Σοφία', 'Λαμπράκη', '10:00'], // the same first name: only «Καρ» tells them apart
      ['Κάρολος', 'Σταθόπουλος', '10:30'],
    ];
    for (const [firstName, lastName, time] of people) {
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, { firstName, lastName, startsAt: `${DAY}T${time}` });
      expect(res.status, await res.clone().text()).to.equal(201);
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

  /** The day's screen at 1366×768, with the page's clock at `time` on DAY when given. */
  async function open(time?: string): Promise<{ page: Page; widget: Locator; context: BrowserContext }> {
    const context = await browser.newContext({ storageState: signedIn, viewport: { width: 1366, height: 768 }, locale: 'el-GR' });
    if (time) await context.clock.install({ time: at(time) });
    const page = await context.newPage();
    await page.goto(`${system.url}/?date=${DAY}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr[data-id]').first().waitFor();
    return { page, widget, context };
  }
  const row = (widget: Locator, name: string) => widget.locator('[part=table] tbody tr').filter({ hasText: name });
  const outcomeButtons = async (widget: Locator, name: string) =>
    (await row(widget, name).locator('button[data-action]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-action')))).filter((a) =>
      ['arrived', 'served', 'no_show'].includes(a!),
    );

  it('keeps the space typed between first and last name, key by key, and finds the person in Greek and in Latin letters', async () => {
    const { page, widget, context } = await open();
    const box = widget.getByRole('searchbox', { name: 'Αναζήτηση με ονοματεπώνυμο' });
    await box.focus();
    await page.keyboard.type('Σοφία Καρ', { delay: 120 }); // slower than the search's pause: each word is searched as typed
    expect(await box.inputValue()).to.equal('Σοφία Καρ');
    await widget.getByRole('heading', { name: 'Αναζήτηση «Σοφία Καρ»' }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    expect(await widget.locator('tbody tr[data-id] strong').allInnerTexts()).to.deep.equal(['Καραγιάννη']);

    await box.fill('');
    await widget.getByRole('heading', { name: 'Ραντεβού Τετάρτη 13/01/2027' }).waitFor();
    await page.keyboard.type('sofia kar', { delay: 120 });
    expect(await box.inputValue()).to.equal('sofia kar');
    await widget.getByRole('heading', { name: 'Αναζήτηση «sofia kar»' }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    expect(await widget.locator('tbody tr[data-id] strong').allInnerTexts()).to.deep.equal(['Καραγιάννη']);

    // Last name first works too; a trailing space is kept in the box and sent as nothing.
    await box.fill('');
    await page.keyboard.type('karagianni sofia ', { delay: 60 });
    expect(await box.inputValue()).to.equal('karagianni sofia ');
    await widget.getByRole('heading', { name: 'Αναζήτηση «karagianni sofia»' }).waitFor();
    await widget.getByText('Βρέθηκε 1 ραντεβού.').waitFor();
    await context.close();
  });

  it('offers «Ήρθε» from 30 minutes before the start and «Εξυπηρετήθηκε», «Δεν προσήλθε» from the start; the server refuses them earlier', async () => {
    clock.set(at('08:50'));
    const { page, widget, context } = await open('08:50');
    expect(await outcomeButtons(widget, 'Καραγιάννη'), 'nothing to record 40 minutes before').to.deep.equal([]);
    expect(await row(widget, 'Καραγιάννη').locator('td.state').innerText(), 'and the row says from when').to.include('Η προσέλευση καταγράφεται από 09:00');
    expect(await row(widget, 'Καραγιάννη').getByRole('button', { name: /^Αλλαγή/ }).count(), 'editing stays').to.equal(1);

    await context.clock.fastForward('15:00'); // 09:05: the screen's minute clock shows the arrival button
    await row(widget, 'Καραγιάννη').getByRole('button', { name: /^Ήρθε — Καραγιάννη Σοφία, 09:30$/ }).waitFor();
    expect(await outcomeButtons(widget, 'Καραγιάννη')).to.deep.equal(['arrived']);
    expect(await row(widget, 'Καραγιάννη').locator('td.state').innerText()).to.not.include('Η προσέλευση καταγράφεται');
    expect(await outcomeButtons(widget, 'Λαμπράκη'), '10:00 is not yet due').to.deep.equal([]);

    await context.clock.fastForward('25:00'); // 09:30
    await row(widget, 'Καραγιάννη').getByRole('button', { name: /^Δεν προσήλθε/ }).waitFor();
    expect(await outcomeButtons(widget, 'Καραγιάννη')).to.deep.equal(['arrived', 'served', 'no_show']);
    expect(await outcomeButtons(widget, 'Λαμπράκη'), '10:00: arrival only').to.deep.equal(['arrived']);

    // A counter PC whose clock runs ahead of the server's: the server still says no, in Greek, and nothing changes.
    clock.set(at('09:28'));
    await row(widget, 'Καραγιάννη').getByRole('button', { name: /^Δεν προσήλθε/ }).click();
    await widget.getByRole('alert').filter({ hasText: 'Το ραντεβού δεν έχει αρχίσει ακόμη (09:30)' }).waitFor();
    expect(await row(widget, 'Καραγιάννη').locator('td.state').innerText()).to.match(/^Κλεισμένο/);
    // The refusal stays until the next action: the once-a-minute reload of the list does not wipe it.
    const reloaded = page.waitForResponse((r) => r.url().includes('/appointments?'));
    await context.clock.fastForward('01:05');
    await reloaded;
    expect(await widget.getByRole('alert').filter({ hasText: 'Το ραντεβού δεν έχει αρχίσει ακόμη (09:30)' }).count(), 'after the reload').to.equal(1);

    clock.set(at('09:31'));
    await row(widget, 'Καραγιάννη').getByRole('button', { name: /^Δεν προσήλθε/ }).click();
    await widget.getByRole('status').filter({ hasText: 'Καραγιάννη Σοφία: Δεν προσήλθε.' }).waitFor();
    await expectNoAxeViolations(page, 'the day with attendance buttons');
    await context.close();
    clock.set(PINNED);
  });

  it('shows the day’s first appointments on the first screen at 1366×768, and «Νέο ραντεβού» two Tabs from the top of the screen', async () => {
    const { page, widget, context } = await open();
    const first = await widget.locator('tbody tr[data-id]').first().boundingBox();
    expect(first, 'the first row').to.not.equal(null);
    expect(first!.y + first!.height, 'the first row ends inside the viewport').to.be.at.most(768);
    expect(await page.evaluate(() => window.scrollY)).to.equal(0);

    // From the top of the screen (its heading), keyboard only.
    await widget.getByRole('heading', { level: 2 }).click();
    await page.keyboard.press('Tab');
    expect(await focusedText(page)).to.equal('Μετάβαση στη λίστα ραντεβού');
    await page.keyboard.press('Tab');
    expect(await focusedText(page), 'the second Tab').to.equal('Νέο ραντεβού');
    await page.keyboard.press('Enter');
    await widget.getByRole('dialog', { name: 'Νέο ραντεβού' }).waitFor();
    await page.keyboard.press('Escape');

    // The skip link goes past the search and filters to the list.
    await widget.getByRole('heading', { level: 2 }).click();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await focusedText(page)).to.equal('Ραντεβού Τετάρτη 13/01/2027');

    // The calendar and the rarer filters fold out on demand.
    const toggle = widget.getByRole('button', { name: 'Ημερολόγιο' });
    await toggle.click();
    await widget.locator('kep-appointments-calendar').waitFor();
    await widget.getByText('Περισσότερα φίλτρα: ουρά, τρόπος, συνεννόηση, ημερομηνίες').click();
    await widget.locator('#filter-mode').waitFor();
    await expectNoAxeViolations(page, 'calendar and filters open');
    await context.close();
  });
});
