/**
 * Run first by `npm test`: the browser tests need Debian's Chromium. When it is missing, install it
 * where that is possible (root with apt-get), or stop at once with one line saying how, instead of
 * letting every browser test fail after minutes.
 *
 *   node --import tsx test/support/ensure-chromium.ts
 */
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromiumPath } from './chromium.js';

/** What to do about Chromium: nothing, install it with apt-get, or stop with a one-line reason. */
export type ChromiumPlan = { action: 'ready' } | { action: 'install' } | { action: 'stop'; message: string };

/** Decides from the facts of the machine; pure, so that each case is testable without one. */
export function planChromium(facts: { path: string; executable: boolean; root: boolean; apt: boolean; custom: boolean }): ChromiumPlan {
  if (facts.executable) return { action: 'ready' };
  // A CHROMIUM_PATH that points nowhere is a typo: installing Debian's package would not fix it.
  if (!facts.custom && facts.root && facts.apt) return { action: 'install' };
  const how = facts.custom
    ? `CHROMIUM_PATH=${facts.path} is not an executable: point it at a Chromium binary`
    : facts.apt
    ? 'install it with `sudo apt-get update && sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary)'
    : 'install Chromium and set CHROMIUM_PATH to its binary';
  return { action: 'stop', message: `Chromium for the browser tests is missing at ${facts.path}: ${how}, then run npm test again.` };
}

const isExecutable = (path: string) => {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

function facts() {
  return {
    path: chromiumPath(),
    executable: isExecutable(chromiumPath()),
    root: process.getuid?.() === 0,
    apt: isExecutable('/usr/bin/apt-get'),
    custom: process.env.CHROMIUM_PATH !== undefined,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const plan = planChromium(facts());
  if (plan.action === 'install') {
    console.log("Installing Debian's chromium for the browser tests (apt-get)");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
      const run = spawnSync('apt-get', args, { stdio: ['ignore', 'ignore', 'inherit'], env });
      if (run.status !== 0) {
        console.error(`apt-get ${args.join(' ')} failed (exit ${run.status}): install chromium by hand, then run npm test again.`);
        process.exit(1);
      }
    }
  }
  const after = plan.action === 'install' ? planChromium(facts()) : plan;
  if (after.action === 'stop') {
    console.error(after.message);
    process.exit(1);
  }
}
