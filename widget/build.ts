/**
 * Bundles every widget into one ES module, `widget/dist/rantevou.js`, that a page loads
 * with `<script type="module">`. Lit is bundled in: host pages need nothing else.
 *
 *   npx tsx widget/build.ts
 */
import { build } from 'esbuild';
import { join } from 'node:path';

// Paths from this file, so the script works from any working directory.
const here = import.meta.dirname;

await build({
  entryPoints: [join(here, 'index.ts')],
  outfile: join(here, 'dist', 'rantevou.js'),
  tsconfig: join(here, 'tsconfig.json'),
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  sourcemap: 'linked',
  logLevel: 'info',
});
