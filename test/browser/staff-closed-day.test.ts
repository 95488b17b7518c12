import { expect } from 'chai';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { instant, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

const NOW = instant(TODAY, '10:00'); // Monday 11 January 2027
const CLOSED = '2027-01-27'; // a Wednesday, closed for the whole KEP
const QUEUE_CLOSED = '2027-01-28'; // a Thursday, closed for one queue
const OPEN = '2027-01-26'; // a Tuesday, open
const CHRISTMAS = '2028-12-25'; // a Monday of the year after NOW's

describe('the staff screen on a day the KEP is closed, in Chromium', () => {
  let system: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  let journey: Journey;
  let queueName: string;
  const clock = new TestClock();

  before(async () => {
    clock.set(NOW);
    system = await startTestSystem('closedday', { redisDb: 26, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    browser = await launchChromium();
    const admin = await signInAs(system.url, 'demo-admin-a');
    const storeId = admin.me.stores[0]!.id;
    // Booked before the closure was decided, and kept: it still lists on the closed day.
    const booked = await admin.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Ελένη', lastName: 'Νικολάου', startsAt: `${CLOSED}T09:00` });
    expect(booked.status, await booked.clone().text()).to.equal(201);
    const closure = await admin.post(`/api/v1/stores/${storeId}/exceptions`, { startDate: CLOSED, endDate: CLOSED, reason: 'Τοπική εορτή', onFutureAppointments: 'keep' });
    expect(closure.status, await closure.clone().text()).to.equal(201);
    const queues = await (await admin.get(`/api/v1/stores/${storeId}/queues`)).json();
    const queue = (Array.isArray(queues) ? queues : queues.items)[0];
    queueName = queue.name;
    const queueClosure = await admin.post(`/api/v1/stores/${storeId}/exceptions`, { queueId: queue.id, startDate: QUEUE_CLOSED, endDate: QUEUE_CLOSED, reason: 'Εκπαίδευση προσωπικού', onFutureAppointments: 'keep' });
    expect(queueClosure.status, await queueClosure.clone().text()).to.equal(201);

    context = await browser.newContext();
    await context.clock.setFixedTime(NOW);
    const page = await context.newPage();
    await page.goto(`${system.url}/?date=${OPEN}`);
    await page.getByRole('link', { name: 'Σύνδεση' }).first().click();
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await page.waitForURL(`${system.url}/?date=${OPEN}`);
    await page.close();
    journey = await Journey.start('staff-closed-day');
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function open(date: string): Promise<{ page: Page; widget: Locator }> {
    const page = await context.newPage();
    await page.goto(`${system.url}/?date=${date}`);
    const widget = page.locator('kep-appointments');
    await widget.getByRole('status').filter({ hasText: /Βρέθηκ/ }).first().waitFor();
    return { page, widget };
  }

  it('names the closure above the list, keeps the day heading and the kept appointment, and says nothing on an open day', async () => {
    const { page, widget } = await open(CLOSED);
    const notice = widget.getByText('Το ΚΕΠ είναι κλειστό την Τετάρτη 27/01/2027: Τοπική εορτή.');
    await notice.waitFor();
    expect(await notice.getAttribute('role'), 'static text, not a live region').to.equal(null);
    expect(await widget.getByRole('heading', { level: 3, name: 'Ραντεβού Τετάρτη 27/01/2027' }).count()).to.equal(1);
    expect(await widget.locator('[part=table] tbody tr').filter({ hasText: 'Νικολάου' }).count()).to.equal(1);
    await journey.shot(page, 'kep-closed');
    await expectNoAxeViolations(page, 'a closed day');

    await widget.getByRole('button', { name: /Προηγούμενη/ }).click();
    await widget.getByRole('heading', { level: 3, name: 'Ραντεβού Τρίτη 26/01/2027' }).waitFor();
    await widget.getByRole('status').filter({ hasText: /Βρέθηκ/ }).first().waitFor();
    await page.waitForTimeout(300); // the closures' request has had time to answer
    expect(await widget.getByText(/είναι κλειστ/).count(), 'an open day has no notice').to.equal(0);
    await journey.shot(page, 'open-day');
    await page.close();
  });

  it('names the closed queue in a smaller line', async () => {
    const { page, widget } = await open(QUEUE_CLOSED);
    await widget.getByText(`Η ουρά «${queueName}» είναι κλειστή: Εκπαίδευση προσωπικού.`).waitFor();
    expect(await widget.getByText(/Το ΚΕΠ είναι κλειστό/).count()).to.equal(0);
    await journey.shot(page, 'queue-closed');
    await page.close();
  });

  it('names the national holiday of next year', async () => {
    const { page, widget } = await open(CHRISTMAS);
    await widget.getByText(/^Το ΚΕΠ είναι κλειστό την Δευτέρα 25\/12\/2028: Χριστούγεννα/).waitFor();
    await journey.shot(page, 'christmas');
    await page.close();
  });
});
