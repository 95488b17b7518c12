import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import { startHost } from '../../examples/server.js';
import { eventually } from '../support/smtp-sink.js';
import { signInAs } from '../support/staff-client.js';
import { TestClock } from '../support/test-clock.js';
import { day, PINNED } from '../support/test-days.js';

/** Runs the reference host as `npm start` does, with only the given environment. */
function runHost(env: Record<string, string>): Promise<{ output: string; code: number | null; url?: string; stop(): void }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'examples/server.ts'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /Rantevou is running at (\S+?)\/ /.exec(output)?.[1];
      if (url) resolve({ output, code: null, url, stop: () => child.kill('SIGTERM') });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => resolve({ output, code, stop: () => {} }));
  });
}

describe('the embedded default (npm start with no environment)', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'rantevou-embedded-'));
  });
  after(async () => rm(dataDir, { recursive: true, force: true }));

  it('starts with no environment, prints its URLs and demo accounts, and answers /healthz', async () => {
    const host = await runHost({ PORT: '0', DATA_DIR: dataDir });
    try {
      expect(host.url, host.output).to.be.a('string');
      expect(host.output).to.include('/dev/mail').and.include('demo-operator-a');
      const res = await fetch(`${host.url}/healthz`);
      expect(res.status).to.equal(200);
      expect(await res.json()).to.deep.equal({ status: 'ok' });
    } finally {
      host.stop();
    }
  });

  it('lets a demo operator sign in, book, and read the captured confirmation email; data survives a restart', async () => {
    const clock = new TestClock();
    clock.start(PINNED); // running on from it: the in-process sender waits in real time
    let host = await startHost({ PORT: '0', DATA_DIR: dataDir }, { clock: clock.now });
    try {
      const staff = await signInAs(host.url, 'demo-operator-a');
      const storeId = staff.me.stores[0]!.id;
      const res = await staff.post(`/api/v1/stores/${storeId}/appointments`, {
        firstName: 'Δήμητρα',
        lastName: 'Αλεξίου',
        startsAt: `${day(1)}T12:00`,
        email: 'dimitra@citizen.example.gr',
      });
      expect(res.status).to.equal(201);
      await eventually(async () => (await (await fetch(`${host.url}/dev/mail`)).text()).includes('Επιβεβαίωση ραντεβού'), 'the captured email');
      const mailbox = await (await fetch(`${host.url}/dev/mail/0`)).text();
      expect(mailbox).to.include('dimitra@citizen.example.gr').and.include('Τρίτη 12 Ιανουαρίου 2027, 12:00');
    } finally {
      await host.close();
    }
    host = await startHost({ PORT: '0', DATA_DIR: dataDir }, { clock: clock.now });
    try {
      const staff = await signInAs(host.url, 'demo-operator-a');
      const list = await (await staff.get(`/api/v1/stores/${staff.me.stores[0]!.id}/appointments?date=${day(1)}`)).json();
      expect(list.items.map((a: { lastName: string }) => a.lastName)).to.deep.equal(['Αλεξίου']);
    } finally {
      await host.close();
    }
  });

  it('refuses to start in production mode with the demo identity provider, with a clear message', async () => {
    const host = await runHost({ PORT: '0', DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres', REDIS_URL: 'redis://127.0.0.1:6379/9' });
    expect(host.code).to.equal(2);
    expect(host.output).to.include('RANTEVOU_DEMO_IDP_IN_PRODUCTION').and.include('OIDC_ISSUER');
  });
});
