import { z } from 'zod';
import { KEP_POSITIONS, rolesFromAssignments } from '../domain/roles.js';
import { RoleSourceUnavailableError, type RoleSource, type StaffRoles } from './role-source.js';

/** How to reach the counter (θυρίδες) application. */
export interface CounterAppSettings {
  /** Base URL of its staff API; we call `GET {url}/staff/{sub}`. */
  url: string;
  /** A bearer token, or basic credentials, sent with every call. */
  credentials?: { bearer: string } | { username: string; password: string };
  /** Give up after this long (default 3 s): a slow answer must not hold a sign-in for ever. */
  timeoutMs?: number;
  /** How long an answer may be reused (default 60 s). */
  cacheMs?: number;
}

/**
 * The counter application's answer for one person: the KEPs they work in and in what position,
 * and whether they belong to the directorate. `404` means the person is not known (no roles).
 */
export const CounterAppStaff = z.object({
  kepAssignments: z.array(z.object({ kepCode: z.string().min(1).max(32), position: z.enum(KEP_POSITIONS) })).max(500),
  directorate: z.boolean().default(false),
  /** Their work email, where the application has one; a malformed one is dropped, not a failure. */
  email: z.email().max(254).nullish().catch(null),
});
export type CounterAppStaff = z.infer<typeof CounterAppStaff>;

const MAX_CACHED = 10_000;

/**
 * The RoleSource of production: the counter application over HTTP, with a short cache. At sign-in
 * it always asks afresh (so a change shows at the next sign-in) and falls back to a cached answer
 * only while the application cannot be reached; with nothing fresh cached it fails closed.
 */
export function createCounterAppRoleSource(settings: CounterAppSettings): RoleSource {
  const base = settings.url.replace(/\/+$/, '');
  const timeoutMs = settings.timeoutMs ?? 3000;
  const cacheMs = settings.cacheMs ?? 60_000;
  const cache = new Map<string, { at: number; roles: StaffRoles }>();
  const headers: Record<string, string> = { accept: 'application/json' };
  const c = settings.credentials;
  if (c && 'bearer' in c) headers.authorization = `Bearer ${c.bearer}`;
  else if (c) headers.authorization = `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

  const fresh = (sub: string) => {
    const hit = cache.get(sub);
    return hit && Date.now() - hit.at <= cacheMs ? hit.roles : null;
  };

  async function ask(sub: string): Promise<StaffRoles> {
    const res = await fetch(`${base}/staff/${encodeURIComponent(sub)}`, { headers, signal: AbortSignal.timeout(timeoutMs), redirect: 'error' });
    if (res.status === 404) {
      await res.body?.cancel();
      return { stores: [], supervisor: false };
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new Error(`counter application answered ${res.status}`);
    }
    const body = CounterAppStaff.parse(await res.json());
    const roles = rolesFromAssignments(body.kepAssignments, body.directorate);
    return body.email ? { ...roles, email: body.email } : roles;
  }

  return {
    async rolesFor(identity, context) {
      const cached = fresh(identity.sub);
      if (cached && context?.reason !== 'sign-in') return cached;
      try {
        const roles = await ask(identity.sub);
        if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
        cache.delete(identity.sub);
        cache.set(identity.sub, { at: Date.now(), roles });
        return roles;
      } catch (err) {
        if (cached) return cached;
        throw new RoleSourceUnavailableError('the counter application cannot be reached', { cause: err });
      }
    },
  };
}
