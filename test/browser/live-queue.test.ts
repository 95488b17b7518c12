import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations, focusedId, Journey } from '../support/journey.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, instant } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY = day(3); // Thursday 14 January 2027, no holiday

/** The element that has the focus, through shadow roots. */
const focused = (page: Page) =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? null, text: el?.textContent?.trim() ?? '' };
  });

/**
 * Issue 16 item 3 in the browser: the store administrator issues the call display's key; a citizen checks in at the kiosk (its device key) and shows at
 * once on the operator's «Ουρά αναμονής»; the operator presses «Κλήση» and the number shows on the
 * waiting room's call display (its own display key, no sign-in), both without a reload; a citizen
 * left waiting past the KEP's minutes is flagged on the operator's screen. Screenshots and axe on
 * both screens.
 */
describe('the live queue and the call display (issue 16 item 3; Chromium)', function () {
  this.timeout(120_000); // a shared machine: browser steps under load
  let system: TestSystem;
  let browser: Browser;
  let journey: Journey;
  let storeId: string;
  let kioskKey: string;
  let displayKey: string;
  let operatorPage: Page;
  let displayPage: Page;
  const contexts: BrowserContext[] = [];
  const references: string[] = [];
  const clock = new TestClock();

  const kiosk = async (reference: string) => {
    const res = await fetch(`${system.url}/api/v1/stores/${storeId}/arrivals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${kioskKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ reference }),
    });
    expect(res.status, await res.clone().text()).to.equal(200);
    return (await res.json()).number as number;
  };

  before(async () => {
    // The staff booking reads the server clock: book before the day opens, then the day runs from 08:55.
    clock.set(instant(DAY, '07:30'));
    system = await startTestSystem('live_queue_browser', { redisDb: 7, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    const admin: StaffClient = await signInAs(system.url, 'demo-admin-a');
    storeId = admin.me.stores[0]!.id;
    for (const [firstName, lastName, time] of [
      ['Ελπίδα', 'Αναμονίδου', '09:00'],
      ['Στέλιος', 'Θυρίδης', '09:15'],
    ] as const) {
      const res = await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName, lastName, startsAt: `${DAY}T${time}` });
      expect(res.status, await res.clone().text()).to.equal(201);
      references.push((await res.json()).reference);
    }
    const issue = async (name: string, kind: string) => (await (await admin.post(`/api/v1/stores/${storeId}/devices`, { name, kind })).json()).key as string;
    kioskKey = await issue('Κιόσκι εισόδου', 'arrivals');
    clock.start(instant(DAY, '08:55'));
    browser = await launchChromium();
    journey = await Journey.start('live-queue');
  });
  after(async () => {
    for (const c of contexts) await c.close().catch(() => {});
    await browser?.close();
    await system?.close();
  });

  it('the store administrator issues a key for the waiting room’s screen in «Συσκευές», with the snippet of its page', async () => {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const url = `/?view=queues&store=${storeId}`;
    await page.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent(url)}`);
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).click();
    await page.waitForURL(`${system.url}${url}`);
    const devices = page.locator('kep-devices');
    await devices.getByRole('textbox', { name: 'Όνομα συσκευής' }).fill('Οθόνη αίθουσας');
    await devices.getByRole('radio', { name: 'Οθόνη κλήσεων' }).check();
    await devices.getByRole('button', { name: 'Έκδοση κλειδιού' }).click();
    const panel = devices.getByRole('region', { name: 'Κλειδί της συσκευής «Οθόνη αίθουσας»' });
    displayKey = await panel.getByRole('textbox', { name: 'Κλειδί συσκευής' }).inputValue();
    const snippet = await panel.getByRole('textbox', { name: 'Κώδικας για τη σελίδα της οθόνης' }).inputValue();
    expect(snippet).to.include(`<kep-call-display store-id="${storeId}" device-key="${displayKey}" chime></kep-call-display>`).and.include('/widget/kep-call-display.js');
    expect(await devices.getByRole('row', { name: /Οθόνη αίθουσας/ }).innerText()).to.include('Οθόνη κλήσεων');
    expect(await devices.getByRole('row', { name: /Κιόσκι εισόδου/ }).innerText()).to.include('Μηχάνημα αφίξεων');
    await journey.shot(page, 'display-key-issued');
    await expectNoAxeViolations(page, 'the devices section with a display key');
    await context.close();
  });

  it('the operator opens «Ουρά αναμονής» from the navigation; the waiting room’s screen opens with its display key', async () => {
    const operator = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    contexts.push(operator);
    operatorPage = await operator.newPage();
    await operatorPage.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent('/')}`);
    await operatorPage.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await operatorPage.waitForURL(`${system.url}/`);
    await operatorPage.getByRole('navigation', { name: 'Ενότητες' }).getByRole('link', { name: 'Ουρά αναμονής' }).click();
    const queue = operatorPage.locator('kep-live-queue');
    await queue.getByRole('heading', { name: 'Ουρά αναμονής' }).waitFor();
    await queue.locator('[data-queue]').getByText('Δεν περιμένει κανείς.').waitFor();

    const screen = await browser.newContext({ locale: 'el-GR', viewport: { width: 1920, height: 1080 } });
    contexts.push(screen);
    displayPage = await screen.newPage();
    await displayPage.goto(`${system.url}/call-display#store=${storeId}&key=${displayKey}`);
    await displayPage.locator('kep-call-display').getByText('Περιμένετε: ο αριθμός σας θα εμφανιστεί εδώ.').waitFor();
    expect(displayPage.url(), 'the key stays in the fragment, never sent to a server').to.include('#store=');
  });

  it('a kiosk arrival shows on the operator’s screen without a reload; «Κλήση» shows its number on the call display without a reload', async () => {
    const queue = operatorPage.locator('kep-live-queue');
    const number = await kiosk(references[0]!);
    const row = queue.locator('table.waiting tbody tr').filter({ hasText: 'Αναμονίδου' });
    await row.waitFor();
    expect(await row.innerText()).to.include(String(number)).and.include('09:00').and.include(references[0]!);
    await journey.shot(operatorPage, 'arrived-on-operator-screen');
    await expectNoAxeViolations(operatorPage, 'the live queue with a citizen waiting');

    await queue.getByRole('button', { name: 'Κλήση επόμενου στην ουρά «Κύρια ουρά»' }).click();
    await queue.getByRole('status').getByText(`Κλήθηκε ο αριθμός ${number}: Αναμονίδου Ελπίδα (Κύρια ουρά).`).waitFor();
    expect(await focused(operatorPage), 'the focus stays on «Κλήση» for the next citizen').to.deep.include({ tag: 'button' });
    await queue.locator('table.called tbody tr').filter({ hasText: 'Αναμονίδου' }).waitFor();

    const display = displayPage.locator('kep-call-display');
    await display.locator('.current-number').getByText(String(number)).waitFor();
    await display.locator('.current-queue').getByText('Κύρια ουρά').waitFor();
    await display.getByRole('status').getByText(`Καλείται ο αριθμός ${number}, Κύρια ουρά.`).waitFor({ state: 'attached' });
    expect(await displayPage.content()).not.to.include('Αναμονίδου');
    await journey.shot(displayPage, 'called-on-display');
    await expectNoAxeViolations(displayPage, 'the call display');
  });

  it('the next call moves the first to the earlier calls; nobody left answers in the error summary', async () => {
    const queue = operatorPage.locator('kep-live-queue');
    const second = await kiosk(references[1]!);
    await queue.locator('table.waiting tbody tr').filter({ hasText: 'Θυρίδης' }).waitFor();
    await queue.getByRole('button', { name: 'Κλήση επόμενου στην ουρά «Κύρια ουρά»' }).click();
    const display = displayPage.locator('kep-call-display');
    await display.locator('.current-number').getByText(String(second)).waitFor();
    expect(await display.locator('li').allInnerTexts()).to.have.length(1);
    await journey.shot(displayPage, 'second-call-on-display');

    await queue.getByText('Δεν περιμένει κανείς.').waitFor();
    await queue.getByRole('button', { name: 'Κλήση επόμενου στην ουρά «Κύρια ουρά»' }).click();
    await queue.locator('.error-summary').getByText('Δεν περιμένει κανείς στην ουρά «Κύρια ουρά»: όλοι όσοι έφτασαν έχουν κληθεί.').waitFor();
    await journey.shot(operatorPage, 'nobody-waiting');
    await expectNoAxeViolations(operatorPage, 'the live queue with its error summary');
  });

  it('flags a citizen who waits past the KEP’s minutes, as the alert job raises it', async () => {
    const admin = await signInAs(system.url, 'demo-admin-a');
    const res = await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ανδρέας', lastName: 'Περιμένης', startsAt: `${DAY}T09:30` });
    expect(res.status, await res.clone().text()).to.equal(201);
    const { reference } = await res.json();
    clock.start(instant(DAY, '09:25'));
    await kiosk(reference);
    const queue = operatorPage.locator('kep-live-queue');
    const row = queue.locator('table.waiting tbody tr').filter({ hasText: 'Περιμένης' });
    await row.waitFor();
    clock.start(instant(DAY, '09:41'));
    await system.host.rantevou.attendance.tick();
    await row.getByText('Περιμένει πάνω από 10 λεπτά').waitFor();
    await queue.getByText('1 πολίτης περιμένει πάνω από 10 λεπτά χωρίς κλήση.').first().waitFor();
    await journey.shot(operatorPage, 'call-alert');
    await expectNoAxeViolations(operatorPage, 'the live queue with a call alert');
    expect(await queue.getByRole('spinbutton').count(), 'an operator sets no alert minutes').to.equal(0);
  });

  it('the store administrator sets the alert minutes on the same screen, with the error next to the field', async () => {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const url = `/?view=live-queue&store=${storeId}`;
    await page.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent(url)}`);
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).click();
    await page.waitForURL(`${system.url}${url}`);
    const queue = page.locator('kep-live-queue');
    const field = queue.getByRole('spinbutton', { name: 'Λεπτά αναμονής χωρίς κλήση πριν από την ειδοποίηση' });
    expect(await field.inputValue()).to.equal('10');
    const form = queue.getByRole('form', { name: 'Ειδοποίηση αναμονής' });
    await field.fill('0');
    await form.getByRole('button', { name: 'Αποθήκευση' }).click();
    await queue.getByText('Η ειδοποίηση γίνεται τουλάχιστον 1 λεπτό μετά την άφιξη.').waitFor();
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    await journey.shot(page, 'alert-minutes-refused');
    await expectNoAxeViolations(page, 'the alert setting with its error');
    await field.fill('15');
    await form.getByRole('button', { name: 'Αποθήκευση' }).click();
    await queue.getByRole('status').getByText('Η ειδοποίηση γίνεται πλέον μετά από 15 λεπτά αναμονής χωρίς κλήση.').waitFor();
    expect(await field.getAttribute('aria-invalid')).to.equal('false');
    await queue.getByText(/όποιος περιμένει πάνω από 15 λεπτά/).waitFor();
  });

  it('the store administrator sets the arrival window and the video alert under it; a refused value is explained next to its field', async () => {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    const url = `/?view=live-queue&store=${storeId}`;
    await page.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent(url)}`);
    await page.getByRole('button', { name: /Γιώργος Νικολάου/ }).click();
    await page.waitForURL(`${system.url}${url}`);
    const settings = page.locator('kep-waiting-settings');
    const windowForm = settings.getByRole('form', { name: 'Παράθυρο αφίξεων' });
    const early = windowForm.getByRole('spinbutton', { name: 'Λεπτά πριν από την ώρα του ραντεβού' });
    const late = windowForm.getByRole('spinbutton', { name: 'Λεπτά μετά την ώρα του ραντεβού' });
    expect([await early.inputValue(), await late.inputValue()], 'the defaults').to.deep.equal(['30', '15']);
    await early.fill('45');
    await late.fill('20');
    await windowForm.getByRole('button', { name: 'Αποθήκευση' }).click();
    await windowForm.getByText('Η άφιξη καταγράφεται το πολύ 30 λεπτά πριν από την ώρα του ραντεβού.').waitFor();
    expect(await early.getAttribute('aria-invalid'), 'more than the attendance rule allows').to.equal('true');
    expect(await focusedId(page), 'focus on the refused field').to.equal('arrival-early');
    await journey.shot(page, 'arrival-window-refused');
    await expectNoAxeViolations(page, 'the waiting settings with an error');
    await early.fill('20');
    await windowForm.getByRole('button', { name: 'Αποθήκευση' }).click();
    await settings.getByRole('status').getByText('Οι αφίξεις γίνονται πλέον δεκτές από 20 λεπτά πριν έως 20 λεπτά μετά την ώρα του ραντεβού.').waitFor();
    const video = settings.getByRole('form', { name: 'Ειδοποίηση βιντεοκλήσης' });
    await video.getByRole('spinbutton').fill('3');
    await video.getByRole('button', { name: 'Αποθήκευση' }).click();
    await settings.getByRole('status').getByText('Η ειδοποίηση για βιντεοκλήση που δεν ξεκίνησε γίνεται πλέον μετά από 3 λεπτά.').waitFor();
    const admin = await signInAs(system.url, 'demo-admin-a');
    expect(await (await admin.get(`/api/v1/stores/${storeId}/arrivals/window`)).json()).to.include({ earlyMinutes: 20, lateMinutes: 20 });
    expect(await (await admin.get(`/api/v1/stores/${storeId}/video-room`)).json()).to.include({ alertMinutes: 3 });
    await page.reload();
    expect(await settings.getByRole('spinbutton', { name: 'Λεπτά μετά την ώρα του ραντεβού' }).inputValue(), 'kept').to.equal('20');
    await journey.shot(page, 'waiting-settings-saved');
  });
});
