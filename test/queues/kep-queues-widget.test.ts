import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { Queue } from '../../plugin/db/queue.entity.js';
import { launchChromium } from '../support/chromium.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('<kep-queues> in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  before(async () => {
    const clock = new TestClock();
    clock.set(PINNED);
    system = await startTestSystem('queueswidget', { clock: clock.now, redisDb: 8 });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  /** Signs in on the demo provider's page, then shows a page of this origin that embeds the widget. */
  async function openAs(account: RegExp): Promise<{ page: Page; storeId: string }> {
    // A Greek locale, so time inputs are 24-hour fields as a KEP's browser shows them.
    const page = await browser.newPage({ locale: 'el-GR' });
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL(`${system.url}/`);
    const storeId: string = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).stores[0].id);
    await page.setContent(`<!doctype html><html lang="el"><body><main><kep-queues store-id="${storeId}" lang="el"></kep-queues></main>
      <script type="module" src="/widget/rantevou.js"></script></body></html>`);
    await page.locator('kep-queues').getByRole('table', { name: /Οι ουρές του ΚΕΠ/ }).waitFor();
    return { page, storeId };
  }

  it('names every control, so a screen reader can tell them apart', async () => {
    const { page } = await openAs(/Γιώργος Νικολάου/);
    const unnamed: string[] = await page.locator('kep-queues').evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll('input, select, button, textarea')]
        .filter((el) => {
          const named = (el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent!.trim());
          return !named;
        })
        .map((el) => el.outerHTML),
    );
    expect(unnamed).to.deep.equal([]);
    const tables = page.locator('kep-queues').getByRole('table');
    expect(await tables.count()).to.equal(3);
    await page.close();
  });

  it('lets the store administrator add Saturday hours with the keyboard alone', async () => {
    const { page } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-queues');
    await widget.getByRole('button', { name: 'Ωράριο: Κύρια ουρά' }).focus();
    await page.keyboard.press('Enter');
    const heading = widget.getByRole('heading', { name: 'Εβδομαδιαίο ωράριο — Κύρια ουρά' });
    await heading.waitFor();
    expect(await heading.evaluate((h) => h.getRootNode() instanceof ShadowRoot && (h.getRootNode() as ShadowRoot).activeElement === h)).to.equal(true);
    await widget.getByRole('button', { name: 'Προσθήκη διαστήματος: Σάββατο' }).focus();
    await page.keyboard.press('Enter');
    await widget.getByLabel('Σάββατο 1: Από').focus();
    await page.keyboard.type('0900');
    await widget.getByLabel('Σάββατο 1: Έως').focus();
    await page.keyboard.type('1300');
    expect(await widget.getByLabel(/^Σάββατο \d: Από$/).count(), 'one interval on Saturday').to.equal(1);
    await widget.getByRole('button', { name: 'Αποθήκευση' }).focus();
    await page.keyboard.press('Enter');
    await widget.getByRole('status').filter({ hasText: 'Οι αλλαγές αποθηκεύτηκαν.' }).waitFor();
    expect(await widget.locator('tr[data-id]').first().innerText()).to.include('Δευ–Παρ 08:00–15:00 · Σαβ 09:00–13:00');
    const stored = await system.orm.em.fork().findOneOrFail(Queue, { isDefault: true, store: { code: 'KEP-ATH-0101' } });
    expect(stored.weeklyHours['6']).to.deep.equal([['09:00', '13:00']]);
    await page.close();
  });

  it('asks what to do with a future appointment before deactivating its queue, and keeps it when told', async () => {
    const { page, storeId } = await openAs(/Γιώργος Νικολάου/);
    const status = await page.evaluate(async ({ store, startsAt }) => {
      const me = await (await fetch('/api/v1/me')).json();
      const res = await fetch(`/api/v1/stores/${store}/appointments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ firstName: 'Στέλλα', lastName: 'Μαυρίδου', startsAt, email: 'stella@citizen.example.gr' }),
      });
      return res.status;
    }, { store: storeId, startsAt: `${day(1)}T10:00` });
    expect(status).to.equal(201);
    const widget = page.locator('kep-queues');
    await widget.getByRole('checkbox', { name: 'Ενεργή: Κύρια ουρά' }).click();
    const panel = widget.getByRole('group', { name: '1 μελλοντικό ραντεβού μένει εκτός ωραρίου' });
    await panel.waitFor();
    expect(await panel.innerText()).to.include(`${dmy(day(1))} 10:00`).and.include('Στέλλα Μαυρίδου').and.include('με email');
    expect(await widget.getByRole('checkbox', { name: 'Ενεργή: Κύρια ουρά' }).isChecked(), 'nothing changes before the answer').to.equal(true);
    await panel.getByRole('radio', { name: 'Να διατηρηθούν όπως είναι' }).check();
    await panel.getByRole('button', { name: 'Επιβεβαίωση αλλαγής' }).click();
    await widget.getByRole('status').filter({ hasText: 'Οι αλλαγές αποθηκεύτηκαν.' }).waitFor();
    expect(await widget.getByRole('checkbox', { name: 'Ενεργή: Κύρια ουρά' }).isChecked()).to.equal(false);
    expect((await system.orm.em.fork().findOneOrFail(Queue, { isDefault: true, store: storeId })).active).to.equal(false);
    await page.close();
  });

  it('shows an operator the same screen read-only, with the holidays of the coming months', async () => {
    const { page } = await openAs(/Μαρία Παπαδοπούλου/);
    const widget = page.locator('kep-queues');
    expect(await widget.getByText('αλλαγές κάνει ο Διαχειριστής Καταστήματος').count()).to.equal(1);
    expect(await widget.getByRole('checkbox', { name: 'Ενεργή: Κύρια ουρά' }).isDisabled()).to.equal(true);
    expect(await widget.getByRole('button', { name: /Ωράριο:/ }).count()).to.equal(0);
    const holidays = await widget.getByRole('table', { name: /Αργίες/ }).innerText();
    expect(holidays).to.include('Χριστούγεννα').and.include('25/12/');
    await page.close();
  });
});
