/**
 * What the staff journeys share: signing in and out on the intranet page as a person does, the
 * people who exist only with a roles file (the supervisor, a person with two KEPs), where focus is,
 * and the days the journeys use (counted from today: the plugin schedules by the real clock).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import type { Page } from 'playwright-core';
import { loadExtraDemoAccounts } from '../../examples/demo-counter/demo-counter.js';
import { greekHolidayDates } from '../../plugin/domain/greek-holidays.js';
import { addDays } from '../../plugin/domain/local-day.js';
import { todayIn } from '../../plugin/domain/local-time.js';
import { startTestSystem, type TestSystem } from '../support/test-system.js';

/**
 * The system in production mode, with the supervisor (every KEP, read only) and Νίκος Δημητρίου
 * (store administrator in Thessaloniki, operator in Heraklion) besides the demo staff.
 */
export async function startStaffSystem(label: string): Promise<TestSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'rantevou-staff-roles-'));
  const rolesFile = join(dir, 'roles.json');
  writeFileSync(rolesFile, JSON.stringify({
    'demo-operator-a': [{ storeCode: 'KEP-ATH-0101', role: 'operator' }],
    'demo-admin-a': [{ storeCode: 'KEP-ATH-0101', role: 'store_admin' }],
    'demo-operator-b': [{ storeCode: 'KEP-THE-0201', role: 'operator' }],
    'demo-lead-two-keps': [{ storeCode: 'KEP-THE-0201', role: 'store_admin' }, { storeCode: 'KEP-HER-0301', role: 'operator' }],
    'demo-supervisor': { stores: [], supervisor: true },
  }));
  const system = await startTestSystem(label, { redisDb: 2, env: { ROLES_FILE: rolesFile }, accounts: loadExtraDemoAccounts() });
  const close = system.close.bind(system);
  return Object.assign(system, { close: async () => { await close(); rmSync(dir, { recursive: true, force: true }); } });
}

/** Opens the intranet page, follows «Σύνδεση» and picks `person` at the identity provider. */
export async function signInOnIntranet(page: Page, baseUrl: string, person: RegExp): Promise<void> {
  await page.goto(`${baseUrl}/`);
  await page.getByRole('link', { name: 'Σύνδεση', exact: true }).first().click();
  await page.getByRole('button', { name: person }).click();
  await page.waitForURL(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Αποσύνδεση', exact: true }).waitFor();
}

/**
 * Presses «Αποσύνδεση», confirms at the identity provider (the demo provider asks), and waits for
 * the page that says so.
 */
export async function signOutOfIntranet(page: Page, baseUrl: string): Promise<void> {
  await page.getByRole('button', { name: 'Αποσύνδεση', exact: true }).click();
  const confirm = page.getByRole('button', { name: 'Ναι, αποσύνδεση' });
  const signedOut = page.getByRole('heading', { level: 1, name: 'Αποσυνδεθήκατε' });
  await Promise.race([confirm.waitFor(), signedOut.waitFor()]);
  if (await confirm.count()) await confirm.click();
  await signedOut.waitFor();
  expect(page.url()).to.equal(`${baseUrl}/`);
}

/** The focused element, looking through shadow roots: its tag, role-ish text and level. */
export function focused(page: Page): Promise<{ tag: string; text: string; current: string | null }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return { tag: el?.tagName.toLowerCase() ?? '', text: (el?.textContent ?? '').trim().replace(/\s+/g, ' '), current: el?.getAttribute('aria-current') ?? null };
  });
}

/** Presses Tab (Shift+Tab with `back`) until `done` holds for the focused element. */
export async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, { back = false, limit = 40 } = {}): Promise<number> {
  for (let i = 1; i <= limit; i++) {
    await page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    if (done(await focused(page))) return i;
  }
  throw new Error(`Tab never reached the control; last: ${JSON.stringify(await focused(page))}`);
}

/** A working day (Monday to Friday, no public holiday) at least `daysAhead` days from today in Athens (negative: before). */
export function workingDayFrom(daysAhead: number): string {
  const step = daysAhead < 0 ? -1 : 1;
  let day = addDays(todayIn(), daysAhead);
  const holidays = greekHolidayDates(addDays(day, -30), addDays(day, 30));
  while (!isWorkingDay(day, holidays)) day = addDays(day, step);
  return day;
}

/** The first working day after `day`. */
export function workingDayAfter(day: string): string {
  const holidays = greekHolidayDates(day, addDays(day, 30));
  let next = addDays(day, 1);
  while (!isWorkingDay(next, holidays)) next = addDays(next, 1);
  return next;
}

function isWorkingDay(day: string, holidays: Set<string>): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday >= 1 && weekday <= 5 && !holidays.has(day);
}
