import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations, focusedId, Journey } from '../support/journey.js';
import { signInAs, type StaffClient } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, instant } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const DAY = day(2); // Wednesday 13 January 2027, no holiday

/**
 * Issue 16 item 2 in the browser: the store administrator issues a kiosk's key in «Ουρές & ωράριο»
 * (shown once, copied with a button) and revokes it; the kiosk checks a citizen in with it; an
 * operator marks the next citizen arrived by reference on the appointments screen and reads the
 * queue number. Screenshots of each step, and axe on each screen.
 */
describe('arrival check-in on the staff screens (issue 16 item 2; Chromium)', function () {
  this.timeout(90_000); // a shared machine: browser steps under load
  let system: TestSystem;
  let browser: Browser;
  let journey: Journey;
  let storeId: string;
  const references: string[] = [];
  const clock = new TestClock();
  let key: string;

  const kiosk = (deviceKey: string, reference: string) =>
    fetch(`${system.url}/api/v1/stores/${storeId}/arrivals`, { method: 'POST', headers: { authorization: `Bearer ${deviceKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ reference }) });

  before(async () => {
    // The staff booking reads the server clock: book before the day opens, then the day runs from 09:00.
    clock.set(instant(DAY, '07:30'));
    system = await startTestSystem('arrival_browser', { redisDb: 6, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    const operator: StaffClient = await signInAs(system.url, 'demo-operator-a');
    storeId = operator.me.stores[0]!.id;
    for (const [firstName, lastName, time] of [
      ['Αθηνά', 'Κιοσκίδου', '09:00'],
      ['Βασίλης', 'Γκισέπης', '09:15'],
    ] as const) {
      const res = await operator.post(`/api/v1/stores/${storeId}/appointments`, { firstName, lastName, startsAt: `${DAY}T${time}` });
      expect(res.status, await res.clone().text()).to.equal(201);
      references.push((await res.json()).reference);
    }
    clock.start(instant(DAY, '09:00'));
    browser = await launchChromium();
    journey = await Journey.start('arrival-check-in');
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function signIn(person: RegExp, url: string): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent(url)}`);
    await page.getByRole('button', { name: person }).click();
    await page.waitForURL(`${system.url}${url}`);
    return { page, context };
  }

  it('the store administrator issues a kiosk key, shown once with a copy button; the kiosk checks a citizen in with it', async () => {
    const { page, context } = await signIn(/Γιώργος Νικολάου/, `/?view=queues&store=${storeId}`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.url });
    const devices = page.locator('kep-devices');
    await devices.getByRole('heading', { name: 'Συσκευές' }).waitFor();
    await devices.getByText('Δεν υπάρχουν συσκευές ακόμη.').waitFor();

    await devices.getByRole('button', { name: 'Έκδοση κλειδιού' }).click();
    await devices.getByRole('alert').getByText('Δώστε ένα όνομα στη συσκευή.').waitFor();
    await devices.getByRole('textbox', { name: 'Όνομα συσκευής' }).fill('Μηχάνημα εισόδου');
    await devices.getByRole('button', { name: 'Έκδοση κλειδιού' }).click();
    const panel = devices.getByRole('region', { name: 'Κλειδί της συσκευής «Μηχάνημα εισόδου»' });
    await panel.waitFor();
    expect(await focusedId(page), 'focus on the one-time key').to.equal('device-key-title');
    await panel.getByText('δεν θα εμφανιστεί ξανά').waitFor();
    key = await panel.getByRole('textbox', { name: 'Κλειδί συσκευής' }).inputValue();
    expect(key).to.match(/^[A-Za-z0-9_-]{43}$/);
    const keyField = panel.getByRole('textbox', { name: 'Κλειδί συσκευής' });
    expect(await keyField.evaluate((el) => getComputedStyle(el).textTransform), 'the case-sensitive key is shown as it is, not in capitals').to.equal('none');
    await panel.getByRole('button', { name: 'Αντιγραφή' }).click();
    await devices.getByRole('status').getByText('Το κλειδί αντιγράφηκε.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(key);
    const row = devices.getByRole('row', { name: /Μηχάνημα εισόδου/ });
    expect(await row.innerText()).to.include('Ενεργή').and.include('Ποτέ');
    await journey.shot(page, 'device-key-once');
    await expectNoAxeViolations(page, 'the devices section with a new key');

    await panel.getByRole('button', { name: 'Το αντέγραψα' }).click();
    expect(await panel.count(), 'the key is gone from the screen').to.equal(0);
    expect(await page.content()).not.to.include(key);

    const res = await kiosk(key, references[0]!);
    expect(res.status, await res.clone().text()).to.equal(200);
    expect(await res.json()).to.deep.include({ number: 1, reference: references[0], time: '09:00' });
    await context.close();
  });

  it('an operator marks the next citizen arrived by reference, typed in small Greek look-alikes, and reads the queue number', async () => {
    const { page, context } = await signIn(/Μαρία Παπαδοπούλου/, `/?date=${DAY}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr[data-id]').first().waitFor();
    const field = widget.getByRole('textbox', { name: 'Άφιξη με κωδικό' });
    await field.fill('hello');
    await field.press('Enter');
    await widget.getByRole('alert').getByText(/Ο κωδικός ραντεβού έχει 6 χαρακτήρες/).waitFor();
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    expect(await focusedId(page)).to.equal('arrival-reference');

    const greek: Record<string, string> = { A: 'α', B: 'β', E: 'ε', H: 'η', K: 'κ', M: 'μ', N: 'ν', P: 'ρ', T: 'τ', X: 'χ', Y: 'υ', Z: 'ζ' };
    const typed = [...references[1]!].map((c) => greek[c] ?? c.toLowerCase()).join('');
    await field.fill('');
    await field.pressSequentially(typed, { delay: 10 });
    await field.press('Enter');
    const result = widget.locator('kep-arrival-check-in').getByRole('status');
    await result.getByText(`Άφιξη καταγράφηκε: αριθμός προτεραιότητας 2 — Κύρια ουρά, 09:15, κωδικός ${references[1]}.`).waitFor();
    expect(await field.inputValue(), 'emptied for the next citizen').to.equal('');
    expect(await field.getAttribute('aria-invalid')).to.equal('false');
    expect(await focusedId(page), 'the focus stays in the field').to.equal('arrival-reference');
    const row = widget.locator('[part=table] tbody tr[data-id]').filter({ hasText: 'Γκισέπης' });
    await row.locator('td.state').filter({ hasText: /^\s*Ήρθε/ }).waitFor();
    await journey.shot(page, 'arrival-by-reference');
    await expectNoAxeViolations(page, 'the appointments with an arrival by reference');
    await context.close();
  });

  it('the store administrator revokes the key: the device stays listed as revoked and the kiosk is refused', async () => {
    const { page, context } = await signIn(/Γιώργος Νικολάου/, `/?view=queues&store=${storeId}`);
    const devices = page.locator('kep-devices');
    const row = devices.getByRole('row', { name: /Μηχάνημα εισόδου/ });
    await row.waitFor();
    expect(await row.innerText(), 'last used by the kiosk').not.to.include('Ποτέ');
    page.once('dialog', (dialog) => void dialog.accept());
    await row.getByRole('button', { name: 'Ανάκληση «Μηχάνημα εισόδου»' }).click();
    await devices.getByRole('status').getByText('Το κλειδί της συσκευής «Μηχάνημα εισόδου» ανακλήθηκε.').waitFor();
    await row.getByText(/Ανακλήθηκε/).waitFor();
    expect(await row.getByRole('button').count()).to.equal(0);
    await journey.shot(page, 'device-revoked');
    await expectNoAxeViolations(page, 'the devices section with a revoked key');
    expect((await kiosk(key, references[1]!)).status).to.equal(401);
    await context.close();
  });
});
