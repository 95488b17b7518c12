import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('an operator books through <kep-appointments> in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('browser', { clock: clock.now });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  it('signs in on the intranet page, adds an appointment with the form and sees it in the table', async () => {
    const page = await browser.newPage();
    await page.goto(`${system.url}/?date=${day(2)}`);
    await page.getByRole('link', { name: 'Σύνδεση' }).first().click();
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await page.waitForURL(`${system.url}/?date=${day(2)}`);

    const widget = page.locator('kep-appointments');
    await expect(await widget.getByRole('heading', { level: 2 }).first().textContent()).to.include('ΚΕΠ Δήμου Αθηναίων');
    await widget.getByRole('button', { name: 'Νέο ραντεβού' }).click();
    await widget.getByLabel('Όνομα', { exact: false }).first().fill('Σοφία');
    await widget.locator('[name=lastName]').fill('Καραγιάννη <b>');
    await widget.locator('[name=time]').fill('10:30');
    await widget.locator('[name=email]').fill('sofia@citizen.example.gr');
    await widget.getByRole('button', { name: 'Καταχώριση' }).click();

    await widget.getByRole('status').filter({ hasText: 'Το ραντεβού καταχωρίστηκε.' }).waitFor();
    const row = widget.locator('[part=table] tbody tr').filter({ hasText: 'Καραγιάννη' });
    expect(await row.count()).to.equal(1);
    const text = await row.innerText();
    expect(text).to.include('10:30').and.include('Σοφία').and.include('Καραγιάννη <b>');
    await page.close();
  });

  it('shows Greek validation messages and books nothing when the names are missing', async () => {
    const page = await browser.newPage();
    await page.goto(`${system.url}/?date=${day(2)}`);
    await page.getByRole('link', { name: 'Σύνδεση' }).first().click();
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await page.waitForURL(new RegExp(`date=${day(2)}`));
    const widget = page.locator('kep-appointments');
    await widget.getByRole('button', { name: 'Νέο ραντεβού' }).click();
    await widget.locator('[name=time]').fill('11:00');
    await widget.getByRole('button', { name: 'Καταχώριση' }).click();
    const summary = widget.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).to.include('Συμπληρώστε το όνομα').and.include('Συμπληρώστε το επώνυμο');
    expect(await widget.locator('[part=table] tbody tr[data-id]').count()).to.equal(1); // only the earlier booking
    await page.close();
  });
});
