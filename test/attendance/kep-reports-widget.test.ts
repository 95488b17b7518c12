import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import { insertAppointments } from './support/fixtures.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('<kep-reports> in Chromium', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let browser: Browser;

  before(async () => {
    system = await startAttendanceSystem('attend_widget', { redisDb: 21 });
    keps = await system.keps();
    await insertAppointments(system.orm, [
      { queue: keps.ath.queue, at: '2030-03-04T09:00', status: 'served' },
      { queue: keps.ath.queue, at: '2030-03-05T09:00', status: 'missed_by_staff' },
      { queue: keps.ath.queue, at: '2030-03-05T09:30', status: 'served' },
      { queue: keps.ath.queue, at: '2030-03-12T09:00', status: 'served' },
      { queue: keps.the.queue, at: '2030-03-12T09:00', status: 'missed_by_staff' },
    ]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function openAs(account: RegExp, attributes = 'from="2030-03-04" to="2030-03-17"'): Promise<Page> {
    const page = await browser.newPage({ locale: 'el-GR' });
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL(`${system.url}/`);
    await page.setContent(`<!doctype html><html lang="el"><head><title>Αναφορές</title></head><body><main><h1>Εποπτεία</h1>
      <kep-reports lang="el" ${attributes}></kep-reports></main><script type="module" src="/widget/rantevou.js"></script></body></html>`);
    await page.locator('kep-reports').getByRole('table').waitFor();
    return page;
  }

  it('shows the supervisor every KEP, worst first, each chart with its numbers as text, with no serious axe-core violation', async () => {
    const page = await openAs(/Αικατερίνη Σταύρου/);
    const widget = page.locator('kep-reports');
    const table = widget.getByRole('table', { name: /3 ΚΕΠ, 04\/03\/2030 – 17\/03\/2030, από το χειρότερο/ });
    const kepNames = (await table.locator('tbody th[scope=row]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(kepNames).to.deep.equal([
      'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς) KEP-THE-0201 · Θεσσαλονίκης',
      'ΚΕΠ Δήμου Αθηναίων (Λιοσίων) KEP-ATH-0101 · Αθηναίων',
      'ΚΕΠ Δήμου Ηρακλείου KEP-HER-0301 · Ηρακλείου',
    ]);
    const chart = widget.getByRole('img', { name: /^ΚΕΠ Δήμου Αθηναίων \(Λιοσίων\), ανά εβδομάδα από 04\/03\/2030: ραντεβού 3, 1· χαμένα από την υπηρεσία 1, 0\.$/ });
    expect(await chart.count()).to.equal(1);
    expect(await widget.getByRole('status').innerText()).to.equal('Η αναφορά φορτώθηκε: 3 ΚΕΠ.');
    const csv = await widget.getByRole('link', { name: 'Λήψη CSV' }).getAttribute('href');
    expect(csv).to.equal('/api/v1/reports?from=2030-03-04&to=2030-03-17&format=csv');
    expect(await widget.getByRole('link', { name: /Εκτύπωση/ }).getAttribute('href')).to.equal('/api/v1/reports?from=2030-03-04&to=2030-03-17&format=html');

    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector('kep-reports')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), JSON.stringify(violations)).to.deep.equal([]);
    await page.close();
  });

  it('takes a new period from the keyboard, and explains a wrong one in an error summary that leads to the field', async () => {
    const page = await openAs(/Μαρία Παπαδοπούλου/);
    const widget = page.locator('kep-reports');
    expect(await widget.locator('tbody th[scope=row]').count(), 'an operator sees her own KEP').to.equal(1);
    await widget.getByLabel('Έως', { exact: true }).fill('2030-03-01');
    await widget.getByLabel('Έως', { exact: true }).press('Enter');
    const summary = widget.getByRole('alert').filter({ hasText: 'Υπάρχει πρόβλημα' });
    await summary.waitFor();
    expect(await summary.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el), 'focus moves to the summary').to.equal(true);
    const link = summary.getByRole('link', { name: 'Η ημερομηνία λήξης πρέπει να είναι ίδια ή μετά την ημερομηνία έναρξης.' });
    await page.keyboard.press('Tab');
    const colours = (el: Element) => [getComputedStyle(el).color, getComputedStyle(el).backgroundColor];
    expect(await link.evaluate(colours), 'a focused link reads dark on the yellow focus fill, as on gov.gr').to.deep.equal(['rgb(11, 12, 12)', 'rgb(255, 221, 0)']);
    await link.press('Enter');
    const to = widget.getByLabel('Έως', { exact: true });
    expect(await to.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).to.equal(true);
    expect(await to.getAttribute('aria-invalid')).to.equal('true');
    expect(await to.evaluate((el) => getComputedStyle(el).borderTopColor), 'the field in error has the error border').to.equal('rgb(182, 2, 2)');

    await widget.getByLabel('Από', { exact: true }).fill('2030-03-11');
    await widget.getByLabel('Έως', { exact: true }).fill('2030-03-17');
    const loaded = page.evaluate(() => new Promise((resolve) => document.addEventListener('kep-report-loaded', (e) => resolve((e as CustomEvent).detail), { once: true })));
    await widget.getByRole('button', { name: 'Εμφάνιση' }).press('Enter');
    expect(await loaded).to.deep.equal({ from: '2030-03-11', to: '2030-03-17', stores: 1 });
    await widget.getByRole('table', { name: /1 ΚΕΠ, 11\/03\/2030 – 17\/03\/2030/ }).waitFor();
    expect(await widget.getByRole('alert').count(), 'the summary is gone').to.equal(0);
    await page.close();
  });
});
