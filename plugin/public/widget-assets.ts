import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { RequestHandler } from 'express';

/** How long a content-hashed bundle may be cached: a year, never revalidated (its name changes with it). */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The stable names (`/widget/rantevou.js`, the documented URL) change in place: a short cache, then the ETag. */
const STABLE = 'public, max-age=300';
/** `rantevou-IIFYNVH5.js`: a name that widget/build.ts derived from the content. */
const HASHED = /-[A-Z0-9]{8}\.js$/;
const SAFE_NAME = /^[\w.-]+\.js$/;
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

/**
 * Serves the widget bundles of `dir` (GET and HEAD of `/<name>.js`): the `.br` or `.gz` that
 * widget/build.ts precompressed, as the browser's Accept-Encoding allows (identity otherwise), with
 * `Vary: Accept-Encoding`; content-hashed names cached as immutable, stable names briefly with an
 * ETag. Anything else (source maps, a name it does not have) goes to the next handler.
 * Precompressed once at build time rather than per response: the best brotli level is far too slow
 * to run per request, and no compression middleware is needed.
 */
export function widgetAssets(dir: string): RequestHandler {
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const name = req.path.slice(1);
    if (!SAFE_NAME.test(name) || !existsSync(join(dir, name))) return next();
    res.vary('Accept-Encoding');
    // Ours is the order among what the browser accepts (Chromium lists gzip before br, at the same q).
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && existsSync(join(dir, name + e.suffix)));
    res.set('Content-Type', 'text/javascript; charset=utf-8');
    if (encoding) res.set('Content-Encoding', encoding.name);
    // `root` (never an absolute path) also lets a checkout under a dotted folder (~/.local/…) serve.
    res.sendFile(name + (encoding?.suffix ?? ''), { root: dir, cacheControl: false, headers: { 'Cache-Control': HASHED.test(name) ? IMMUTABLE : STABLE } }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  };
}

let cached: { dir: string; mtimeMs: number; names: Record<string, string> } | null = null;

/** The build's `manifest.json` (stable name → hashed name), reread when a new build replaces it. */
function manifest(dir: string): Record<string, string> {
  const file = join(dir, 'manifest.json');
  try {
    const { mtimeMs } = statSync(file);
    if (cached?.dir !== dir || cached.mtimeMs !== mtimeMs) cached = { dir, mtimeMs, names: JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> };
    return cached.names;
  } catch {
    // No build yet, or one from before hashing: the stable names still work.
    return {};
  }
}

/**
 * A host page with its widget scripts pointed at the hashed bundles: every `/widget/rantevou.js`
 * (any name of the manifest, after `src="` or `href="`, with any prefix) becomes
 * `/widget/rantevou-<hash>.js`. Without a manifest the page is returned as it is.
 */
export function withHashedWidgets(page: string, dir: string): string {
  const names = manifest(dir);
  return page.replace(/((?:src|href)=["'][^"']*\/widget\/)([\w.-]+\.js)(["'])/g, (all, before: string, name: string, after: string) =>
    names[name] ? `${before}${names[name]}${after}` : all);
}
