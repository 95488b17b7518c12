import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Worker } from 'bullmq';
import type { Browser, Page } from 'playwright-core';
import { createEmailWorker } from '../../worker/email-worker.js';
import { createSmtpTransport } from '../../worker/smtp-transport.js';
import { launchChromium } from '../support/chromium.js';
import { eventually, startSmtpSink } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, dmy, PINNED } from '../support/test-days.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';
import { book, flushRedisDb, outboxOf } from './email-support.js';

const REDIS_DB = 6;
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

describe('<kep-outbox> in Chromium: the store administrator resends a failed email', () => {
  let system: TestSystem;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let worker: Worker;
  let browser: Browser;
  let appointmentId: string;

  before(async () => {
    await flushRedisDb(`redis://127.0.0.1:6379/${REDIS_DB}`);
    sink = await startSmtpSink({ rejectRecipient: (a) => (a.startsWith('wrong@') ? { code: 550, message: '5.1.1 User unknown' } : null) });
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the outbox and the worker wait in real time
    system = await startTestSystem('email_widget', { clock: clock.now, redisDb: REDIS_DB });
    worker = createEmailWorker({
      orm: system.orm,
      redisUrl: system.redisUrl,
      mail: { transport: createSmtpTransport({ url: sink.url, maxConnections: 1, requireTls: false, rejectUnauthorized: true }), from: 'ΚΕΠ <no-reply@kep.example.gr>' },
    });
    browser = await launchChromium();
    const operator = await signInAs(system.url, 'demo-operator-a');
    [appointmentId] = (await book(operator, operator.me.stores[0]!.id, [{ firstName: 'Κατερίνα', lastName: 'Λάθους', startsAt: `${day(1)}T09:00`, email: 'wrong@citizen.example.gr' }])) as [string];
    await eventually(async () => (await outboxOf(system.orm, [appointmentId]))[0]?.status === 'failed', 'the rejected email marked failed');
  });
  after(async () => {
    await browser?.close();
    await worker?.close();
    await system?.close();
    await sink?.close();
  });

  async function openAs(account: RegExp): Promise<Page> {
    const page = await browser.newPage({ locale: 'el-GR' });
    await page.goto(`${system.url}/auth/login?returnTo=%2F`);
    await page.getByRole('button', { name: account }).click();
    await page.waitForURL(`${system.url}/`);
    const storeId: string = await page.evaluate(async () => (await (await fetch('/api/v1/me')).json()).stores[0].id);
    await page.setContent(`<!doctype html><html lang="el"><head><title>Email</title></head><body><main><kep-outbox store-id="${storeId}" lang="el"></kep-outbox></main>
      <script type="module" src="/widget/rantevou.js"></script></body></html>`);
    await page.locator('kep-outbox').getByRole('heading', { level: 2 }).waitFor();
    return page;
  }

  it('shows the failed email with the server’s reason, with no serious axe-core violation', async () => {
    const page = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-outbox');
    const table = widget.getByRole('table', { name: 'Μηνύματα που απέτυχαν' });
    await table.waitFor();
    const row = table.locator('tbody tr');
    expect(await row.count()).to.equal(1);
    expect(await row.innerText()).to.include(`${dmy(day(1))} 09:00`).and.include('Κατερίνα Λάθους').and.include('Επιβεβαίωση').and.include('User unknown');
    expect(await widget.getByLabel('Email για Κατερίνα Λάθους').inputValue()).to.equal('wrong@citizen.example.gr');

    await page.evaluate(await readFile(axePath, 'utf8'));
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(el: Element, o: object): Promise<{ violations: { id: string; impact: string }[] }> } }).axe;
      const result = await axe.run(document.querySelector('kep-outbox')!, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), JSON.stringify(violations)).to.deep.equal([]);
    await page.close();
  });

  it('explains to an operator that only the store administrator sees them', async () => {
    const page = await openAs(/Μαρία Παπαδοπούλου/);
    await page.locator('kep-outbox').getByText('Τα μηνύματα που απέτυχαν τα βλέπει μόνο ο Διαχειριστής Καταστήματος.').waitFor();
    expect(await page.locator('kep-outbox').getByRole('table').count()).to.equal(0);
    await page.close();
  });

  it('refuses a mistyped address next to its field, then sends to the corrected one with the keyboard alone', async () => {
    const page = await openAs(/Γιώργος Νικολάου/);
    const widget = page.locator('kep-outbox');
    const field = widget.getByLabel('Email για Κατερίνα Λάθους');
    await field.fill('katerina.citizen.example.gr');
    await field.press('Enter');
    const summary = widget.getByRole('alert');
    await summary.waitFor();
    expect(await summary.innerText()).to.include('Γράψτε ένα έγκυρο email για Κατερίνα Λάθους');
    expect(await field.getAttribute('aria-invalid')).to.equal('true');
    await summary.getByRole('link').click();
    expect(await field.evaluate((el) => (el.getRootNode() as ShadowRoot).activeElement === el)).to.equal(true);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('katerina@citizen.example.gr');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter'); // the "send again" button of the row
    await widget.getByRole('status').filter({ hasText: 'μπήκε ξανά στην ουρά' }).waitFor();
    await widget.getByText('Δεν υπάρχουν μηνύματα που απέτυχαν.').waitFor();

    await eventually(() => sink.messages.length === 1, 'the email at the corrected address');
    expect(sink.messages[0]!.to && !Array.isArray(sink.messages[0]!.to) ? sink.messages[0]!.to.text : '').to.equal('katerina@citizen.example.gr');
    await page.close();
  });
});
