import type { Request } from 'express';

/** The origin this request was addressed to, as the browser sees it (honours `trust proxy`). */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/**
 * Where the plugin is reached from outside: the configured public URL, or else this request's origin
 * and the plugin's mount path (what comes before `/api/v1/public` in the router's base URL).
 */
export function baseUrlOf(req: Request, publicUrl?: string): string {
  if (publicUrl) return publicUrl.replace(/\/$/, '');
  const mount = req.baseUrl.replace(/\/api\/v1\/public(\/.*)?$/, '');
  return `${ownOrigin(req)}${mount}`;
}
