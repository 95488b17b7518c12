import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import express from 'express';
import { createRantevou, type Rantevou } from '../../plugin/index.js';
import { createTestDatabase } from '../support/test-database.js';

const GOVGR = 'https://www.gov.gr.example';
const INTRANET = 'https://intranet.kep.example.gr';

/**
 * A gov.gr page of another origin loads `kep-booking.js` from the plugin's `/widget/` as a module
 * script: the browser fetches it with CORS (and, under COEP, needs the resource policy to allow it).
 */
describe('the widget bundles, loaded by pages of other origins', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let widgetDir: string;
  let rantevou: Rantevou;
  let server: Server;
  let url: string;

  before(async () => {
    db = await createTestDatabase('widgetcors');
    widgetDir = await mkdtemp(join(tmpdir(), 'rantevou-widget-'));
    await writeFile(join(widgetDir, 'kep-booking.js'), 'export {};\n');
    rantevou = await createRantevou({
      mode: 'production',
      database: { url: db.url },
      getIdentity: async () => null,
      roleSource: { rolesFor: async () => [] },
      email: { redisUrl: 'redis://127.0.0.1:6379/4' },
      publicOrigins: [GOVGR],
      allowedOrigins: [`${INTRANET}/`],
      widgetDir,
      log: () => {},
    });
    const app = express().use(rantevou.router);
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await rantevou?.close();
    await db?.drop();
    if (widgetDir) await rm(widgetDir, { recursive: true, force: true });
  });

  const bundle = (origin?: string) => fetch(`${url}/widget/kep-booking.js`, { headers: origin ? { origin } : {} });

  it('answers a public origin and an allowed origin with Access-Control-Allow-Origin, varying by Origin and open to cross-origin embedders', async () => {
    for (const origin of [GOVGR, INTRANET]) {
      const res = await bundle(origin);
      expect(res.status).to.equal(200);
      expect(res.headers.get('access-control-allow-origin')).to.equal(origin);
      expect(res.headers.get('access-control-allow-credentials')).to.equal(null);
      expect(res.headers.get('cross-origin-resource-policy')).to.equal('cross-origin');
      expect(res.headers.get('vary')).to.match(/\bOrigin\b/i);
      expect(await res.text()).to.equal('export {};\n');
    }
  });

  it('gives any other origin no CORS permission (the browser refuses it the module)', async () => {
    const res = await bundle('https://evil.example');
    expect(res.status).to.equal(200);
    expect(res.headers.get('access-control-allow-origin')).to.equal(null);
    expect(res.headers.get('vary')).to.match(/\bOrigin\b/i);
    expect((await bundle()).headers.get('access-control-allow-origin')).to.equal(null);
  });
});
