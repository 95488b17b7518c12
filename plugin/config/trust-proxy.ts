import { isIP, isIPv4 } from 'node:net';
import { RantevouConfigError } from './options.js';

/** What Express's `trust proxy` setting takes, once read from text. */
export type TrustProxySetting = boolean | number | string[];

/** The names Express (proxy-addr) knows for address ranges. */
const RANGE_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Reads a `trust proxy` setting from text (an environment variable) as Express means it: a number of
 * hops (`1`), `true`/`false`, or a comma list of range names (`loopback`, `linklocal`,
 * `uniquelocal`), addresses and CIDR blocks (`10.0.0.0/8`, `::1/128`, `10.0.0.0/255.0.0.0`).
 * Unset or empty means undefined (trust nothing). Anything else is refused with a coded error, because
 * passing text straight to Express reads `1` as the address 0.0.0.1 and crashes on `true`: behind a TLS
 * proxy the cookies then lose `Secure`, every staff write fails the Origin check and all citizens share
 * the proxy's rate-limit bucket.
 */
export function parseTrustProxy(text: string | undefined, name = 'TRUST_PROXY'): TrustProxySetting | undefined {
  const value = text?.trim() ?? '';
  if (value === '') return undefined;
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim());
  const bad = entries.filter((e) => !RANGE_NAMES.has(e) && !isAddressOrBlock(e));
  if (bad.length > 0) {
    throw new RantevouConfigError(
      'trust-proxy',
      `${name}=${JSON.stringify(text)} is not a trust-proxy setting (not understood: ${bad.map((b) => JSON.stringify(b)).join(', ')}). ` +
        'Use a number of proxy hops (1), true/false, or a comma list of loopback, linklocal, uniquelocal, addresses and CIDR blocks (10.0.0.0/8).',
    );
  }
  return entries;
}

function isAddressOrBlock(entry: string): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return isIP(entry) !== 0;
  const address = entry.slice(0, slash);
  const range = entry.slice(slash + 1);
  const family = isIP(address);
  if (family === 0) return false;
  if (/^\d+$/.test(range)) return Number(range) <= (family === 4 ? 32 : 128);
  return family === 4 && isIPv4(range) && isContiguousMask(range);
}

function isContiguousMask(mask: string): boolean {
  const bits = mask.split('.').reduce((n, part) => n * 256 + Number(part), 0);
  const inverted = ~bits >>> 0;
  return (inverted & (inverted + 1)) === 0;
}
