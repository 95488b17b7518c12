import { readFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { widgetAssets, withHashedWidgets } from '../plugin/public/widget-assets.js';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

/** Where and how the gov.gr example page runs. */
export interface GovgrSiteOptions {
  /** The plugin's URL, or a function giving it (when the plugin starts after this site). */
  apiBase: string | (() => string);
  /** 0 (default): any free port. */
  port?: number;
  /** Interface to listen on; the page's origin uses it too (default 127.0.0.1). */
  host?: string;
  /** Where `kep-booking.js` is (default widget/dist). */
  widgetDir?: string;
}

/**
 * The Content-Security-Policy of the gov.gr example page: no inline script or style, no eval,
 * scripts only from itself and the plugin, requests only to the plugin, and Trusted Types (Lit
 * creates its own `lit-html` policy). `same-origin-allow-popups` keeps the sign-in popup able to
 * post the citizen's token back.
 */
export function govgrSecurityHeaders(apiOrigin: string): Record<string, string> {
  return {
    'Content-Security-Policy': [
      "default-src 'none'",
      `script-src 'self' ${apiOrigin}`,
      `connect-src ${apiOrigin}`,
      "style-src 'self'",
      "img-src 'self'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'none'",
      "require-trusted-types-for 'script'",
      'trusted-types lit-html',
    ].join('; '),
    'Cross-Origin-Opener-Policy': 'same-origin-allow-popups',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Content-Type-Options': 'nosniff',
  };
}

/**
 * A small site of another origin, as gov.gr would be: one page that embeds `<kep-booking>` from the
 * booking bundle, under a strict Content-Security-Policy. No cookies, no iframe.
 */
export async function startGovgrSite(options: GovgrSiteOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
  const apiBase = () => (typeof options.apiBase === 'function' ? options.apiBase() : options.apiBase).replace(/\/+$/, '');
  const widgetDir = options.widgetDir ?? here('../widget/dist/');
  const template = await readFile(here('./govgr.html'), 'utf8');
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // Until the plugin has started, its URL (hence the CSP) is unknown.
    if (!URL.canParse(apiBase())) return void res.status(503).type('text').send('Starting…');
    res.set(govgrSecurityHeaders(new URL(apiBase()).origin));
    next();
  });
  app.get('/', (_req, res) => {
    res.type('html').set('Cache-Control', 'no-cache').send(withHashedWidgets(template, widgetDir).replace('%API_BASE%', escapeAttribute(apiBase())));
  });
  app.get('/favicon.ico', (_req, res) => void res.status(204).end());
  // With `root`, not an absolute path: send refuses (404) a path with a dotted folder such as ~/.local.
  app.get(['/govgr.css', '/govgr-page.js'], (req, res) => res.sendFile(req.path.slice(1), { root: here('.') }));
  // The booking bundle only (and its source map), as the plugin serves it: precompressed, the hashed name immutable.
  const bundle = express.Router().use(widgetAssets(widgetDir), express.static(widgetDir, { maxAge: '5m', index: false }));
  app.use('/widget', (req, res, next) => (req.path.startsWith('/kep-booking') ? bundle(req, res, next) : next()));

  const hostname = options.host ?? '127.0.0.1';
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(options.port ?? 0, hostname, () => resolve(s));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${port}`,
    server,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // A browser's keep-alive connections would hold close() open.
        server.closeAllConnections();
      }),
  };
}

function escapeAttribute(value: string): string {
  return value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}
