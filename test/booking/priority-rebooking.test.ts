import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Appointment } from '../../plugin/db/appointment.entity.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { hashSecret, newSecret } from '../../plugin/auth/secrets.js';
import { govgrEnv } from '../../examples/server.js';
import { headingOf, launchCookieless, newCitizenContext, openBookingPage, signInInPopup, startBookingSystem, type BookingSystem } from './booking-browser.js';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
/** This file's Redis database: no other test uses it. */
const PRIORITY_REDIS_DB = 8;
const ATHENS_CODE = 'KEP-ATH-0101';
const ATHENS_NAME = 'ΚΕΠ Δήμου Αθηναίων (Λιοσίων)';
const CERTIFICATE = 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης';
const DAY = 86_400_000;

describe('"book again first in line": the apology link opens <kep-booking> on the gov.gr page with priority', () => {
  let sys: BookingSystem;
  let browser: Browser;
  let context: BrowserContext;
  let axeSource: string;
  let athensId: string;
  let made = 0;

  /** A priority token of a missed appointment at the Athens KEP, as the end-of-day job would store it. */
  async function priorityToken(options: { used?: boolean; expired?: boolean } = {}): Promise<string> {
    const em = sys.system.orm.em.fork();
    const queue = await em.findOneOrFail(Queue, { store: athensId, isDefault: true });
    // Each at its own past time: a queue's appointments never overlap.
    const startsAt = new Date(Date.now() - 2 * DAY - ++made * 3_600_000);
    const appointment = em.create(Appointment, {
      store: athensId,
      queue: queue.id,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 15 * 60_000),
      firstName: 'Δοκιμή',
      lastName: 'Προτεραιότητας',
      email: 'priority@citizen.example.gr',
      phone: null,
      taxId: null,
      notes: null,
      mode: 'in_person',
      status: 'missed_by_staff',
      source: 'online',
      createdBy: 'fixture',
      createdAt: new Date(startsAt.getTime() - 7 * DAY),
    } as never);
    await em.flush();
    const token = newSecret();
    const now = Date.now();
    const [validFrom, expiresAt] = options.expired ? [new Date(now - 40 * DAY), new Date(now - DAY)] : [new Date(now), new Date(now + 30 * DAY)];
    await em
      .getConnection()
      .execute(`insert into priority_token (token_hash, appointment_id, store_id, valid_from, expires_at, used_at) values (?, ?, ?, ?, ?, ?)`, [
        hashSecret(token),
        (appointment as unknown as { id: string }).id,
        athensId,
        validFrom,
        expiresAt,
        options.used ? new Date(now) : null,
      ]);
    return token;
  }

  async function openWithPriority(token: string, lang = '') {
    context = await newCitizenContext(browser, sys.apiBase);
    const b = await openBookingPage(context, sys.site.url, sys.apiBase, `?priority=${encodeURIComponent(token)}${lang}`);
    return b;
  }

  async function seriousViolations(page: Page, selector: string): Promise<unknown[]> {
    await page.evaluate(axeSource);
    const { violations, checked } = await page.evaluate(async (sel) => {
      const axe = (window as unknown as { axe: { run(el: object, o: object): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[]; passes: unknown[] }> } }).axe;
      const result = await axe.run(
        { fromShadowDom: ['kep-booking', sel] },
        { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } },
      );
      return { violations: result.violations, checked: result.passes.length };
    }, selector);
    // axe looked at the banner (an unmatched context would pass vacuously).
    expect(checked).to.be.above(0);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  before(async () => {
    sys = await startBookingSystem('priorityrebook', {}, PRIORITY_REDIS_DB);
    athensId = (await sys.system.orm.em.fork().findOneOrFail(Store, { code: ATHENS_CODE })).id;
    browser = await launchCookieless();
    axeSource = await readFile(axePath, 'utf8');
  });
  afterEach(async () => context?.close());
  after(async () => {
    await browser?.close();
    await sys?.close();
  });

  it('the embedded demo points the apology link at the gov.gr page, unless REBOOK_URL or production says otherwise', () => {
    expect(govgrEnv({}, 'http://127.0.0.1:3001')).to.include({
      PUBLIC_ORIGINS: 'http://127.0.0.1:3001',
      REBOOK_URL: 'http://127.0.0.1:3001/?priority={token}',
      MANAGE_URL: 'http://127.0.0.1:3001/?manage={token}',
    });
    expect(govgrEnv({ DATABASE_URL: 'postgres://x' }, 'http://127.0.0.1:3001')).to.not.have.property('MANAGE_URL');
    expect(govgrEnv({ REBOOK_URL: 'https://www.gov.gr/kep/?p={token}' }, 'http://127.0.0.1:3001')).to.not.have.property('REBOOK_URL');
    expect(govgrEnv({ DATABASE_URL: 'postgres://x' }, 'http://127.0.0.1:3001')).to.not.have.property('REBOOK_URL');
  });

  it('a valid token: a banner names the KEP and the last day, the KEP is chosen, availability carries the token; axe finds nothing serious', async () => {
    const token = await priorityToken();
    const b = await openWithPriority(token);
    const { page, widget } = b;
    const banner = widget.getByRole('region', { name: 'Σημαντικό' });
    await banner.waitFor();
    const text = (await banner.innerText()).replace(/\s+/g, ' ');
    expect(text).to.include(`Έχετε προτεραιότητα: κλείστε ξανά ραντεβού στο ${ATHENS_NAME} έως `);
    expect(text).to.match(/έως \S+ \d{2}\/\d{2}\/\d{4}\./);

    // The KEP is chosen: the citizen starts at the procedure.
    await widget.getByRole('heading', { level: 2, name: /Για ποια υπόθεση έρχεστε;/ }).waitFor();
    expect(await headingOf(widget)).to.equal('Βήμα 2 από 5 Για ποια υπόθεση έρχεστε;');
    expect(await seriousViolations(page, '[part=priority]')).to.deep.equal([]);

    // Back at the first step, the KEP is the one checked.
    await widget.getByRole('button', { name: 'Πίσω' }).click();
    await widget.getByRole('heading', { level: 2, name: /Επιλέξτε ΚΕΠ/ }).waitFor();
    await widget.getByRole('radio', { name: new RegExp(ATHENS_NAME.replace(/[()]/g, '\\$&')) }).waitFor();
    expect(await widget.getByRole('radio', { name: new RegExp(ATHENS_NAME.replace(/[()]/g, '\\$&')) }).isChecked()).to.equal(true);

    // Through to the times: the availability request carries the token.
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.getByRole('radio', { name: CERTIFICATE }).check();
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    await widget.getByRole('radio', { name: /Με φυσική παρουσία/ }).check();
    const availability = page.waitForResponse((r) => r.url().includes('/availability?'));
    await widget.getByRole('button', { name: 'Συνέχεια' }).click();
    const response = await availability;
    expect(response.status(), await response.text()).to.equal(200);
    await widget.locator('input[name=time]').first().waitFor();
    const url = new URL(response.url());
    expect(url.pathname).to.equal(`/api/v1/public/stores/${athensId}/availability`);
    expect(url.searchParams.get('priorityToken')).to.equal(token);

    // The hold carries it too.
    await widget.locator('input[name=time]').first().check();
    const hold = page.waitForRequest((r) => r.url().endsWith('/api/v1/public/holds') && r.method() === 'POST');
    await signInInPopup(page, () => widget.getByRole('button', { name: 'Σύνδεση και συνέχεια' }).click());
    expect((await hold).postDataJSON()).to.include({ storeId: athensId, mode: 'in_person', priorityToken: token });
    await widget.getByRole('heading', { name: /Τα στοιχεία σας/ }).waitFor();
    expect(await b.cspViolations()).to.deep.equal([]);
  });

  it('in English with lang=en, and the language switch keeps the priority', async () => {
    const token = await priorityToken();
    const { page, widget } = await openWithPriority(token, '&lang=en');
    const banner = widget.getByRole('region', { name: 'Important' });
    await banner.waitFor();
    expect((await banner.innerText()).replace(/\s+/g, ' ')).to.include(`You have priority: book again at ${ATHENS_NAME} until `);
    const toggle = page.locator('#language-switch');
    expect(await toggle.getAttribute('href')).to.equal(`?lang=el&priority=${encodeURIComponent(token)}`);
  });

  for (const [what, make] of [
    ['an unknown token', async () => newSecret()],
    ['a used token', () => priorityToken({ used: true })],
    ['an expired token', () => priorityToken({ expired: true })],
  ] as const) {
    it(`${what}: a notice that the priority link no longer applies, and the usual first step`, async () => {
      const token = await make();
      const b = await openWithPriority(token);
      const { page, widget } = b;
      const banner = widget.getByRole('region', { name: 'Σημαντικό' });
      await banner.waitFor();
      const text = (await banner.innerText()).replace(/\s+/g, ' ');
      expect(text).to.include('Ο σύνδεσμος προτεραιότητας δεν ισχύει πια.').and.include('Μπορείτε να κλείσετε ραντεβού όπως συνήθως.');
      expect(await headingOf(widget)).to.equal('Βήμα 1 από 5 Επιλέξτε ΚΕΠ');
      expect(await widget.getByRole('radio', { checked: true }).count()).to.equal(0);
      expect(await seriousViolations(page, '[part=priority]')).to.deep.equal([]);
    });
  }
});
