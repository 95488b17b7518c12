/**
 * The citizen booking widget on a gov.gr page: the size of `kep-booking.js`, and how soon Chromium
 * shows it — the first step rendered (heading and KEP search), then the KEP list from the API.
 * Each of the LOADS page loads is cold: a new browser context, so nothing is cached.
 *
 *   npm run bench:widget      (builds the bundles first)
 *
 * Prints one table. The widget talks to the real plugin (production mode, PostgreSQL) of another
 * origin, and the page has its strict CSP, as in the tests.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync, brotliCompressSync } from 'node:zlib';
import { launchCookieless, startBookingSystem } from '../test/booking/booking-browser.js';

const LOADS = Number(process.env.BENCH_LOADS ?? 10);
/**
 * Milliseconds from the start of navigation (performance.now()): when Lit has rendered the first
 * step, and when the KEPs from the API are on screen. A string, so that no build helper of the
 * bench's own code leaks into the page.
 */
const MARKS = `
  window.__marks = {};
  customElements.whenDefined('kep-booking').then(async function () {
    var el = document.querySelector('kep-booking');
    await el.updateComplete;
    window.__marks.firstRender = performance.now();
    (function poll() {
      if (el.shadowRoot.querySelector('.result-count')) window.__marks.listShown = performance.now();
      else requestAnimationFrame(poll);
    })();
  });
`;
const dist = (name: string) => fileURLToPath(new URL(`../widget/dist/${name}`, import.meta.url));

const rows: string[][] = [];
for (const name of ['kep-booking.js', 'rantevou.js']) {
  const bytes = await readFile(dist(name));
  rows.push([`\`${name}\` size`, kb(bytes.length), kb(gzipSync(bytes, { level: 9 }).length), kb(brotliCompressSync(bytes).length)]);
}

const system = await startBookingSystem('bench_widget');
const browser = await launchCookieless();
try {
  const firstRender: number[] = [];
  const listShown: number[] = [];
  for (let i = 0; i < LOADS + 1; i++) {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    await context.addInitScript(MARKS);
    const page = await context.newPage();
    await page.goto(`${system.site.url}/`);
    await page.waitForFunction(() => (window as unknown as { __marks: { listShown?: number } }).__marks.listShown !== undefined);
    const marks = await page.evaluate(() => (window as unknown as { __marks: { firstRender: number; listShown: number } }).__marks);
    // The first load warms the server (its caches, the JIT), not the browser: it is not counted.
    if (i > 0) {
      firstRender.push(marks.firstRender);
      listShown.push(marks.listShown);
    }
    await context.close();
  }
  rows.push(
    [`first step rendered, median of ${LOADS} cold loads (min–max)`, ...timing(firstRender)],
    [`KEP list shown, median of ${LOADS} cold loads (min–max)`, ...timing(listShown)],
  );
} finally {
  await browser.close();
  await system.close();
}

console.log('| measure | value | gzip -9 | brotli |');
console.log('|---|---|---|---|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function timing(ms: number[]): string[] {
  const sorted = [...ms].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return [`${median.toFixed(0)} ms (${sorted[0]!.toFixed(0)}–${sorted.at(-1)!.toFixed(0)})`, '', ''];
}
