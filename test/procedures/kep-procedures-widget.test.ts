import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { Procedure } from '../../plugin/db/procedure.entity.js';
import { StoreProcedure } from '../../plugin/db/store-procedure.entity.js';
import { launchChromium } from '../support/chromium.js';
import { signInAs } from '../support/staff-client.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('<kep-procedures> in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;

  before(async () => {
    system = await startTestSystem('procwidget', { redisDb: 6, env: { CATALOGUE_EDITORS: 'demo-admin-a' } });
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  /** Signs in on the demo provider's page, then shows a page of this origin that embeds the widget. */
  async function openAs(account: RegExp, lang = 'el'): Promise<{ page: Page; storeId: string }> {
    const page = await browser.newPage({ locale: 'el-GR' });
    page.setDefaultTimeout(10_000);
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL(`${system.url}/`);
    const storeId: string = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).stores[0].id);
    await page.setContent(`<!doctype html><html lang="${lang}"><head><title>Διαδικασίες</title></head><body><main><h1>ΚΕΠ</h1><kep-procedures store-id="${storeId}" lang="${lang}"></kep-procedures></main>
      <script type="module" src="/widget/rantevou.js"></script></body></html>`);
    await page.locator('kep-procedures').getByRole('table').waitFor();
    return { page, storeId };
  }

  const publicNames = async (storeId: string) =>
    ((await (await fetch(`${system.url}/api/v1/public/stores/${storeId}/procedures`)).json()) as { name: string }[]).map((p) => p.name);
  const focusedId = (page: Page) => page.locator('kep-procedures').evaluate((host) => host.shadowRoot!.activeElement?.id ?? null);

  async function seriousViolations(page: Page): Promise<{ id: string; impact: string }[]> {
    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run(document.querySelector('kep-procedures')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  it('shows the catalogue and the add form to an editor with no serious axe-core violation, every control named', async () => {
    const { page } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-procedures');
    const rows = widget.getByRole('table', { name: 'Ο κατάλογος διαδικασιών και ποιες προσφέρει το ΚΕΠ' }).locator('tbody tr');
    expect(await rows.count()).to.equal(await system.orm.em.fork().count(Procedure));
    expect(await seriousViolations(page)).to.deep.equal([]);
    await widget.getByRole('button', { name: 'Νέα διαδικασία' }).click();
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    await widget.getByRole('alert').waitFor();
    expect(await seriousViolations(page), 'with the errors showing').to.deep.equal([]);
    const unnamed: string[] = await widget.evaluate((host) =>
      [...host.shadowRoot!.querySelectorAll('input, select, button, textarea')]
        .filter((el) => !((el as HTMLInputElement).labels?.length || el.getAttribute('aria-label') || (el.tagName === 'BUTTON' && el.textContent!.trim())))
        .map((el) => el.outerHTML),
    );
    expect(unnamed).to.deep.equal([]);
    await page.close();
  });

  it('lets the store administrator withdraw a procedure and offer it again with the keyboard, and the public list follows', async () => {
    const { page, storeId } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-procedures');
    const box = widget.getByRole('checkbox', { name: 'Προσφέρεται στο ΚΕΠ: Επικύρωση αντιγράφων' });
    expect(await box.isChecked()).to.equal(true);
    await box.focus();
    await page.keyboard.press('Space');
    await widget.getByRole('status').filter({ hasText: 'Η διαδικασία «Επικύρωση αντιγράφων» δεν προσφέρεται πλέον στο ΚΕΠ.' }).waitFor();
    expect(await box.isChecked()).to.equal(false);
    expect(await box.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b), 'the keyboard stays on the box').to.equal(true);
    expect(await publicNames(storeId)).to.not.include('Επικύρωση αντιγράφων');
    await page.keyboard.press('Space');
    await widget.getByRole('status').filter({ hasText: 'προσφέρεται πλέον στο ΚΕΠ' }).filter({ hasNotText: 'δεν' }).waitFor();
    expect(await box.isChecked()).to.equal(true);
    expect(await publicNames(storeId)).to.include('Επικύρωση αντιγράφων');
    await page.close();
  });

  it('lets an editor add a procedure through the form: what is missing first, next to its field, then saved and listed', async () => {
    const { page, storeId } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-procedures');
    await widget.getByRole('button', { name: 'Νέα διαδικασία' }).click();
    expect(await focusedId(page), 'focus moves to the form').to.equal('procedure-form-title');
    await widget.getByLabel('Κωδικός').fill('pist-pol');
    await widget.getByLabel('Όνομα στα ελληνικά').fill('Πιστοποιητικό πολιτογράφησης');
    await widget.getByRole('radio', { name: 'Όχι' }).check();
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    const summary = widget.locator('.procedure-form').getByRole('alert');
    await summary.waitFor();
    expect(await summary.getByRole('link').allInnerTexts()).to.deep.equal(['Συμπληρώστε το όνομα στα αγγλικά', 'Γράψτε τι να κάνει ο πολίτης αντί για βιντεοκλήση']);
    expect(await widget.getByLabel('Όνομα στα ελληνικά').inputValue(), 'nothing typed is lost').to.equal('Πιστοποιητικό πολιτογράφησης');
    await summary.getByRole('link', { name: 'Συμπληρώστε το όνομα στα αγγλικά' }).click();
    expect(await focusedId(page)).to.equal('procedure-name-en');
    expect(await widget.getByLabel('Όνομα στα αγγλικά').getAttribute('aria-invalid')).to.equal('true');
    await page.keyboard.type('Certificate of naturalisation');
    await widget.getByLabel('Τι να κάνει ο πολίτης αντί για βιντεοκλήση', { exact: true }).fill('Κλείστε ραντεβού δια ζώσης.');
    await widget.getByLabel('Τι να φέρει ο πολίτης', { exact: true }).fill('Αστυνομική ταυτότητα\n\nΑπόφαση πολιτογράφησης');
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    await widget.getByRole('status').filter({ hasText: 'Η διαδικασία «Πιστοποιητικό πολιτογράφησης» αποθηκεύτηκε.' }).waitFor();

    const row = widget.locator('tbody tr').filter({ hasText: 'Πιστοποιητικό πολιτογράφησης' });
    expect(await row.innerText()).to.include('PIST-POL').and.include('Απόφαση πολιτογράφησης').and.include('Κλείστε ραντεβού δια ζώσης.');
    expect(await widget.getByRole('checkbox', { name: 'Προσφέρεται στο ΚΕΠ: Πιστοποιητικό πολιτογράφησης' }).isChecked(), 'a new procedure is offered nowhere yet').to.equal(false);
    const stored = await system.orm.em.fork().findOneOrFail(Procedure, { code: 'PIST-POL' });
    expect(stored.bring).to.deep.equal(['Αστυνομική ταυτότητα', 'Απόφαση πολιτογράφησης']);
    expect(await system.orm.em.fork().count(StoreProcedure, { procedure: stored.id })).to.equal(0);

    await widget.getByRole('button', { name: 'Νέα διαδικασία' }).click();
    await widget.getByLabel('Κωδικός').fill('PIST-POL');
    await widget.getByLabel('Όνομα στα ελληνικά').fill('Δεύτερη');
    await widget.getByLabel('Όνομα στα αγγλικά').fill('Second');
    await widget.getByRole('radio', { name: 'Ναι' }).check();
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    await widget.getByText('Υπάρχει ήδη διαδικασία με αυτόν τον κωδικό.').first().waitFor();
    expect(await widget.getByLabel('Κωδικός').getAttribute('aria-invalid'), 'the server’s 409 lands on its field').to.equal('true');
    expect(await publicNames(storeId)).to.not.include('Δεύτερη');
    await page.close();
  });

  it('shows markup in a procedure’s text as text, and deactivates it from its row', async () => {
    const editor = await signInAs(system.url, 'demo-admin-a');
    const name = 'Βεβαίωση <img src=x onerror="window.pwned=1"> <b>έντονα</b>';
    const created = await editor.post('/api/v1/procedures', { code: 'HOSTILE', name, nameEn: 'Hostile', videoEligible: true });
    expect(created.status).to.equal(201);
    const { page } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-procedures');
    const row = widget.locator('tbody tr').filter({ hasText: 'έντονα' });
    expect(await row.locator('th').innerText()).to.include(name);
    expect(await row.locator('img, b').count()).to.equal(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).to.equal(undefined);

    await row.getByRole('button', { name: `Απενεργοποίηση: ${name}` }).click();
    await widget.getByRole('status').filter({ hasText: 'απενεργοποιήθηκε' }).waitFor();
    expect(await row.innerText()).to.include('ανενεργή');
    expect(await row.getByRole('checkbox').count(), 'a retired procedure cannot be offered').to.equal(0);
    const reactivate = row.getByRole('button', { name: `Ενεργοποίηση: ${name}` });
    expect(await reactivate.evaluate((b) => (b.getRootNode() as ShadowRoot).activeElement === b), 'focus stays on the row').to.equal(true);
    expect((await system.orm.em.fork().findOneOrFail(Procedure, { code: 'HOSTILE' })).active).to.equal(false);
    await page.close();
  });

  it('tells an editor whose procedure changed meanwhile, and shows the current values instead of overwriting them', async () => {
    const { page } = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-procedures');
    await widget.getByRole('button', { name: 'Επεξεργασία: Έκδοση ΑΜΚΑ' }).click();
    await widget.getByLabel('Όνομα στα αγγλικά').fill('AMKA (mine)');
    const editor = await signInAs(system.url, 'demo-admin-a');
    const amka = await system.orm.em.fork().findOneOrFail(Procedure, { code: 'AMKA' });
    const theirs = await editor.browser.fetch(`${system.url}/api/v1/procedures/${amka.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'x-csrf-token': editor.csrfToken, 'if-match': `"${amka.version}"` },
      body: JSON.stringify({ nameEn: 'AMKA (theirs)' }),
    });
    expect(theirs.status).to.equal(200);
    await widget.getByRole('button', { name: 'Αποθήκευση' }).click();
    await widget.getByRole('alert').filter({ hasText: 'άλλαξε στο μεταξύ από άλλον χρήστη' }).waitFor();
    expect(await widget.getByLabel('Όνομα στα αγγλικά').inputValue()).to.equal('AMKA (theirs)');
    expect((await system.orm.em.fork().findOneOrFail(Procedure, { code: 'AMKA' })).nameEn).to.equal('AMKA (theirs)');
    await page.close();
  });

  it('shows an operator the list read-only, without the editor’s tools, in English on request', async () => {
    const { page } = await openAs(/Μαρία Παπαδοπούλου/, 'en');
    const widget = page.locator('kep-procedures');
    expect(await widget.getByText('the store administrator chooses which ones the KEP offers').count()).to.equal(1);
    expect(await widget.getByRole('checkbox', { name: 'Offered at this KEP: Certified copies of documents' }).isDisabled()).to.equal(true);
    expect(await widget.getByRole('button', { name: 'New procedure' }).count()).to.equal(0);
    expect(await widget.getByRole('button', { name: /^Edit/ }).count()).to.equal(0);
    expect(await seriousViolations(page)).to.deep.equal([]);
    await page.close();
  });
});
