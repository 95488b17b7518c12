import type { Request, RequestHandler } from 'express';
import { AppError } from './app-error.js';

const WRITES = new Set(['POST', 'PUT', 'PATCH']);
const FORM = 'application/x-www-form-urlencoded';

/** What {@link refuseNonJsonBodies} lets through besides JSON. */
export interface JsonBodyOptions {
  /**
   * Paths (relative to where the middleware is mounted) that receive HTML form posts instead: the
   * SAML bindings (ACS, single logout) post `application/x-www-form-urlencoded` from the IdP's page.
   */
  formPaths?: readonly RegExp[];
}

/**
 * Every write that carries a body must say it is JSON (`application/json` or a `+json` type), else
 * 415 problem+json and nothing happens. Without this the JSON parser skips a `text/plain` body and the
 * route sees an empty one: a PATCH answered 200, changed nothing and still left an audit event. It also
 * keeps the cookie-less public API (a manage link's token is in the URL) out of reach of the "simple"
 * cross-site requests (`text/plain`, forms) that a browser sends without a CORS preflight.
 * A write without a body (a POST that only names an action) passes.
 */
export function refuseNonJsonBodies({ formPaths = [] }: JsonBodyOptions = {}): RequestHandler {
  return (req, _res, next) => {
    if (!WRITES.has(req.method) || !hasBody(req)) return next();
    if (req.is(['application/json', '+json'])) return next();
    if (req.is(FORM) && formPaths.some((p) => p.test(req.path))) return next();
    throw new AppError(415, 'unsupported-media-type', 'Το σώμα του αιτήματος πρέπει να είναι JSON (Content-Type: application/json).');
  };
}

function hasBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}
