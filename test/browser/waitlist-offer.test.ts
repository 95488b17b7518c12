import { expect } from 'chai';
import type { Browser } from 'playwright-core';
import { startPublicSystem, type PublicSystem } from '../public/public-system.js';
import { launchChromium } from '../support/chromium.js';
import { Journey, expectNoAxeViolations } from '../support/journey.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';
import { fillDay, sqlOn } from '../waitlist/waitlist-fixtures.js';

const FULL_DAY = day(4);

describe('the waitlist offer email’s link, in Chromium', function () {
  this.timeout(90_000); // a shared machine: browser steps under load
  const clock = new TestClock();
  let system: PublicSystem;
  let browser: Browser;
  let journey: Journey;

  before(async () => {
    clock.set(PINNED);
    system = await startPublicSystem('waitlistpage', { redisDb: 2, clock: clock.now });
    browser = await launchChromium();
    journey = await Journey.start('waitlist-offer');
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  it('opens the time held for the citizen, books it with one press, and says so', async () => {
    const sql = sqlOn(system.orm);
    const filling = await fillDay(system.orm, system.stores.athens, FULL_DAY, clock.now());
    const procedureId = (await (await fetch(`${system.url}/api/v1/public/stores/${system.stores.athens}/procedures`)).json())[0].id;
    const citizen = await system.citizen('wl-browser-zoe');
    const joined = await citizen.post('/api/v1/public/waitlist', {
      storeId: system.stores.athens, procedureId, mode: 'in_person', from: FULL_DAY, to: FULL_DAY, email: 'zoe@citizen.example.gr', firstName: 'Ζωή', lastName: 'Αναστασίου',
    });
    expect(joined.status).to.equal(201);
    const staff = await signInAs(system.url, 'demo-operator-a');

    // The staff screen's day view says who waits for the day (counts only).
    const context = await browser.newContext();
    const staffPage = await context.newPage();
    await staffPage.goto(`${system.url}/?date=${FULL_DAY}`);
    await staffPage.getByRole('link', { name: 'Σύνδεση' }).first().click();
    await staffPage.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await staffPage.waitForURL(`${system.url}/?date=${FULL_DAY}`);
    const line = staffPage.locator('kep-appointments').getByText(/^Σε λίστα αναμονής για αυτή την ημέρα: 1 πολίτης \(.+: 1\)\./);
    await line.waitFor();
    expect(await line.getAttribute('role'), 'static text, not a live region').to.equal(null);
    await journey.shot(staffPage, 'staff day view');
    await context.close();

    expect((await staff.post(`/api/v1/appointments/${filling[2]!.id}/cancel`, { reason: 'Ο πολίτης τηλεφώνησε' })).status).to.equal(200);
    clock.advance(11 * 60_000);
    expect(await system.host.rantevou.waitlist.run()).to.equal(1);
    // The link the offer email carries (kept on its outbox row until the email is sent).
    const [row] = await sql<{ manage_url: string }>(`select manage_url from outbox_message where kind = 'appointment.waitlist-offer'`);

    const page = await browser.newPage();
    await page.goto(row!.manage_url);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Μια ώρα κρατήθηκε για εσάς');
    expect(await page.locator('dl').textContent()).to.include('Κρατείται έως');
    await journey.shot(page, 'offer page');
    await expectNoAxeViolations(page, 'the offer page');

    await page.getByRole('button', { name: 'Κλείστε την ώρα' }).click();
    const status = page.getByRole('status');
    await status.filter({ hasText: 'κλείστηκε' }).waitFor();
    expect(await status.textContent()).to.match(/Το ραντεβού σας κλείστηκε\. Κωδικός ραντεβού: [A-Z0-9]{3}-[A-Z0-9]{3}\./);
    expect(await page.getByRole('button', { name: 'Κλείστε την ώρα' }).isHidden()).to.equal(true);
    await journey.shot(page, 'booked');
    const [booked] = await sql<{ status: string; starts_at: Date }>(`select status, starts_at from appointment where citizen_sub = 'wl-browser-zoe' and status <> 'held'`);
    expect(booked!.status).to.equal('booked');
    expect(new Date(booked!.starts_at).toISOString()).to.equal(filling[2]!.startsAt);

    // The second link of the email, once booked: a polite page, not an error.
    await page.goto(`${row!.manage_url}?action=leave`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).to.equal('Ο σύνδεσμος δεν ισχύει');
    await journey.shot(page, 'link after booking');
    await page.close();
  });
});
