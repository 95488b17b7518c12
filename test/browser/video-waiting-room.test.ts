import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import nodemailer from 'nodemailer';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { OutboxMessage } from '../../plugin/db/outbox-message.entity.js';
import { sendOutboxEmail } from '../../worker/send-outbox-email.js';
import { startAttendanceSystem, type AttendanceSystem, type DemoKeps } from '../attendance/support/attendance-system.js';
import { athens } from '../attendance/support/fixtures.js';
import { launchChromium } from '../support/chromium.js';
import { startSmtpSink } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const DAY = day(2); // Wednesday 13 January 2027; the video queue serves 09:00–14:00 in slots of 20 minutes

/** The axe-core violations of `root` (a selector) that are serious or critical, looking into the staff shell. */
async function seriousViolations(page: Page, root: string): Promise<{ id: string; nodes: number }[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  return page.evaluate(async (selector) => {
    const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
    const el = document.querySelector(selector) ?? document.querySelector('kep-staff-app')?.shadowRoot?.querySelector(selector) ?? document.body;
    const result = await axe.run(el, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } });
    return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => ({ id: v.id, nodes: v.nodes.length }));
  }, root);
}

const shot = async (target: Page | Locator, name: string) => {
  if (process.env.SCREENSHOT_DIR) await target.screenshot({ path: `${process.env.SCREENSHOT_DIR}/rantevou-${name}.png` });
};

