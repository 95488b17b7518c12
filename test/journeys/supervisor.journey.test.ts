/**
 * The supervisor's journey (the directorate: every KEP, read only), in Chromium on the intranet page,
 * production mode: Αικατερίνη Σταύρου signs in and lands on the report of every KEP, finds the KEP
 * that missed most appointments, switches to it, sees its appointments and queues with no button
 * that changes anything, and signs out. The report's layout is being reworked, so the steps look at
 * its text and roles, not at pixels.
 */
import { expect } from 'chai';
import type { Browser, Page } from 'playwright-core';
import { insertAppointments, type Fixture } from '../attendance/support/fixtures.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import type { TestSystem } from '../support/test-system.js';
import { focused, signInOnIntranet, signOutOfIntranet, startStaffSystem, workingDayFrom } from './staff-shell-support.js';

const ATH = 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)';
const THE = 'ΚΕΠ Δήμου Θεσσαλονίκης (Καλαμαριάς)';
const HER = 'ΚΕΠ Δήμου Ηρακλείου';
/** A working day of last week or the one before: inside the report's default four weeks. */
const DAY = workingDayFrom(-8);

/** `count` appointments of the day at `queue`, every 15 minutes from 09:00, the first `missed` of them missed by staff. */
function day(queue: Queue, count: number, missed: number): Fixture[] {
  return Array.from({ length: count }, (_, i) => {
    const minutes = 9 * 60 + i * 15;
    const at = `${DAY}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    return { queue, at, status: i < missed ? 'missed_by_staff' : 'served', lastName: `Πολίτης${i}` };
  });
}

describe('the supervisor’s journey: the reports of every KEP, the worst one, read only, signing out', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let browser: Browser;
  let page: Page;
  let journey: Journey;

  before(async () => {
    system = await startStaffSystem('journey_supervisor');
    const queues = await system.orm.em.fork().find(Queue, { isDefault: true }, { populate: ['store'] });
    const of = (code: string) => queues.find((q) => q.store.code === code)!;
    // Thessaloniki missed 3 of 6 (50 %), Athens 1 of 10 (10 %), Heraklion none of 8.
    await insertAppointments(system.orm, [...day(of('KEP-THE-0201'), 6, 3), ...day(of('KEP-ATH-0101'), 10, 1), ...day(of('KEP-HER-0301'), 8, 0)]);
    browser = await launchChromium();
    journey = await Journey.start('supervisor');
    page = await browser.newPage({ locale: 'el-GR', viewport: { width: 1280, height: 800 } });
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  const nav = () => page.getByRole('navigation', { name: 'Ενότητες' });
  // The KEPs' rows (the table may end with a total).
  const reportRows = async () => (await page.locator('kep-reports').locator('tbody').getByRole('rowheader').allInnerTexts()).map((t) => t.split('\n')[0]!.trim());

  it('signs in and lands on the report of every KEP, as «Εποπτεία (μόνο ανάγνωση)»', async () => {
    await signInOnIntranet(page, system.url, /Αικατερίνη Σταύρου/);
    await page.locator('kep-reports').getByRole('table').waitFor();
    expect(await page.getByRole('heading', { level: 1 }).innerText()).to.equal('Αναφορές');
    expect(await nav().getByRole('link', { name: 'Αναφορές' }).getAttribute('aria-current')).to.equal('page');
    expect(await nav().getByRole('link').allInnerTexts(), 'no failed emails: those are the store administrator’s').to.deep.equal(['Ραντεβού', 'Ουρά αναμονής', 'Ουρές & ωράριο', 'Διαδικασίες', 'Αναφορές']);
    const banner = page.getByRole('banner');
    expect(await banner.innerText()).to.include('Αικατερίνη Σταύρου').and.include('Εποπτεία (μόνο ανάγνωση)').and.include('Όλα τα ΚΕΠ (3)');
    expect(await banner.getByRole('combobox', { name: 'ΚΕΠ' }).inputValue()).to.equal('all');
    expect(await page.title()).to.equal('Αναφορές — Όλα τα ΚΕΠ (3) — Ενδοδίκτυο ΚΕΠ');
    await journey.shot(page, 'reports-of-every-kep');
    await expectNoAxeViolations(page, 'the reports of every KEP');
  });

  it('finds the worst KEP first in the report, with its rate of appointments missed by staff', async () => {
    const rows = await reportRows();
    expect(rows).to.deep.equal([THE, ATH, HER]);
    const worst = page.locator('kep-reports').getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(THE.replace(/[()]/g, '\\$&')) }) });
    expect((await worst.innerText()).replace(/\s+/g, ' ')).to.match(/50(,0)?\s?%/);
  });

  it('switches to that KEP: the report narrows to it, the header names it, the URL keeps it', async () => {
    const banner = page.getByRole('banner');
    await banner.getByRole('combobox', { name: 'ΚΕΠ' }).selectOption({ label: THE });
    await banner.getByRole('button', { name: 'Αλλαγή ΚΕΠ' }).click();
    await page.waitForURL(/view=reports&store=/);
    await page.waitForFunction(() => {
      const reports = document.querySelector('kep-staff-app')?.shadowRoot?.querySelector('kep-reports');
      return reports?.shadowRoot?.querySelectorAll('tbody th[scope=row]').length === 1;
    });
    expect(await reportRows()).to.deep.equal([THE]);
    expect(await banner.innerText()).to.include(`Εποπτεία (μόνο ανάγνωση) · ${THE}`);
    expect(await page.locator('kep-staff-app').getByRole('status').first().innerText()).to.equal(`Αναφορές — ${THE}`);
    await journey.shot(page, 'report-of-the-worst-kep');
    await expectNoAxeViolations(page, 'the report of one KEP');
  });

  it('reads that KEP’s day of missed appointments, with no button that changes anything', async () => {
    await page.goto(`${page.url().replace('view=reports', 'view=appointments')}&date=${DAY}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr').filter({ hasText: 'Πολίτης0' }).waitFor();
    expect(await widget.getByRole('heading', { level: 2 }).first().innerText()).to.include(THE);
    expect(await widget.getByRole('button', { name: 'Νέο ραντεβού' }).count()).to.equal(0);
    for (const action of ['Ήρθε', 'Εξυπηρετήθηκε', 'Δεν προσήλθε', 'Επεξεργασία', 'Ακύρωση']) {
      expect(await widget.locator('tbody').getByRole('button', { name: new RegExp(`^${action}`) }).count(), action).to.equal(0);
    }
    await journey.shot(page, 'appointments-read-only');
    await expectNoAxeViolations(page, 'the appointments, read only');

    await nav().getByRole('link', { name: 'Ουρές & ωράριο' }).click();
    const queues = page.locator('kep-queues');
    await queues.getByRole('table', { name: /Οι ουρές του ΚΕΠ/ }).waitFor();
    expect(await focused(page)).to.deep.include({ tag: 'h1', text: 'Ουρές & ωράριο' });
    expect(await queues.getByText('αλλαγές κάνει ο Διαχειριστής Καταστήματος').count()).to.equal(1);
    for (const write of ['Προσθήκη ουράς', 'Προσθήκη εξαίρεσης', 'Αποθήκευση']) expect(await queues.getByRole('button', { name: write }).count(), write).to.equal(0);
    for (const box of await queues.getByRole('checkbox').all()) expect(await box.isDisabled()).to.equal(true);
    await journey.shot(page, 'queues-read-only');
    await expectNoAxeViolations(page, 'the queues, read only');
  });

  it('goes back to every KEP and signs out', async () => {
    const banner = page.getByRole('banner');
    await banner.getByRole('combobox', { name: 'ΚΕΠ' }).selectOption('all');
    await banner.getByRole('button', { name: 'Αλλαγή ΚΕΠ' }).click();
    // One-KEP screens ask which KEP first.
    expect(await page.getByRole('main').innerText()).to.include('Η ενότητα «Ουρές & ωράριο» αφορά ένα ΚΕΠ. Επιλέξτε ΚΕΠ:');
    expect(await page.getByRole('main').getByRole('link').allInnerTexts()).to.deep.equal([ATH, HER, THE]);
    await journey.shot(page, 'choose-a-kep');
    await signOutOfIntranet(page, system.url);
    expect(await page.evaluate(async () => (await fetch('/api/v1/me')).status)).to.equal(401);
    await journey.shot(page, 'signed-out');
  });
});
