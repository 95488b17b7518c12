/**
 * The staff intranet's shell in Chromium (`<kep-staff-app>` on the intranet page, production mode):
 * the keyboard alone signs in, reaches the sections and «Αποσύνδεση»; back and forward; a person with
 * two KEPs switches, and every screen follows; English; and a host with its own header uses
 * `<kep-staff-nav>` alone.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations } from '../support/journey.js';
import type { TestSystem } from '../support/test-system.js';
import { focused, signInOnIntranet, signOutOfIntranet, startStaffSystem, tabUntil } from '../journeys/staff-shell-support.js';

const THE = 'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς)';
const HER = 'ΚΕΠ Δήμου Ηρακλείου';

describe('the staff intranet shell in Chromium', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let browser: Browser;

  before(async () => {
    system = await startStaffSystem('staff_shell');
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  const nav = (page: Page) => page.getByRole('navigation', { name: 'Ενότητες' });
  const heading = (page: Page) => page.getByRole('heading', { level: 1 });

  it('works from the keyboard alone: sign in, Tab past «Αποσύνδεση» to the sections, Enter, back and forward, sign out', async () => {
    const page = await browser.newPage({ locale: 'el-GR' });
    await page.goto(`${system.url}/`);
    await heading(page).filter({ hasText: 'Δεν έχετε συνδεθεί' }).waitFor();
    await tabUntil(page, (f) => f.tag === 'a' && f.text === 'Σύνδεση');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).waitFor();
    await tabUntil(page, (f) => f.tag === 'button' && f.text.includes('Μαρία Παπαδοπούλου'));
    await page.keyboard.press('Enter');
    await page.waitForURL(`${system.url}/`);
    await page.getByRole('button', { name: 'Αποσύνδεση', exact: true }).waitFor();

    // From the top of the page: «Αποσύνδεση» in the header first, then the sections in their order.
    const seen: string[] = [];
    await tabUntil(page, (f) => (seen.push(f.text), f.text === 'Ουρές & ωράριο'));
    expect(seen).to.deep.equal(['Αποσύνδεση', 'Ραντεβού', 'Ουρά αναμονής', 'Ουρές & ωράριο']);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\?view=queues&store=/);
    expect(await focused(page)).to.deep.include({ tag: 'h1', text: 'Ουρές & ωράριο' });
    expect(await nav(page).getByRole('link', { name: 'Ουρές & ωράριο' }).getAttribute('aria-current')).to.equal('page');
    expect(await nav(page).getByRole('link').allInnerTexts(), 'an operator has no failed-email screen').to.deep.equal(['Ραντεβού', 'Ουρά αναμονής', 'Ουρές & ωράριο', 'Διαδικασίες', 'Αναφορές']);

    await page.goBack();
    await page.waitForURL(`${system.url}/`);
    await page.locator('kep-appointments').getByRole('heading', { level: 2, name: 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)' }).waitFor();
    expect(await focused(page)).to.deep.include({ tag: 'h1', text: 'Ραντεβού' });
    expect(await nav(page).getByRole('link', { name: 'Ραντεβού' }).getAttribute('aria-current')).to.equal('page');
    await page.goForward();
    await page.locator('kep-queues').getByRole('table', { name: /Οι ουρές του ΚΕΠ/ }).waitFor();
    expect(await focused(page)).to.deep.include({ tag: 'h1', text: 'Ουρές & ωράριο' });
    await page.reload();
    await page.locator('kep-queues').getByRole('table', { name: /Οι ουρές του ΚΕΠ/ }).waitFor();
    expect(await heading(page).innerText(), 'a reload stays on the screen').to.equal('Ουρές & ωράριο');

    // Back up from the screen's heading to «Αποσύνδεση»; the provider's confirmation takes Enter too.
    await heading(page).focus();
    await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Αποσύνδεση', { back: true });
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Ναι, αποσύνδεση' }).waitFor();
    await page.keyboard.press('Enter');
    await heading(page).filter({ hasText: 'Αποσυνδεθήκατε' }).waitFor();
    await tabUntil(page, (f) => f.tag === 'a' && f.text === 'Σύνδεση');
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).to.equal(401);
    await page.close();
  });

  describe('a person with two KEPs (administrator in Thessaloniki, operator in Heraklion)', () => {
    let context: BrowserContext;
    let page: Page;
    let ids: Record<'the' | 'her', string>;

    before(async () => {
      context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 768 } });
      page = await context.newPage();
      await signInOnIntranet(page, system.url, /Νίκος Δημητρίου/);
      const me = (await page.evaluate(async () => (await fetch('/api/v1/me')).json())) as { stores: { id: string; code: string }[] };
      ids = { the: me.stores.find((s) => s.code === 'KEP-THE-0201')!.id, her: me.stores.find((s) => s.code === 'KEP-HER-0301')!.id };
    });
    after(() => context?.close());

    const banner = () => page.getByRole('banner');
    async function switchTo(name: string): Promise<void> {
      await banner().getByRole('combobox', { name: 'ΚΕΠ' }).selectOption({ label: name });
      await banner().getByRole('button', { name: 'Αλλαγή ΚΕΠ' }).click();
      await banner().locator('.role').getByText(name, { exact: true }).waitFor();
    }

    it('starts at the first KEP with the role he has there, and the switcher names both', async () => {
      await page.locator('kep-appointments').getByRole('heading', { level: 2, name: HER }).waitFor();
      expect(await banner().innerText()).to.include(`Χειριστής · ${HER}`);
      const options = await banner().getByRole('combobox', { name: 'ΚΕΠ' }).locator('option').allInnerTexts();
      expect(options).to.deep.equal(['Όλα τα ΚΕΠ (2)', HER, THE]);
      expect(await nav(page).getByRole('link', { name: 'Email που δεν στάλθηκαν' }).count()).to.equal(0);
      await expectNoAxeViolations(page, 'the shell with a KEP switcher');
    });

    it('switches to Thessaloniki, and every screen shows Thessaloniki', async () => {
      await switchTo(THE);
      expect(await banner().innerText()).to.include(`Διαχειριστής Καταστήματος · ${THE}`);
      expect(await page.locator('kep-staff-app').getByRole('status').first().innerText()).to.equal(`Ραντεβού — ${THE}`);
      await page.locator('kep-appointments').getByRole('heading', { level: 2, name: THE }).waitFor();
      expect(page.url()).to.equal(`${system.url}/?view=appointments&store=${ids.the}`);
      const screens: [string, string, () => Promise<unknown>][] = [
        ['Ουρές & ωράριο', 'queues', () => page.locator('kep-queues').getByRole('heading', { level: 2, name: `Ουρές εξυπηρέτησης — ${THE}` }).waitFor()],
        ['Διαδικασίες', 'procedures', () => page.locator('kep-procedures').getByRole('heading', { level: 2, name: `Διαδικασίες — ${THE}` }).waitFor()],
        ['Email που δεν στάλθηκαν', 'outbox', () => page.locator('kep-outbox').getByRole('heading', { level: 2, name: `Email που δεν στάλθηκαν — ${THE}` }).waitFor()],
        ['Αναφορές', 'reports', () => page.locator('kep-reports').locator('tbody').getByRole('rowheader', { name: new RegExp(`^${THE.replace(/[()]/g, '\\$&')}`) }).waitFor()],
      ];
      for (const [link, view, shows] of screens) {
        await nav(page).getByRole('link', { name: link }).click();
        await page.waitForURL(`${system.url}/?view=${view}&store=${ids.the}`);
        await shows();
        expect(await page.title(), link).to.equal(`${link} — ${THE} — Ενδοδίκτυο ΚΕΠ`);
      }
      expect(await page.locator('kep-reports').locator('tbody').getByRole('rowheader').count(), 'the report of that KEP alone').to.equal(1);
      await page.reload();
      await page.locator('kep-reports').locator('tbody').getByRole('rowheader').first().waitFor();
      expect(await banner().innerText(), 'a reload keeps the KEP').to.include(THE);
    });

    it('goes to a screen his role at the other KEP does not have: the switch lands on its appointments instead', async () => {
      await nav(page).getByRole('link', { name: 'Email που δεν στάλθηκαν' }).click();
      await page.waitForURL(/view=outbox/);
      await switchTo(HER);
      await page.waitForURL(`${system.url}/?view=appointments&store=${ids.her}`);
      await page.locator('kep-appointments').getByRole('heading', { level: 2, name: HER }).waitFor();
      expect(await nav(page).getByRole('link', { name: 'Email που δεν στάλθηκαν' }).count()).to.equal(0);
    });

    it('compares both KEPs in the reports with «Όλα τα ΚΕΠ»', async () => {
      await nav(page).getByRole('link', { name: 'Αναφορές' }).click();
      await switchTo('Όλα τα ΚΕΠ (2)');
      await page.waitForURL(`${system.url}/?view=reports&store=all`);
      await page.waitForFunction(() => {
        const reports = document.querySelector('kep-staff-app')?.shadowRoot?.querySelector('kep-reports');
        return reports?.shadowRoot?.querySelectorAll('tbody th[scope=row]').length === 2;
      });
      expect(await banner().innerText()).to.include('Διαχειριστής Καταστήματος, Χειριστής · Όλα τα ΚΕΠ (2)');
    });

    it('speaks English with ?lang=en', async () => {
      await page.goto(`${system.url}/?view=queues&store=${ids.the}&lang=en`);
      await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();
      expect(await page.evaluate(() => document.documentElement.lang)).to.equal('en');
      expect(await banner().innerText()).to.include(`Store administrator · ${THE}`);
      expect(await nav(page).count(), 'the Greek name is gone').to.equal(0);
      const sections = page.getByRole('navigation', { name: 'Sections' });
      expect(await sections.getByRole('link').allInnerTexts()).to.deep.equal(['Appointments', 'Waiting queue', 'Queues & hours', 'Procedures', 'Undelivered email', 'Webhooks', 'Reports']);
      expect(await sections.getByRole('link', { name: 'Reports' }).getAttribute('href'), 'links keep the language').to.equal(`?view=reports&store=${ids.the}&lang=en`);
      expect(await heading(page).innerText()).to.equal('Queues & hours');
    });

    it('serves a host with its own header: <kep-staff-nav> alone announces the choice, and the host shows the screen', async () => {
      await page.goto(`${system.url}/?view=appointments&store=${ids.the}`);
      await page.setContent(`<!doctype html><html lang="el"><head><title>Πλατφόρμα</title></head><body>
        <header><p>Η κεφαλίδα της πλατφόρμας</p></header>
        <kep-staff-nav store-id="${ids.the}" view="appointments"></kep-staff-nav>
        <main><h1>Ραντεβού</h1><div id="screen"></div></main>
        <script type="module" src="/widget/rantevou.js"></script></body></html>`);
      await page.evaluate(() => {
        document.addEventListener('kep-staff-navigate', (event) => {
          const { view, storeId } = (event as CustomEvent<{ view: string; storeId: string }>).detail;
          event.preventDefault();
          (window as unknown as { chosen: unknown }).chosen = { view, storeId };
          document.querySelector('kep-staff-nav')!.setAttribute('view', view);
          document.getElementById('screen')!.innerHTML = `<kep-${view} store-id="${storeId}"></kep-${view}>`;
        });
      });
      const before = page.url();
      await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ουρές & ωράριο' }).click();
      await page.locator('kep-queues').getByRole('heading', { level: 2, name: `Ουρές εξυπηρέτησης — ${THE}` }).waitFor();
      expect(await page.evaluate(() => (window as unknown as { chosen: unknown }).chosen)).to.deep.equal({ view: 'queues', storeId: ids.the });
      expect(page.url(), 'the host routed: no page load').to.equal(before);
      expect(await page.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ουρές & ωράριο' }).getAttribute('aria-current')).to.equal('page');
    });

    it('signs out on this shared PC too', async () => {
      await page.goto(`${system.url}/`);
      await page.getByRole('button', { name: 'Αποσύνδεση', exact: true }).waitFor();
      await signOutOfIntranet(page, system.url);
    });
  });
});