describe('the video waiting room, from the email to the operator’s screen (Chromium, controlled clock)', function () {
  // The citizen's page polls every 10 seconds: the alert and the offer each wait for a poll.
  this.timeout(120_000);
  let system: AttendanceSystem;
  let keps: DemoKeps;
  let browser: Browser;
  const clock = new TestClock();
  let roomLink = '';
  let meetingLink = '';

  before(async () => {
    clock.set(PINNED);
    system = await startAttendanceSystem('browser_video_room', { redisDb: 24, clock: clock.now });
    keps = await system.keps();
    const operator = await signInAs(system.url, 'demo-operator-a');
    const booked = await operator.post(`/api/v1/stores/${keps.ath.store.id}/appointments`, {
      firstName: 'Δέσποινα', lastName: 'Καραγιάννη', email: 'despoina@citizen.example.gr', startsAt: `${DAY}T10:00`, queueId: keps.ath.video.id,
    });
    expect(booked.status, await booked.clone().text()).to.equal(201);
    meetingLink = (await booked.json()).videoLink;
    // The confirmation as the worker sends it, with the plugin's public URL: its video link is the waiting room.
    const [confirmation] = await system.orm.em.fork().find(OutboxMessage, { kind: 'appointment.confirmation' });
    const sink = await startSmtpSink();
    try {
      await sendOutboxEmail(system.orm, { transport: nodemailer.createTransport(sink.url), from: 'ΚΕΠ <no-reply@kep.example.gr>', publicUrl: system.url }, confirmation!.id);
      roomLink = /Σύνδεσμος βιντεοκλήσης: (\S+)/.exec(sink.messages[0]!.text ?? '')![1]!;
    } finally {
      await sink.close();
    }
    expect(roomLink).to.match(/\/api\/v1\/public\/video\/[0-9a-f]{64}$/);
    browser = await launchChromium();
  });
  after(async () => {
    await browser?.close();
    await system?.close();
  });

  async function operatorScreen(): Promise<{ page: Page; widget: Locator; context: BrowserContext }> {
    const context = await browser.newContext({ locale: 'el-GR', viewport: { width: 1366, height: 900 } });
    await context.clock.install({ time: athens(`${DAY}T09:58`) });
    const page = await context.newPage();
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: /Μαρία Παπαδοπούλου/ }).click();
    await page.waitForURL(`${system.url}/`);
    await page.goto(`${system.url}/?date=${DAY}&store=${keps.ath.store.id}`);
    const widget = page.locator('kep-appointments');
    await widget.locator('tbody tr[data-id]').first().waitFor();
    return { page, widget, context };
  }

  it('the citizen opens the link, presses «Περιμένω», the call opens; the operator’s screen shows the waiting citizen without reload, then the alert', async () => {
    clock.start(athens(`${DAY}T09:58`));
    const staff = await operatorScreen();
    const row = staff.widget.locator('[part=table] tbody tr').filter({ hasText: 'Καραγιάννη' });
    expect(await row.innerText()).not.to.include('περιμένει');

    const citizen = await browser.newContext({ locale: 'el-GR', viewport: { width: 390, height: 844 } });
    await citizen.route('https://meet.jit.si/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Βιντεοκλήση</title><p>meeting</p>' }));
    const room = await citizen.newPage();
    await room.goto(roomLink);
    await room.getByRole('heading', { level: 1, name: 'Βιντεοκλήση με το ΚΕΠ' }).waitFor();
    expect(await room.locator('dl').innerText()).to.include('ΚΕΠ Δήμου Αθηναίων (Λιοσίων)').and.include('10:00');
    expect(await room.content()).not.to.include('Καραγιάννη');
    expect(await seriousViolations(room, 'main'), 'the room before waiting').to.deep.equal([]);
    await shot(room, 'video-room-open');

    const wait = room.getByRole('button', { name: 'Περιμένω' });
    await wait.focus();
    const [call] = await Promise.all([citizen.waitForEvent('page'), room.keyboard.press('Enter')]);
    await call.waitForLoadState();
    expect(call.url()).to.equal(meetingLink);
    expect(await call.evaluate(() => window.opener), 'noopener').to.equal(null);
    const status = room.getByRole('status');
    await status.filter({ hasText: /^Περιμένετε από τις 09:58\. Ο υπάλληλος δεν έχει ξεκινήσει ακόμη/ }).waitFor();
    expect(await wait.isVisible(), 'pressed: the button gives way to the link').to.equal(false);
    expect(await room.getByRole('link', { name: /^Άνοιγμα της βιντεοκλήσης/ }).getAttribute('rel')).to.include('noopener');
    await shot(room, 'video-room-waiting');

    // No reload of the staff screen: the live event brings the row.
    await row.getByText('Ο πολίτης περιμένει από 09:58').waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('class')).not.to.include('attention');
    await shot(row, 'video-room-staff-waiting');

    clock.start(athens(`${DAY}T10:05`));
    await system.rantevou.attendance.tick();
    await row.locator('.flag.video-late').filter({ hasText: 'Ο πολίτης περιμένει από 09:58' }).waitFor({ timeout: 10_000 });
    expect(await row.innerText()).to.include('Καθυστέρηση βιντεοκλήσης: ειδοποίηση 10:05');
    expect(await row.getAttribute('class')).to.include('attention');
    expect(await seriousViolations(staff.page, 'kep-appointments'), 'the staff screen with the alert').to.deep.equal([]);
    await shot(row, 'video-room-staff-alert');

    // The citizen's page polls: it says honestly that the employee was alerted.
    await status.filter({ hasText: /^Ο υπάλληλος ειδοποιήθηκε στις 10:05/ }).waitFor({ timeout: 15_000 });
    expect(await seriousViolations(room, 'main'), 'the room after the alert').to.deep.equal([]);
    await shot(room, 'video-room-alerted');

    // Nobody comes for ten minutes more: the page offers to book again first in line.
    clock.start(athens(`${DAY}T10:15`));
    await room.getByRole('heading', { name: 'Δεν θέλετε να περιμένετε άλλο;' }).waitFor({ timeout: 15_000 });
    await room.getByRole('button', { name: 'Νέο ραντεβού με προτεραιότητα' }).click();
    const rebook = room.getByRole('link', { name: 'Κλείστε νέο ραντεβού με προτεραιότητα' });
    await rebook.waitFor();
    expect(await rebook.getAttribute('href')).to.match(/\/api\/v1\/priority\/[A-Za-z0-9_-]{43}$/);
    expect(await seriousViolations(room, 'main'), 'the rebooking offer').to.deep.equal([]);
    await shot(room, 'video-room-rebook');

    // The employee comes after all: the citizen's page says so at once, and the row keeps both times.
    clock.start(athens(`${DAY}T10:16`));
    await row.getByRole('button', { name: /^Η κλήση ξεκίνησε — Καραγιάννη Δέσποινα, 10:00$/ }).click();
    await status.filter({ hasText: /^Ο υπάλληλος ξεκίνησε τη βιντεοκλήση στις 10:16/ }).waitFor({ timeout: 5_000 });
    await row.getByText('Ο πολίτης περίμενε από 09:58').waitFor();
    expect(await row.innerText()).to.include('Η κλήση ξεκίνησε στις 10:16');
    expect(await row.getAttribute('class')).not.to.include('attention');
    await citizen.close();
    await staff.context.close();
  });
});
