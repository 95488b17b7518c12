import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { startGovgrSite } from '../../examples/govgr-site.js';
import { govgrEnv, startHost } from '../../examples/server.js';
import { eventually } from '../support/smtp-sink.js';
import { focused } from '../booking/booking-browser.js';

/**
 * What `npm start` runs, as a new user meets it: the embedded default (PGlite in a fresh folder, the
 * demo citizen identity provider, mail captured at /dev/mail) and the gov.gr example page on another
 * origin, which the confirmation's "change or cancel" link points at (MANAGE_URL's embedded default).
 */
export async function startEmbeddedCitizenSystem() {
  const dataDir = await mkdtemp(join(tmpdir(), 'rantevou-citizen-journey-'));
  let apiBase = '';
  const site = await startGovgrSite({ apiBase: () => apiBase });
  const host = await startHost({ PORT: '0', DATA_DIR: dataDir, ...govgrEnv({}, site.url) });
  apiBase = host.url;
  return {
    host,
    site,
    apiBase,
    /** The captured messages to `to` whose subject matches, newest first. */
    mailTo(to: string, subject: RegExp) {
      return host.mail!.messages.map((m, index) => ({ ...m, index })).filter((m) => m.to.includes(to) && subject.test(m.subject));
    },
    /** Waits for the first captured message to `to` whose subject matches; its index at /dev/mail. */
    async awaitMail(to: string, subject: RegExp) {
      await eventually(() => this.mailTo(to, subject).length > 0, `an email «${subject.source}» to ${to}`);
      return this.mailTo(to, subject)[0]!;
    },
    async close() {
      await host.close();
      await site.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** The «Αλλαγή ή ακύρωση» link of a captured email (from its text part, where it is written out). */
export function manageLinkOf(text: string): string {
  const link = /https?:\/\/\S*manage\S*/.exec(text)?.[0];
  if (!link) throw new Error('no manage link in the email');
  return link;
}

/** Presses Tab (Shift+Tab with `back`) until the focused element matches, as a keyboard user would; fails after `max` presses. */
export async function tabTo(page: Page, matches: (f: Awaited<ReturnType<typeof focused>>) => boolean, what: string, o: { back?: boolean; max?: number } = {}) {
  for (let i = 0; i < (o.max ?? 60); i++) {
    await page.keyboard.press(o.back ? 'Shift+Tab' : 'Tab');
    if (matches(await focused(page))) return;
  }
  throw new Error(`Tab never reached ${what}`);
}

/** The widget's step heading (h2), spaces collapsed. */
export async function headingText(widget: Locator): Promise<string> {
  return ((await widget.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}

/** Whether the page scrolls sideways (at 320 px it must not). */
export function scrollsSideways(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);
}
