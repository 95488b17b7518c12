import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { Procedure } from '../../plugin/db/procedure.entity.js';
import { attendanceSettings } from '../../plugin/jobs/attendance-options.js';
import { runEscalation } from '../../plugin/jobs/escalation.job.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from '../attendance/support/attendance-system.js';
import { athens, insertAppointments, type Fixture } from '../attendance/support/fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DAY = day(2); // Wednesday 13 January 2027, no holiday; the video queue serves 09:00–14:00 in slots of 20 minutes

type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

/** The focused element's text, looking through shadow roots. */
function focusedText(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return (el?.textContent ?? '').trim();
  });
}

/** The axe-core violations of the screen that are serious or critical. */
async function seriousViolations(page: Page): Promise<{ id: string; nodes: number }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run(document.querySelector('kep-appointments') ?? document.querySelector('kep-staff-app')!.shadowRoot!.querySelector('kep-appointments')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.length }));
  });
}

describe('the staff screen at the time of video appointments, and what needs attention (Chromium, controlled clock)', () => {
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let browser: Browser;
  let operator: StaffClient;
  const signedIn: Record<'operator' | 'supervisor', StorageState | null> = { operator: null, supervisor: null };
  const ids: Record<string, string> = {};
  const links: Record<string, string> = {};
  const em = () => system.orm.em.fork();
  const clock = new TestClock();

  /** Inserts appointments of the day, then gives them what an online booking stores (link, catalogue procedure). */
  async function book(key: string, fixture: Fixture, extra: { procedure?: string; procedureCode?: string; video?: boolean } = {}): Promise<void> {
    const [a] = await insertAppointments(system.orm, [fixture]);
    ids[key] = a!.id;
    const procedureId = extra.procedureCode ? (await em().findOneOrFail(Procedure, { code: extra.procedureCode })).id : null;
    if (extra.video) links[key] = `https://meet.jit.si/kep-${randomBytes(16).toString('hex')}`;
    await em().nativeUpdate(Appointment, { id: a!.id }, { procedure: extra.procedure ?? null, procedureId, videoLink: links[key] ?? null });
  }

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('staff_video', { redisDb: 5, clock: clock.now });
    keps = await system.keps();
    const { video, queue } = keps.ath;
    const at = (time: string) => `${DAY}T${time}`;
    await book('stefanou', { queue: video, at: at('09:40'), minutes: 20, firstName: 'Άννα', lastName: 'Στεφάνου', email: 'anna@citizen.example.gr' }, { video: true, procedure: 'Έκδοση πιστοποιητικού γέννησης', procedureCode: 'PIST-GEN' });
    await book('nikolaou', { queue: video, at: at('10:00'), minutes: 20, firstName: 'Ελένη', lastName: 'Νικολάου', email: 'eleni@citizen.example.gr' }, { video: true, procedure: 'Άδεια διαμονής (ανανέωση)', procedureCode: 'ADEIA-DIAM' });
    await book('alexiou', { queue: video, at: at('10:20'), minutes: 20, firstName: 'Πέτρος', lastName: 'Αλεξίου', email: 'petros@citizen.example.gr' }, { video: true, procedure: 'Έκδοση πιστοποιητικού γέννησης', procedureCode: 'PIST-GEN' });
    await book('papadopoulos', { queue, at: at('09:00'), firstName: 'Γιάννης', lastName: 'Παπαδόπουλος', email: 'giannis@citizen.example.gr' }, { procedure: 'Επικύρωση αντιγράφων' });
    await book('georgiou', { queue, at: at('09:30'), firstName: 'Κώστας', lastName: 'Γεωργίου' });
    operator = await signInAs(system.url, 'demo-operator-a');
    // Booked by staff on the phone, a catalogue name typed without accents or capitals: the server names the procedure.
    const typed = { queueId: video.id, startsAt: at('10:40'), firstName: 'Σοφία', lastName: 'Μαρκοπούλου', email: 'sofia@citizen.example.gr', procedure: 'επικυρωση αντιγραφων' };
    const res = await operator.post(`/api/v1/stores/${keps.ath.store.id}/appointments`, typed);
    expect(res.status, await res.clone().text()).to.equal(201);
    ids.markopoulou = (await res.json()).id;
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  /** Signs in once per person through the demo provider; each test then gets a fresh context with that session. */
  async function session(who: 'operator' | 'supervisor'): Promise<StorageState> {
    const known = signedIn[who];
    if (known) return known;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: who === 'operator' ? /Μαρία Παπαδοπούλου/ : /Αικατερίνη Σταύρου/ }).click();
    await page.waitForURL(`${system.url}/`);
    const state = await context.storageState();
    await context.close();
    return (signedIn[who] = state);
  }

  /** The day's screen as `who` sees it with the page's clock at `time` (Athens) on DAY. */
  async function open(who: 'operator' | 'supervisor', time: string): Promise<{ page: Page; widget: Locator; context: BrowserContext }> {
    const context = await browser.newContext({ storageState: await session(who), locale: 'el-GR' });
    await context.clock.install({ time: athens(`${DAY}T${time}`) });
    const page = await context.newPage();
    await page.goto(`${system.url}/?date=${DAY}&store=${keps.ath.store.id}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr[data-id]').first().waitFor();
    return { page, widget, context };
  }
  const row = (widget: Locator, name: string) => widget.locator('[part=table] tbody tr').filter({ hasText: name });

  it('marks video appointments in words, and leads with the join link from ten minutes before the start, in a new tab', async () => {
    const { widget, context } = await open('operator', '09:55');
    for (const name of ['Στεφάνου', 'Νικολάου', 'Αλεξίου']) expect(await row(widget, name).innerText(), name).to.include('Βιντεοκλήση');
    expect(await row(widget, 'Γεωργίου').innerText()).to.include('Δια ζώσης').and.not.include('Βιντεοκλήση');

    const join = row(widget, 'Στεφάνου').getByRole('link', { name: /^Έναρξη βιντεοκλήσης — Στεφάνου Άννα, 09:40/ });
    expect(await join.getAttribute('href')).to.equal(links.stefanou);
    expect(await join.getAttribute('target')).to.equal('_blank');
    expect((await join.getAttribute('rel'))!.split(' ')).to.include('noopener');
    expect(await row(widget, 'Νικολάου').getByRole('link', { name: /^Έναρξη βιντεοκλήσης/ }).count(), 'due at 09:50').to.equal(1);

    // 10:20 is not due yet: its link is there, but quietly.
    expect(await row(widget, 'Αλεξίου').getByRole('link', { name: /^Έναρξη βιντεοκλήσης/ }).count()).to.equal(0);
    const quiet = row(widget, 'Αλεξίου').getByRole('link', { name: /^Σύνδεσμος βιντεοκλήσης/ });
    expect(await quiet.getAttribute('href')).to.equal(links.alexiou);
    expect((await quiet.getAttribute('rel'))!.split(' ')).to.include('noopener');

    // The screen keeps time: at 10:10 the link of 10:20 leads its row.
    await context.clock.fastForward('15:00');
    await row(widget, 'Αλεξίου').getByRole('link', { name: /^Έναρξη βιντεοκλήσης — Αλεξίου Πέτρος, 10:20/ }).waitFor();

    await widget.evaluate((el) => el.setAttribute('lang', 'en'));
    await row(widget, 'Αλεξίου').getByRole('link', { name: /^Join video call — Αλεξίου Πέτρος, 10:20 \(opens in a new tab\)$/ }).waitFor();
    expect(await row(widget, 'Στεφάνου').getByRole('link', { name: /^Video call link/ }).count(), 'over at 10:00: quiet again').to.equal(1);
    await context.close();
  });

  it('records the start of the call with one button, and the API then shows who started it and when', async () => {
    const { widget, context } = await open('operator', '09:55');
    clock.set(athens(`${DAY}T09:56`)); // the server's time, a minute after the screen's
    expect(await row(widget, 'Αλεξίου').getByRole('button', { name: /^Η κλήση ξεκίνησε/ }).count(), 'not before its time').to.equal(0);
    const updated = widget.evaluate((el) => new Promise((resolve) => el.addEventListener('kep-appointment-updated', (e) => resolve((e as CustomEvent).detail), { once: true })));
    await row(widget, 'Στεφάνου').getByRole('button', { name: /^Η κλήση ξεκίνησε — Στεφάνου Άννα, 09:40$/ }).click();
    await widget.getByRole('status').filter({ hasText: 'Καταγράφηκε η έναρξη της βιντεοκλήσης. Στεφάνου Άννα.' }).waitFor();
    expect(await updated).to.have.property('callStartedBy', 'demo-operator-a');

    const saved = await (await operator.get(`/api/v1/appointments/${ids.stefanou}`)).json();
    expect(saved).to.include({ status: 'booked', callStartedBy: 'demo-operator-a', needsAttention: false });
    expect(saved.callStartedAt, 'recorded by the server, at its time').to.equal(athens(`${DAY}T09:56`).toISOString());
    clock.set(PINNED);
    expect(await row(widget, 'Στεφάνου').getByRole('button', { name: /^Η κλήση ξεκίνησε/ }).count()).to.equal(0);
    expect(await row(widget, 'Στεφάνου').locator('td.state').innerText()).to.match(/Η κλήση ξεκίνησε στις \d\d:\d\d/);
    await context.close();
  });

  it('offers the polite notice only for a video appointment whose procedure video cannot serve, says what will happen, and shows when it went', async () => {
    const { page, widget, context } = await open('operator', '09:55');
    const noticeButton = (name: string) => row(widget, name).getByRole('button', { name: /^Ευγενική ειδοποίηση/ });
    await noticeButton('Νικολάου').waitFor();
    expect(await noticeButton('Μαρκοπούλου').count(), 'a catalogue name typed by staff').to.equal(1);
    for (const name of ['Στεφάνου', 'Αλεξίου', 'Παπαδόπουλος', 'Γεωργίου']) expect(await noticeButton(name).count(), name).to.equal(0);
    expect(await row(widget, 'Νικολάου').locator('td.notes').innerText()).to.include('Δεν εξυπηρετείται με βιντεοκλήση');

    await noticeButton('Νικολάου').click();
    const dialog = widget.getByRole('dialog', { name: 'Ευγενική ειδοποίηση: Νικολάου Ελένη' });
    await dialog.waitFor();
    expect(await dialog.innerText()).to.include('«Άδεια διαμονής (ανανέωση)» δεν μπορεί να εξυπηρετηθεί με βιντεοκλήση').and.include('eleni@citizen.example.gr').and.include('δεν ακυρώνεται');
    expect(await em().count(OutboxMessage, { appointment: ids.nikolaou, kind: 'appointment.video-not-eligible' }), 'nothing sent before the confirmation').to.equal(0);
    expect(await focusedText(page), 'an email cannot be taken back: the focus starts on going back').to.equal('Επιστροφή');
    expect(await seriousViolations(page), 'the confirmation').to.deep.equal([]);

    await dialog.getByRole('button', { name: 'Αποστολή email' }).click();
    await dialog.waitFor({ state: 'hidden' });
    await widget.getByRole('status').filter({ hasText: 'Η ευγενική ειδοποίηση στάλθηκε. Νικολάου Ελένη.' }).waitFor();
    await row(widget, 'Νικολάου').getByText(/^Ευγενική ειδοποίηση στάλθηκε \d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
    expect(await noticeButton('Νικολάου').count()).to.equal(0);
    await page.waitForFunction((id) => {
      let el = document.activeElement;
      while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
      return el?.closest('tr')?.getAttribute('data-id') === id;
    }, ids.nikolaou); // its button is gone: the focus stays in the row, not at the top of the page
    expect(await em().count(OutboxMessage, { appointment: ids.nikolaou, kind: 'appointment.video-not-eligible' })).to.equal(1);
    expect((await em().findOneOrFail(Appointment, ids.nikolaou)).status, 'the booking stays').to.equal('booked');

    // Another screen opened later knows it went.
    const again = await open('operator', '09:56');
    await row(again.widget, 'Νικολάου').getByText(/^Ευγενική ειδοποίηση στάλθηκε /).waitFor();
    expect(await row(again.widget, 'Νικολάου').getByRole('button', { name: /^Ευγενική ειδοποίηση/ }).count()).to.equal(0);
    await again.context.close();
    await context.close();
  });

  it('says so when someone else sent the notice meanwhile, and shows it as sent', async () => {
    const { widget, context } = await open('operator', '09:55');
    const button = row(widget, 'Μαρκοπούλου').getByRole('button', { name: /^Ευγενική ειδοποίηση/ });
    await button.waitFor();
    expect((await operator.post(`/api/v1/appointments/${ids.markopoulou}/polite-notice`, {})).status, 'from another counter').to.equal(202);
    await button.click();
    await widget.getByRole('dialog').getByRole('button', { name: 'Αποστολή email' }).click();
    await widget.getByRole('status').filter({ hasText: 'Η ευγενική ειδοποίηση είχε ήδη σταλεί από άλλον χρήστη. Μαρκοπούλου Σοφία.' }).waitFor();
    await row(widget, 'Μαρκοπούλου').getByText(/^Ευγενική ειδοποίηση στάλθηκε \d\d\/\d\d\/\d{4} \d\d:\d\d$/).waitFor();
    expect(await em().count(OutboxMessage, { appointment: ids.markopoulou, kind: 'appointment.video-not-eligible' }), 'one email, not two').to.equal(1);
    await context.close();
  });

  it('shows in words what needs attention, announces what the escalation flags while the screen is open, and passes axe-core', async () => {
    const settings = attendanceSettings();
    await runEscalation(system.orm, athens(`${DAY}T09:16`), settings);
    const { page, widget, context } = await open('operator', '09:55');
    expect(await row(widget, 'Παπαδόπουλος').locator('td.state').innerText()).to.include('Χρειάζεται προσοχή');
    expect(await row(widget, 'Γεωργίου').locator('td.state').innerText()).to.not.include('Χρειάζεται προσοχή');
    await widget.getByText('1 ραντεβού χρειάζεται προσοχή: δεν έχει καταγραφεί τίποτα μετά την ώρα έναρξής του.').waitFor();

    await runEscalation(system.orm, athens(`${DAY}T09:46`), settings);
    await context.clock.fastForward('01:00');
    await widget.getByRole('status').filter({ hasText: 'Χρειάζεται προσοχή: Γεωργίου Κώστας, 09:30.' }).waitFor();
    await widget.getByText('2 ραντεβού χρειάζονται προσοχή: δεν έχει καταγραφεί τίποτα μετά την ώρα έναρξής τους.').waitFor();
    expect(await row(widget, 'Γεωργίου').locator('td.state').innerText()).to.include('Χρειάζεται προσοχή');

    expect(await seriousViolations(page), 'join links, call and notice buttons, flags').to.deep.equal([]);
    // SCREENSHOT_DIR=/tmp npx mocha … keeps a picture of the screen to look at.
    if (process.env.SCREENSHOT_DIR) await widget.locator('[part=table]').screenshot({ path: `${process.env.SCREENSHOT_DIR}/rantevou-video-and-attention.png` });
    await context.close();
  });

  it('books with a procedure picked from the suggestions by its id, and offers the polite notice at once', async () => {
    const { page, widget, context } = await open('operator', '09:55');
    await widget.getByRole('button', { name: 'Νέο ραντεβού' }).click();
    const form = widget.locator('kep-appointment-dialog');
    await form.locator('[name=firstName]').fill('Θεόδωρος');
    await form.locator('[name=lastName]').fill('Βλάχος');
    await form.getByRole('radio', { name: 'Βιντεοκλήση' }).check();
    await form.locator('[name=time]').fill('11:00');
    await form.locator('[name=email]').fill('theodoros@citizen.example.gr');
    await form.locator('[name=procedure]').fill('Άδεια διαμονής (ανανέωση)'); // what picking the suggestion fills in
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith(`/stores/${keps.ath.store.id}/appointments`));
    await form.getByRole('button', { name: 'Καταχώριση' }).click();
    const procedureId = (await em().findOneOrFail(Procedure, { code: 'ADEIA-DIAM' })).id;
    expect((await sent).postDataJSON()).to.include({ procedure: 'Άδεια διαμονής (ανανέωση)', procedureId });

    await widget.getByRole('status').filter({ hasText: 'Το ραντεβού καταχωρίστηκε.' }).waitFor();
    await row(widget, 'Βλάχος').getByRole('button', { name: /^Ευγενική ειδοποίηση — Βλάχος Θεόδωρος/ }).waitFor();
    expect(await em().findOneOrFail(Appointment, { lastName: 'Βλάχος' })).to.include({ procedureId });
    await context.close();
  });

  it('shows a supervisor the same day, read only: no button that changes anything', async () => {
    const { widget, context } = await open('supervisor', '09:55');
    await widget.getByText(/^Μόνο ανάγνωση/).waitFor();
    expect(await row(widget, 'Παπαδόπουλος').innerText()).to.include('Χρειάζεται προσοχή');
    expect(await row(widget, 'Αλεξίου').innerText()).to.include('Βιντεοκλήση');
    expect(await widget.getByRole('button', { name: 'Νέο ραντεβού' }).count()).to.equal(0);
    expect(await widget.locator('tbody button').count(), 'no row buttons').to.equal(0);
    expect(await widget.getByRole('link', { name: /^Έναρξη βιντεοκλήσης/ }).count()).to.equal(0);
    expect(await widget.locator('kep-appointment-dialog, kep-appointment-reason-dialog, kep-appointment-notice-dialog').count()).to.equal(0);
    expect(await widget.getByRole('link', { name: /Εκτύπωση ημέρας 13\/01\/2027/ }).count(), 'reading and printing stay').to.equal(1);
    await context.close();
  });
});
