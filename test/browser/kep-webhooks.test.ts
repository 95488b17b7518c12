import { expect } from 'chai';
import type { Worker } from 'bullmq';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import { createWebhookWorker } from '../../worker/webhook-worker.js';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations, focusedId, Journey } from '../support/journey.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { startReceiver } from '../webhooks/webhook-receiver.js';

/**
 * Issue 17 item 1 in the browser: the store administrator reaches «Webhooks» from the staff shell,
 * adds a receiver's URL (the secret shown once, copied with the button), reads the delivery log after
 * a booking and sends a delivery again; an operator has no such screen. axe on each screen.
 */
describe('<kep-webhooks> in Chromium (issue 17 item 1)', function () {
  this.timeout(90_000); // a shared machine: browser steps under load
  let system: TestSystem;
  let browser: Browser;
  let journey: Journey;
  let worker: Worker;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let storeId: string;
  const clock = new TestClock();

  before(async () => {
    clock.start(PINNED);
    receiver = await startReceiver();
    system = await startTestSystem('webhooks_browser', { redisDb: 9, clock: clock.now, env: { ATTENDANCE_JOBS: '0', WEBHOOKS_ALLOW_PRIVATE_URLS: '1' } });
    worker = createWebhookWorker({ orm: system.orm, redisUrl: system.redisUrl, settings: { allowPrivateUrls: true, clock: clock.now } });
    browser = await launchChromium();
    journey = await Journey.start('kep-webhooks');
  });
  after(async () => {
    await browser?.close();
    await worker?.close();
    await system?.close();
    await receiver?.close();
  });

  async function signIn(person: RegExp, url: string): Promise<{ page: Page; context: BrowserContext }> {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${system.url}/auth/login?returnTo=${encodeURIComponent(url)}`);
    await page.getByRole('button', { name: person }).click();
    await page.waitForURL(`${system.url}${url}`);
    return { page, context };
  }

  it('the store administrator adds a URL, copies its secret once, reads the log and sends a delivery again', async () => {
    const operator = await signInAs(system.url, 'demo-operator-a');
    storeId = operator.me.stores[0]!.id;
    const { page, context } = await signIn(/Γιώργος Νικολάου/, `/?view=webhooks&store=${storeId}`);
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: system.url });
    const widget = page.locator('kep-webhooks');
    await widget.getByRole('heading', { name: 'Webhooks', level: 2 }).waitFor();
    expect(await page.getByRole('link', { name: 'Webhooks' }).getAttribute('aria-current'), 'reached from the shell’s navigation').to.equal('page');
    await widget.getByText('Δεν υπάρχουν διευθύνσεις webhook.').waitFor();
    await expectNoAxeViolations(page, 'the empty webhooks screen');

    await widget.getByRole('button', { name: 'Προσθήκη' }).click();
    await widget.getByRole('alert').getByText('Συμπληρώστε τη διεύθυνση (https://…).').waitFor();
    await widget.getByRole('textbox', { name: 'Διεύθυνση (URL)' }).fill(`${receiver.url}/browser`);
    await widget.getByRole('checkbox', { name: 'Νέο ραντεβού' }).check();
    await widget.getByRole('textbox', { name: 'Περιγραφή (προαιρετικά)' }).fill('Σύστημα ουράς');
    await widget.getByRole('button', { name: 'Προσθήκη' }).click();
    const panel = widget.getByRole('region', { name: 'Το μυστικό υπογραφής' });
    await panel.waitFor();
    expect(await focusedId(page), 'focus on the one-time secret').to.equal('webhook-secret-title');
    const secret = await panel.getByRole('textbox', { name: 'Μυστικό (whsec_…)' }).inputValue();
    expect(secret).to.match(/^whsec_/);
    await panel.getByRole('button', { name: 'Αντιγραφή' }).click();
    await widget.getByRole('status').getByText('Αντιγράφηκε.').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).to.equal(secret);
    await journey.shot(page, 'secret-once');
    await expectNoAxeViolations(page, 'the new subscription with its secret');
    await panel.getByRole('button', { name: 'Το αντέγραψα' }).click();
    expect(await page.content()).not.to.include(secret);

    const res = await operator.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ελένη', lastName: 'Δοκιμή', startsAt: `${day(1)}T09:00` });
    expect(res.status).to.equal(201);
    for (let i = 0; i < 150 && receiver.at('/browser').length === 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(new Webhook(secret).verify(receiver.at('/browser')[0]!.body, receiver.at('/browser')[0]!.headers as Record<string, string>)).to.deep.include({ type: 'appointment.created' });

    await widget.getByRole('button', { name: `Αποστολές ${receiver.url}/browser` }).click();
    const log = widget.getByRole('table', { name: 'Ημερολόγιο αποστολών, νεότερες πρώτα' });
    await log.waitFor();
    expect(await focusedId(page)).to.equal('log-title');
    expect(await log.locator('tbody tr').first().innerText()).to.include('Νέο ραντεβού').and.include('Παραδόθηκε').and.include('HTTP 200');
    await journey.shot(page, 'delivery-log');
    await expectNoAxeViolations(page, 'the delivery log');
    await log.getByRole('button', { name: /^Αποστολή ξανά: Νέο ραντεβού/ }).click();
    await widget.getByRole('status').getByText('Η αποστολή μπήκε ξανά στην ουρά.').waitFor();
    for (let i = 0; i < 150 && receiver.at('/browser').length < 2; i++) await new Promise((r) => setTimeout(r, 100));
    expect(receiver.at('/browser')[1]!.body).to.equal(receiver.at('/browser')[0]!.body);

    page.once('dialog', (d) => void d.accept());
    await widget.getByRole('button', { name: `Παύση ${receiver.url}/browser` }).click();
    await widget.getByRole('row', { name: /Σε παύση από/ }).waitFor();
    await context.close();
  });

  it('offers an operator no webhooks screen', async () => {
    const { page, context } = await signIn(/Μαρία Παπαδοπούλου/, `/?store=${storeId}`);
    await page.locator('kep-appointments').waitFor();
    await page.getByRole('link', { name: 'Ραντεβού' }).first().waitFor();
    expect(await page.getByRole('link', { name: 'Webhooks' }).count()).to.equal(0);
    await context.close();
  });
});
