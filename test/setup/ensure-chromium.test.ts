import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { planChromium } from '../support/ensure-chromium.js';

const script = fileURLToPath(new URL('../support/ensure-chromium.ts', import.meta.url));
const debian = { path: '/usr/bin/chromium', executable: false, root: true, apt: true, custom: false };

describe('npm test on a machine without Chromium', () => {
  it('goes on when Chromium is there', () => {
    expect(planChromium({ ...debian, executable: true })).to.deep.equal({ action: 'ready' });
  });

  it("installs Debian's chromium when it runs as root with apt-get", () => {
    expect(planChromium(debian)).to.deep.equal({ action: 'install' });
  });

  it('stops with one line saying how when it cannot install (not root, or no apt)', () => {
    const notRoot = planChromium({ ...debian, root: false });
    expect(notRoot).to.deep.equal({
      action: 'stop',
      message: 'Chromium for the browser tests is missing at /usr/bin/chromium: install it with `sudo apt-get update && sudo apt-get install -y chromium` (or set CHROMIUM_PATH to a Chromium binary), then run npm test again.',
    });
    const noApt = planChromium({ ...debian, apt: false });
    expect(noApt).to.have.property('message').that.matches(/install Chromium and set CHROMIUM_PATH/);
  });

  it('stops at once, exit 1 and one line, when CHROMIUM_PATH names no binary (even as root)', () => {
    const started = Date.now();
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, CHROMIUM_PATH: '/nonexistent/chromium' }, encoding: 'utf8' });
    expect(run.status).to.equal(1);
    expect(run.stderr.trim().split('\n')).to.deep.equal([
      'Chromium for the browser tests is missing at /nonexistent/chromium: CHROMIUM_PATH=/nonexistent/chromium is not an executable: point it at a Chromium binary, then run npm test again.',
    ]);
    expect(Date.now() - started, 'no minutes of failing browser tests first').to.be.below(15_000);
  });

  it('says nothing and succeeds where Chromium is installed', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8' });
    expect([run.status, run.stdout, run.stderr]).to.deep.equal([0, '', '']);
  });
});
