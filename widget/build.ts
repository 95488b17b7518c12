/**
 * Bundles every widget into one ES module, `widget/dist/rantevou.js`, that a page loads
 * with `<script type="module">`, and the citizen booking widget alone into `kep-booking.js`.
 * Lit is bundled in: host pages need nothing else.
 *
 * Each bundle is written twice: under a content-hashed name (`rantevou-<hash>.js`, cached for a year
 * as immutable) and under its stable name (the documented URL, cached briefly with an ETag), with
 * `manifest.json` mapping one to the other so that a server can point its pages at the hashed one.
 * Every bundle is also precompressed (`.br`, `.gz`) here, once, at the best levels, so that serving it
 * costs no CPU per request (see plugin/public/widget-assets.ts).
 *
 *   npx tsx widget/build.ts
 */
import { build } from 'esbuild';
import { copyFile, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { readFile } from 'node:fs/promises';

// Paths from this file, so the script works from any working directory.
const here = import.meta.dirname;
const dist = join(here, 'dist');
/** A hashed file of an older build is kept this long, for pages already loaded that still ask for it. */
const KEEP_OLD_MS = 60 * 60 * 1000;

// rantevou.js: every widget; kep-booking.js: the citizen booking widget alone, for gov.gr pages;
// kep-call-display.js: the waiting room's call display alone, for the screen's page.
const result = await build({
  entryPoints: { rantevou: join(here, 'index.ts'), 'kep-booking': join(here, 'booking.ts'), 'kep-call-display': join(here, 'call-display.ts') },
  outdir: dist,
  entryNames: '[name]-[hash]',
  tsconfig: join(here, 'tsconfig.json'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'info',
});

const manifest: Record<string, string> = {};
for (const [path, output] of Object.entries(result.metafile.outputs)) {
  if (!output.entryPoint) continue;
  const hashed = basename(path);
  const stable = `${hashed.replace(/-[A-Z0-9]+\.js$/, '')}.js`;
  manifest[stable] = hashed;
  await precompress(join(dist, hashed));
  // The stable copy keeps the hashed file's source-map comment, which points at the hashed map.
  await replace(join(dist, stable), (tmp) => copyFile(join(dist, hashed), tmp));
  await precompress(join(dist, stable));
  // Builds before hashing wrote a map under the stable name; nothing points at it any more.
  await rm(join(dist, `${stable}.map`), { force: true });
}
await replace(join(dist, 'manifest.json'), (tmp) => writeFile(tmp, `${JSON.stringify(manifest, null, 2)}\n`));
await pruneOldBuilds(new Set(Object.values(manifest)));

/** Writes `file.br` and `file.gz` beside `file`. */
async function precompress(file: string): Promise<void> {
  const bytes = await readFile(file);
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  await replace(`${file}.br`, (tmp) => writeFile(tmp, br));
  await replace(`${file}.gz`, (tmp) => writeFile(tmp, gzipSync(bytes, { level: 9 })));
}

/** Writes through a temporary file and a rename, so that a running server never reads half a file. */
async function replace(file: string, write: (tmp: string) => Promise<void>): Promise<void> {
  const tmp = `${file}.${process.pid}.tmp`;
  await write(tmp);
  await rename(tmp, file);
}

/** Removes the hashed files of builds older than an hour that this build did not write. */
async function pruneOldBuilds(current: Set<string>): Promise<void> {
  for (const name of await readdir(dist)) {
    const match = /^(.+-[A-Z0-9]{8}\.js)(\.map|\.br|\.gz)?$/.exec(name);
    if (!match || current.has(match[1]!)) continue;
    const file = join(dist, name);
    if (Date.now() - (await stat(file)).mtimeMs > KEEP_OLD_MS) await rm(file, { force: true });
  }
}
