/**
 * The staff appointments screen follows its KEP's live events (issue 16 item 5): a booking made at
 * another counter appears on an open screen without a reload and long before the minute's refresh,
 * which stays as the fallback. The page's timers run on Playwright's clock, so "before the minute"
 * is counted in the page's own time, not measured.
 */
import { expect } from 'chai';
import type { Browser, BrowserContext } from 'playwright-core';
import { launchChromium } from '../support/chromium.js';
import { expectNoAxeViolations } from '../support/journey.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { PINNED, TODAY } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

describe('the staff appointments screen on a live event, in Chromium', function () {
  this.timeout(60_000);
  let system: TestSystem;
  let browser: Browser;
  let context: BrowserContext;
  const clock = new TestClock();

  before(async () => {
    clock.set(PINNED);
    system = await startTestSystem('live_refresh', { redisDb: 9, clock: clock.now, env: { ATTENDANCE_JOBS: '0' } });
    browser = await launchChromium();
    context = await browser.newContext();
    const signIn = await context.newPage();
    await signIn.goto(`${system.url}/?date=${TODAY}`);
    await signIn.getByRole('link', { name: 'Σύνδεση' }).first().click();
    await signIn.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await signIn.waitForURL(`${system.url}/?date=${TODAY}`);
    await signIn.close();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  it('shows a booking made at another counter without a reload, before the minute’s refresh', async () => {
    const page = await context.newPage();
    // The page's timers (the minute's refresh, the stream's coalescing) move only when the test says.
    await page.clock.install({ time: PINNED });
    const streamed = page.waitForResponse((res) => res.url().endsWith('/events') && res.status() === 200);
    await page.goto(`${system.url}/?date=${TODAY}`);
    const widget = page.locator('kep-appointments');
    await widget.getByRole('status').filter({ hasText: /Βρέθηκ/ }).first().waitFor();
    await streamed;
    await page.clock.pauseAt(new Date(PINNED.getTime() + 10_000));
    await page.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const rows = widget.locator('[part=table] tbody tr').filter({ hasText: 'Καραγιάννη' });
    expect(await rows.count()).to.equal(0);

    const colleague = await signInAs(system.url, 'demo-admin-a');
    const storeId = colleague.me.stores[0]!.id;
    const booked = await colleague.post(`/api/v1/stores/${storeId}/appointments`, { firstName: 'Αθηνά', lastName: 'Καραγιάννη', startsAt: `${TODAY}T11:00` });
    expect(booked.status, await booked.clone().text()).to.equal(201);

    // Half a second of the page's time at a time, 20 seconds at most: the minute's refresh never comes.
    let pageMs = 0;
    while ((await rows.count()) === 0 && pageMs < 20_000) {
      await page.clock.runFor(500);
      pageMs += 500;
      await page.waitForTimeout(50);
    }
    await rows.first().waitFor({ timeout: 1000 });
    expect(10_000 + pageMs, 'page time before the row showed').to.be.lessThan(60_000);
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded), 'the same page, not reloaded').to.equal(true);
    // axe waits on timers of its own.
    await page.clock.resume();
    await expectNoAxeViolations(page, 'the list after a live update');
    await page.close();
  });
});
