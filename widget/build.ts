/**
 * Bundles every widget into one ES module, `widget/dist/rantevou.js`, that a page loads
 * with `<script type="module">`, and the citizen booking widget alone into `kep-booking.js`.
 * Lit is bundled in: host pages need nothing else.
 *
 *   npx tsx widget/build.ts
 */
import { build } from 'esbuild';
import { join } from 'node:path';

// Paths from this file, so the script works from any working directory.
const here = import.meta.dirname;

// rantevou.js: every widget; kep-booking.js: the citizen booking widget alone, for gov.gr pages.
const entries = [
  { entry: 'index.ts', out: 'rantevou.js' },
  { entry: 'booking.ts', out: 'kep-booking.js' },
];

for (const { entry, out } of entries) await build({
  entryPoints: [join(here, entry)],
  outfile: join(here, 'dist', out),
  tsconfig: join(here, 'tsconfig.json'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'info',
});
