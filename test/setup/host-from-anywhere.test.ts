import { spawn, type ChildProcess } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { expect } from 'chai';
import { launchChromium } from '../support/chromium.js';

const repo = fileURLToPath(new URL('../../', import.meta.url));

/** A GET over plain node:http, so that the body arrives as sent (fetch would decompress it). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    }).on('error', reject).end();
  });
}

describe('npm start from a checkout under a dotted folder (~/.local/…), and how the bundles go out', function () {
  this.timeout(90_000);
  let root: string;
  let checkout: string;
  let child: ChildProcess | undefined;
  let host: string;
  let govgr: string;

  before(async () => {
    // A real copy of the sources (node_modules linked, it is not what is tested) under `.local`.
    root = await mkdtemp(join(tmpdir(), 'rantevou-dotted-'));
    checkout = join(root, '.local', 'share', 'rantevou');
    await mkdir(checkout, { recursive: true });
    for (const part of ['plugin', 'examples', 'worker', 'migrations', 'widget', 'package.json', 'tsconfig.json']) await cp(join(repo, part), join(checkout, part), { recursive: true });
    await symlink(join(repo, 'node_modules'), join(checkout, 'node_modules'));
    child = spawn(process.execPath, ['--import', 'tsx', 'examples/server.ts'], {
      cwd: checkout,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', DATA_DIR: join(root, 'data') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    [host, govgr] = await new Promise<[string, string]>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const url = /Rantevou is running at (\S+?)\/ /.exec(output)?.[1];
        const site = /gov\.gr example page:\s+(\S+?)\/ /.exec(output)?.[1];
        if (url && site) resolve([url, site]);
      };
      child!.stdout!.on('data', onData);
      child!.stderr!.on('data', onData);
      child!.on('exit', (code) => reject(new Error(`the host exited with ${code}:\n${output}`)));
    });
  });
  after(async () => {
    child?.kill('SIGTERM');
    if (child && child.exitCode === null) await new Promise((resolve) => child!.once('exit', resolve));
    await rm(root, { recursive: true, force: true });
  });

  it('answers the staff page, its favicon and the gov.gr example page with its stylesheet (200, not 404)', async () => {
    const page = await get(`${host}/`);
    expect(page.status).to.equal(200);
    expect(page.body.toString()).to.contain('<link rel="icon" href="/favicon.svg"');
    for (const path of ['/favicon.svg', '/favicon.ico']) {
      const icon = await get(`${host}${path}`);
      expect([path, icon.status, icon.headers['content-type']]).to.deep.equal([path, 200, 'image/svg+xml']);
    }
    expect((await get(`${govgr}/`)).status).to.equal(200);
    expect((await get(`${govgr}/govgr.css`)).status).to.equal(200);
    const govgrPage = (await get(`${govgr}/`)).body.toString();
    const bundle = /<script type="module" src="([^"]+kep-booking[^"]*)"/.exec(govgrPage)?.[1];
    expect(bundle, 'the gov.gr page loads the hashed booking bundle').to.match(/^\/widget\/kep-booking-[A-Z0-9]{8}\.js$/);
    const script = await get(`${govgr}${bundle}`, { 'accept-encoding': 'br' });
    expect([script.status, script.headers['content-encoding'], script.headers['cache-control']]).to.deep.equal([200, 'br', 'public, max-age=31536000, immutable']);
  });

  it("points the staff page's script at the content-hashed bundle, cached for a year as immutable", async () => {
    const page = (await get(`${host}/`)).body.toString();
    const src = /<script type="module" src="([^"]+)"><\/script>/.exec(page)?.[1];
    const manifest = JSON.parse(await readFile(join(checkout, 'widget/dist/manifest.json'), 'utf8')) as Record<string, string>;
    expect(src).to.equal(`/widget/${manifest['rantevou.js']}`).and.match(/^\/widget\/rantevou-[A-Z0-9]{8}\.js$/);
    const bundle = await get(`${host}${src}`);
    expect(bundle.status).to.equal(200);
    expect(bundle.headers['content-type']).to.equal('text/javascript; charset=utf-8');
    expect(bundle.headers['cache-control']).to.equal('public, max-age=31536000, immutable');
    expect(bundle.body.equals(await readFile(join(checkout, 'widget/dist/rantevou.js'))), 'the same bytes as the stable name').to.equal(true);
  });

  it('sends brotli or gzip as the browser accepts, smaller and decompressing to the very bundle', async () => {
    const plain = await readFile(join(checkout, 'widget/dist/kep-booking.js'));
    const br = await get(`${host}/widget/kep-booking.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect([br.status, br.headers['content-encoding'], br.headers.vary]).to.deep.equal([200, 'br', 'Origin, Accept-Encoding']);
    expect(br.body.length, 'brotli is under a third of the bundle').to.be.below(plain.length / 3);
    expect(brotliDecompressSync(br.body).equals(plain)).to.equal(true);

    const gz = await get(`${host}/widget/kep-booking.js`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).to.equal('gzip');
    expect(gunzipSync(gz.body).equals(plain)).to.equal(true);
    expect(gz.body.length).to.be.above(br.body.length);

    const identity = await get(`${host}/widget/kep-booking.js`);
    expect([identity.headers['content-encoding'], identity.body.length]).to.deep.equal([undefined, plain.length]);
  });

  it('loads the staff page in Chromium with no 404, its bundle by the hashed name and brotli', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const answers: { url: string; status: number; encoding?: string }[] = [];
      page.on('response', (r) => answers.push({ url: new URL(r.url()).pathname, status: r.status(), encoding: r.headers()['content-encoding'] }));
      await page.goto(`${host}/`, { waitUntil: 'networkidle' });
      expect(answers.filter((a) => a.status === 404), 'nothing missing').to.deep.equal([]);
      const bundle = answers.find((a) => /^\/widget\/rantevou-[A-Z0-9]{8}\.js$/.test(a.url));
      expect(bundle).to.include({ status: 200, encoding: 'br' });
    } finally {
      await browser.close();
    }
  });

  it('keeps the documented stable URLs, cached briefly and revalidated by ETag', async () => {
    for (const name of ['rantevou.js', 'kep-booking.js']) {
      const res = await get(`${host}/widget/${name}`, { 'accept-encoding': 'br' });
      expect([name, res.status, res.headers['cache-control']]).to.deep.equal([name, 200, 'public, max-age=300']);
      const etag = res.headers.etag as string;
      expect(etag).to.be.a('string');
      const again = await get(`${host}/widget/${name}`, { 'accept-encoding': 'br', 'if-none-match': etag });
      expect(again.status).to.equal(304);
    }
    const stable = (await get(`${host}/widget/rantevou.js`)).body.toString();
    const map = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(stable)?.[1];
    expect(map, 'the stable copy points at the hashed map').to.match(/^rantevou-[A-Z0-9]{8}\.js\.map$/);
    expect((await get(`${host}/widget/${map}`)).status, 'the source map is there').to.equal(200);
    const govgrMap = /\/\/# sourceMappingURL=(\S+)\s*$/.exec((await get(`${govgr}/widget/kep-booking.js`)).body.toString())?.[1];
    expect((await get(`${govgr}/widget/${govgrMap}`)).status, 'and the gov.gr page serves its own').to.equal(200);
    expect((await get(`${govgr}/widget/rantevou.js`)).status, 'the gov.gr site has the booking bundle only').to.equal(404);
  });
});
