import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { startGovgrSite } from '../../examples/govgr-site.js';
import { startPublicSystem } from '../public/public-system.js';

/**
 * The Redis database of these tests: the public-booking system flushes it around each run. (The
 * 28–29 first planned do not exist: Redis has 16 databases here; 6 is one no other test uses.)
 */
export const BOOKING_REDIS_DB = 6;

/**
 * The real plugin (production mode: PostgreSQL, Redis, a citizen OpenID provider) on
 * `http://localhost:…`, and the gov.gr example page on `http://127.0.0.1:…` — another site, under
 * its strict CSP — allowed as a public origin.
 */
export async function startBookingSystem(label: string, env: Record<string, string> = {}, redisDb = BOOKING_REDIS_DB) {
  let apiBase = '';
  const site = await startGovgrSite({ apiBase: () => apiBase });
  const system = await startPublicSystem(label, { redisDb, env: { PUBLIC_ORIGINS: site.url, ...env } }).catch(async (err: unknown) => {
    await site.close();
    throw err;
  });
  apiBase = system.url;
  return {
    apiBase,
    site,
    system,
    async close() {
      await site.close();
      await system.close();
    },
  };
}

export type BookingSystem = Awaited<ReturnType<typeof startBookingSystem>>;

/**
 * Debian's Chromium with third-party cookies blocked (the flag makes Chromium behave as after the
 * phase-out): a widget that needed a cookie of the API's site would fail here.
 */
export function launchCookieless(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--test-third-party-cookie-phaseout',
    ],
  });
}

/** A request the page (not the popup) sent to the API. */
export interface ApiRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
}

/** A citizen's browser tab on the gov.gr page, with what it sent to the API and any CSP violation. */
export interface BookingPage {
  page: Page;
  widget: Locator;
  requests: ApiRequest[];
  cspViolations(): Promise<string[]>;
  /** The `detail` of every `kep-booking-step` and `kep-booking-confirmed` the page heard. */
  events(): Promise<{ type: string; detail: Record<string, unknown> }[]>;
}

/**
 * A fresh context (its own cookie jar) in a zone far from Athens — times must still read as Athens
 * times — with a cookie for the API's site that the widget must never send.
 */
export async function newCitizenContext(browser: Browser, apiBase: string, options: { width?: number } = {}): Promise<BrowserContext> {
  const context = await browser.newContext({
    timezoneId: 'America/New_York',
    locale: 'el-GR',
    viewport: { width: options.width ?? 1024, height: 800 },
  });
  // SameSite=None; Secure (localhost counts as secure): a cookie a browser would send cross-site if it
  // allowed third-party cookies and the request asked for credentials.
  await context.addCookies([{ name: 'rantevou_probe', value: 'must-not-be-sent', url: apiBase, sameSite: 'None', secure: true }]);
  // Init scripts run through DevTools, outside the page's CSP; they only listen.
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __events: unknown[] };
    w.__csp = [];
    w.__events = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
    for (const type of ['kep-booking-step', 'kep-booking-confirmed'])
      document.addEventListener(type, (e) => w.__events.push({ type, detail: (e as CustomEvent).detail }));
  });
  return context;
}

/** Opens the gov.gr page and waits for the widget's first step. */
export async function openBookingPage(context: BrowserContext, siteUrl: string, apiBase: string, query = ''): Promise<BookingPage> {
  const page = await context.newPage();
  const requests: ApiRequest[] = [];
  const pending: Promise<void>[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(apiBase) || request.frame().page() !== page) return;
    pending.push(request.allHeaders().then((headers) => void requests.push({ method: request.method(), url: request.url(), headers })));
  });
  await page.goto(`${siteUrl}/${query}`);
  const widget = page.locator('kep-booking');
  await widget.getByRole('heading', { level: 2 }).waitFor();
  return {
    page,
    widget,
    requests,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    events: async () => {
      await Promise.all(pending);
      return page.evaluate(() => (window as unknown as { __events: { type: string; detail: Record<string, unknown> }[] }).__events);
    },
  };
}

/** Runs `action` (a click or a key press that opens the sign-in popup) and signs in there as a demo citizen. */
export async function signInInPopup(page: Page, action: () => Promise<void>, citizen = 'Δημήτρης Αλεξίου'): Promise<void> {
  const [popup] = await Promise.all([page.waitForEvent('popup'), action()]);
  await popup.getByRole('button', { name: new RegExp(citizen) }).click();
  await popup.waitForEvent('close');
}

/** The element that has focus, looking through shadow roots: tag, id and text. */
export function focused(page: Page): Promise<{ tag: string; id: string; text: string; type: string | null }> {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.textContent ?? '').replace(/\s+/g, ' ').trim(),
      type: el?.getAttribute('type') ?? null,
    };
  });
}

/** The step's heading text (caption included), spaces collapsed. */
export async function headingOf(widget: Locator): Promise<string> {
  return ((await widget.getByRole('heading', { level: 2 }).textContent()) ?? '').replace(/\s+/g, ' ').trim();
}
