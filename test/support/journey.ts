import { mkdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { expect } from 'chai';
import type { Page } from 'playwright-core';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** The id of the element that has the focus, through shadow roots (null: none, or no id). */
export const focusedId = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    return el?.id ?? null;
  });

/** Where journey screenshots go: `JOURNEY_SCREENSHOTS`, else a folder under the system's temp dir (never committed). */
export const journeyRoot = process.env.JOURNEY_SCREENSHOTS ?? join(tmpdir(), 'rantevou-journeys');

/**
 * One person's journey through the product: every step saves a numbered full-page screenshot, so
 * anyone can look at what the person saw. The folder is printed once, when the journey starts.
 */
export class Journey {
  readonly folder: string;
  #step = 0;

  private constructor(folder: string) {
    this.folder = folder;
  }

  /** Starts a journey called `name` (a folder name: kebab-case), emptying its folder. */
  static async start(name: string): Promise<Journey> {
    const folder = join(journeyRoot, name);
    await rm(folder, { recursive: true, force: true });
    await mkdir(folder, { recursive: true });
    console.log(`      screenshots of the ${name} journey: ${folder}`);
    return new Journey(folder);
  }

  /** Saves the page as the next step, `NN-label.png`. */
  async shot(page: Page, label: string): Promise<string> {
    this.#step += 1;
    const file = join(this.folder, `${String(this.#step).padStart(2, '0')}-${label}.png`);
    await page.screenshot({ path: file, fullPage: true });
    return file;
  }
}

/** Runs axe-core on the page (through open shadow roots) and fails on any WCAG 2.1 A/AA violation. */
export async function expectNoAxeViolations(page: Page, where: string): Promise<void> {
  // Evaluated through DevTools rather than added as a <script>: a page under a strict CSP with
  // Trusted Types (the gov.gr page, the manage page) refuses script tags it did not make itself.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(axePath, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => `${v.id}: ${JSON.stringify(v.nodes.map((n) => n.target))}`);
  });
  expect(violations, `axe on ${where}`).to.deep.equal([]);
}
