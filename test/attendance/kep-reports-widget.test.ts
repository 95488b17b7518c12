import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import { TestClock } from '../support/test-clock.js';
import { instant } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from './support/attendance-system.js';
import type { Queue } from '../../plugin/db/queue.entity.js';
import { insertAppointments, type Fixture } from './support/fixtures.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** `count` ten-minute appointments from the Monday `monday` on, 20 a day, served except those at `missed`. */
function week(queue: Queue, monday: string, count: number, missed: number[]): Fixture[] {
  return Array.from({ length: count }, (_, i) => {
    const day = Number(monday.slice(8)) + Math.floor(i / 20);
    const minutes = 9 * 60 + (i % 20) * 10;
    const at = `${monday.slice(0, 8)}${String(day).padStart(2, '0')}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { queue, at, minutes: 10, status: missed.includes(i) ? 'missed_by_staff' : 'served' };
  });
}

describe('<kep-reports> in Chromium', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let browser: Browser;

  before(async () => {
    const clock = new TestClock();
    clock.set(instant('2027-03-22', '08:00')); // the Monday after the fortnight reported on
    system = await startAttendanceSystem('attend_widget', { redisDb: 21, clock: clock.now });
    keps = await system.keps();
    // Three rates in three bands: Thessaloniki 1 of 3 missed (33.3 %, high), Athens 1 of 40 (2.5 %,
    // medium), Heraklion 1 of 60 (1.7 %, low). Week 1 is 8–12 March 2027, week 2 is 15–19 March.
    const made = await insertAppointments(system.orm, [
      ...week(keps.the.queue, '2027-03-15', 3, [0]),
      ...week(keps.ath.queue, '2027-03-08', 25, [1]),
      ...week(keps.ath.queue, '2027-03-15', 15, []),
      ...week(keps.her.queue, '2027-03-08', 30, []),
      ...week(keps.her.queue, '2027-03-15', 30, [29]),
    ]);
    // Who waited: Thessaloniki's second appointment (15/3 09:10) arrived at 09:02 and was called at
    // 09:14, 12 minutes; Heraklion's missed one (19/3 09:40) had arrived at 09:35 and was not served.
    const conn = system.orm.em.fork().getConnection();
    await conn.execute('update appointment set arrived_at = ?, called_at = ? where id = ?', [instant('2027-03-15', '09:02'), instant('2027-03-15', '09:14'), made[1]!.id]);
    await conn.execute('update appointment set arrived_at = ? where id = ?', [instant('2027-03-19', '09:35'), made.at(-1)!.id]);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function openAs(account: RegExp, attributes = 'from="2027-03-08" to="2027-03-21"'): Promise<Page> {
    // A directorate's desktop screen: the table must fit it.
    const page = await browser.newPage({ locale: 'el-GR', viewport: { width: 1280, height: 800 } });
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL(`${system.url}/`);
    await page.setContent(`<!doctype html><html lang="el"><head><title>Αναφορές</title></head><body><main><h1>Εποπτεία</h1>
      <kep-reports lang="el" ${attributes}></kep-reports></main><script type="module" src="/widget/rantevou.js"></script></body></html>`);
    await page.locator('kep-reports').locator('[part=table]').waitFor();
    return page;
  }

  it('shows the supervisor every KEP, worst first, each chart with its numbers as text, with no serious axe-core violation', async () => {
    const page = await openAs(/Αικατερίνη Σταύρου/);
    const widget = page.locator('kep-reports');
    const table = widget.getByRole('table', { name: /3 ΚΕΠ, 08\/03\/2027 – 21\/03\/2027, από το χειρότερο/ });
    const kepNames = (await table.locator('tbody th[scope=row]').allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
    expect(kepNames).to.deep.equal([
      'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς) KEP-THE-0201 · Θεσσαλονίκης ▲ Υψηλό ποσοστό χαμένων',
      'ΚΕΠ Δήμου Αθηναίων (Λιοσίων) KEP-ATH-0101 · Αθηναίων',
      'ΚΕΠ Δήμου Ηρακλείου KEP-HER-0301 · Ηρακλείου',
    ]);
    const chart = widget.getByRole('img', { name: /^ΚΕΠ Δήμου Αθηναίων \(Λιοσίων\), ανά εβδομάδα από 08\/03\/2027: ραντεβού 25, 15· χαμένα από την υπηρεσία 1, 0\.$/ });
    expect(await chart.count()).to.equal(1);
    expect(await widget.getByRole('status').innerText()).to.equal('Η αναφορά φορτώθηκε: 3 ΚΕΠ.');
    const csv = await widget.getByRole('link', { name: 'Λήψη CSV' }).getAttribute('href');
    expect(csv).to.equal('/api/v1/reports?from=2027-03-08&to=2027-03-21&format=csv');
    expect(await widget.getByRole('link', { name: /Εκτύπωση/ }).getAttribute('href')).to.equal('/api/v1/reports?from=2027-03-08&to=2027-03-21&format=html');

    // The second view, the citizens who waited, worst first by their own measure: Heraklion (1 waited,
    // not served), Thessaloniki (a 12-minute wait), Athens. One table at a time.
    const views = widget.getByRole('group', { name: 'Προβολή της αναφοράς' });
    expect(await views.getByRole('button', { name: 'Προσέλευση και χαμένα ραντεβού' }).getAttribute('aria-pressed')).to.equal('true');
    await views.getByRole('button', { name: 'Οι πολίτες που περίμεναν' }).click();
    expect(await views.getByRole('button', { name: 'Οι πολίτες που περίμεναν' }).getAttribute('aria-pressed')).to.equal('true');
    const waiting = widget.getByRole('table', { name: /3 ΚΕΠ, από το χειρότερο \(όσοι περίμεναν/ });
    expect(await widget.getByRole('table').count(), 'one table at a time').to.equal(1);
    const waitingRows = await waiting.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => [tr.getAttribute('data-store'), ...[...tr.querySelectorAll('td')].map((td) => (td as HTMLElement).innerText.replace(/\s+/g, ' ').trim())]),
    );
    expect(waitingRows).to.deep.equal([
      ['KEP-HER-0301', '1', '—', '—', '—', '0'],
      ['KEP-THE-0201', '0', '—', '12 λεπτά', '12 λεπτά', '1'],
      ['KEP-ATH-0101', '0', '—', '—', '—', '0'],
    ]);
    expect(await waiting.locator('tfoot td').allInnerTexts()).to.deep.equal(['1', '—', '12 λεπτά', '12 λεπτά', '1']);
    const journey = await Journey.start('kep-reports-waiting');
    await journey.shot(page, 'citizens-who-waited');

    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector('kep-reports')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), JSON.stringify(violations)).to.deep.equal([]);
    await page.close();
  });

  it('fits 1280 px: every column in view, one chart scale with the numbers on the bars, each rate in its band and the worst KEP marked', async () => {
    const journey = await Journey.start('kep-reports-1280');
    const page = await openAs(/Αικατερίνη Σταύρου/);
    const widget = page.locator('kep-reports');
    await journey.shot(page, 'report-at-1280');

    const fit = await widget.locator('.table-wrapper').first().evaluate((wrapper) => ({
      scroll: wrapper.scrollWidth,
      width: wrapper.clientWidth,
      right: wrapper.getBoundingClientRect().right,
      viewport: window.innerWidth,
      headers: [...wrapper.querySelectorAll('thead th')].map((th) => ({ text: (th as HTMLElement).innerText.replace(/\s+/g, ' '), right: th.getBoundingClientRect().right })),
    }));
    expect(fit.scroll, 'no sideways scrolling').to.be.at.most(fit.width);
    expect(fit.right).to.be.at.most(fit.viewport);
    expect(fit.headers.map((h) => h.text)).to.deep.equal([
      'ΚΕΠ', 'Ραντεβού', 'Εξυπηρετήθηκαν', 'Δεν προσήλθαν', 'Χάθηκαν από την υπηρεσία (ποσοστό, πλήθος)', 'Αναζητήσεις χωρίς ώρα', 'Ακυρώσεις', 'Χωρίς καταγραφή',
      'Αναμονή (διάμεσος / 90%)', 'Αξιοποίηση ωραρίου', 'Ανά εβδομάδα',
    ]);
    for (const h of fit.headers) expect(h.right, `${h.text} is on screen`).to.be.at.most(fit.viewport);

    const bars = await widget.locator('svg.chart rect.booked').evaluateAll((rects) => rects.map((r) => [Number(r.getAttribute('data-value')), r.getBoundingClientRect().height]));
    expect(bars.map(([value]) => value), 'the weeks of Thessaloniki, Athens, Heraklion').to.deep.equal([3, 25, 15, 30, 30]);
    const perAppointment = bars.map(([value, height]) => height! / value!);
    for (const ratio of perAppointment) expect(ratio, 'one scale for every chart: height ∝ appointments').to.be.closeTo(perAppointment[0]!, 0.01);
    expect(bars[3]![1], 'the busiest week fills the chart').to.be.at.least(39);
    const labels = await widget.locator('svg.chart').evaluateAll((charts) => charts.map((c) => [...c.querySelectorAll('text.value')].map((t) => t.textContent)));
    expect(labels, 'each bar has its number').to.deep.equal([['3'], ['25', '15'], ['30', '30']]);
    expect(await widget.getByRole('img', { name: /^ΚΕΠ Δήμου Ηρακλείου, ανά εβδομάδα από 08\/03\/2027: ραντεβού 30, 30· χαμένα από την υπηρεσία 0, 1\.$/ }).count()).to.equal(1);
    expect(await widget.locator('.legend').innerText()).to.contain('Όλα τα γραφήματα έχουν την ίδια κλίμακα: η ψηλότερη στήλη είναι 30 ραντεβού την εβδομάδα.');

    const rows = await widget.locator('[part=table] tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const missed = tr.querySelector('td.missed') as HTMLElement;
        const badge = missed.querySelector('.band') as HTMLElement;
        return {
          missed: missed.innerText.replace(/\s+/g, ' ').trim(),
          band: missed.dataset.band,
          badgeColour: getComputedStyle(badge).backgroundColor,
          highlighted: tr.classList.contains('row--high'),
          rowColour: getComputedStyle(tr.querySelector('th')!).backgroundColor,
        };
      }),
    );
    expect(rows.map((r) => [r.missed, r.band, r.highlighted])).to.deep.equal([
      ['33,3% (1) ▲ Υψηλό', 'high', true],
      ['2,5% (1) ◆ Μέτριο', 'medium', false],
      ['1,7% (1) ● Χαμηλό', 'low', false],
    ]);
    expect(new Set(rows.map((r) => r.badgeColour)).size, 'three bands, three colours (besides the words)').to.equal(3);
    expect(rows[0]!.rowColour, 'the worst KEP stands out').to.not.equal(rows[1]!.rowColour);
    const legend = await widget.getByRole('list', { name: 'Ποσοστό χαμένων από την υπηρεσία:' }).innerText();
    expect(legend.split('\n')).to.deep.equal(['▲ Υψηλό 5% και πάνω', '◆ Μέτριο 2% έως κάτω από 5%', '● Χαμηλό κάτω από 2%', '✓ Κανένα 0%']);
    await expectNoAxeViolations(page, 'the report at 1280 px');
    await page.close();
  });

  it('takes a new period from the keyboard, and explains a wrong one in an error summary that leads to the field', async () => {
    const page = await openAs(/Μαρία Παπαδοπούλου/);
    const widget = page.locator('kep-reports');
    expect(await widget.locator('[part=table] tbody th[scope=row]').count(), 'an operator sees her own KEP').to.equal(1);
    await widget.getByLabel('Έως', { exact: true }).fill('2027-03-05');
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

    await widget.getByLabel('Από', { exact: true }).fill('2027-03-15');
    await widget.getByLabel('Έως', { exact: true }).fill('2027-03-21');
    const loaded = page.evaluate(() => new Promise((resolve) => document.addEventListener('kep-report-loaded', (e) => resolve((e as CustomEvent).detail), { once: true })));
    await widget.getByRole('button', { name: 'Εμφάνιση' }).press('Enter');
    expect(await loaded).to.deep.equal({ from: '2027-03-15', to: '2027-03-21', stores: 1 });
    await widget.getByRole('table', { name: /1 ΚΕΠ, 15\/03\/2027 – 21\/03\/2027/ }).waitFor();
    expect(await widget.getByRole('alert').count(), 'the summary is gone').to.equal(0);
    await page.close();
  });
});
