import type { RequestHandler } from 'express';

/**
 * Headers of the widget bundles under `/widget/`, so that a page of another origin can load them: a
 * module script is fetched with CORS, so only a configured origin (`publicOrigins`, `allowedOrigins`)
 * gets `Access-Control-Allow-Origin` and may run it; `Cross-Origin-Resource-Policy: cross-origin`
 * lets a page under `Cross-Origin-Embedder-Policy` take it at all. The answer differs by Origin, so
 * caches are told (`Vary: Origin`). No credentials: the bundles are the same for everyone.
 */
export function widgetCors(origins: readonly string[]): RequestHandler {
  const allowed = new Set(origins.map((o) => new URL(o).origin));
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const origin = req.get('origin');
    res.vary('Origin');
    res.set('Cross-Origin-Resource-Policy', 'cross-origin');
    if (origin !== undefined && allowed.has(origin)) res.set('Access-Control-Allow-Origin', origin);
    next();
  };
}
