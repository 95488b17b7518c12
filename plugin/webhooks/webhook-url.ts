import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Addresses a webhook may not reach unless the deployment allows it: loopback, private, link-local and the like. */
const PRIVATE = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) PRIVATE.addSubnet(net, bits, 'ipv6');

/** Whether an address is one a webhook must not reach (an IPv4-mapped IPv6 address is judged as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Thrown when a URL or what its name resolves to is refused; the message is for the administrator, in Greek. */
export class WebhookUrlRefused extends Error {
  override name = 'WebhookUrlRefused';
}

/**
 * Checks a subscription's URL: https (http only where private URLs are allowed, for a test or a demo
 * receiver), no credentials in it, and a host whose every address is public unless `allowPrivate`.
 */
export async function checkWebhookUrl(raw: string, allowPrivate: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefused('Η διεύθυνση δεν είναι έγκυρη.');
  }
  if (url.protocol !== 'https:' && !(allowPrivate && url.protocol === 'http:')) throw new WebhookUrlRefused('Η διεύθυνση πρέπει να είναι https://.');
  if (url.username || url.password) throw new WebhookUrlRefused('Η διεύθυνση δεν μπορεί να περιέχει όνομα χρήστη ή κωδικό.');
  if (url.hash) throw new WebhookUrlRefused('Η διεύθυνση δεν μπορεί να έχει τμήμα #.');
  if (!allowPrivate) {
    const addresses = await resolveAll(url.hostname);
    if (addresses.length === 0) throw new WebhookUrlRefused('Το όνομα της διεύθυνσης δεν αντιστοιχεί σε καμία IP.');
    if (addresses.some(isPrivateAddress)) throw new WebhookUrlRefused('Η διεύθυνση οδηγεί σε εσωτερικό δίκτυο (loopback, ιδιωτική ή link-local IP) και δεν επιτρέπεται.');
  }
  return url;
}

/**
 * The `lookup` of a delivery's connection: the name is resolved once more when the delivery connects
 * and the connection goes to exactly the address checked here, so a name that pointed at a public
 * address at subscription and points inside now (DNS rebinding) is refused.
 */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const refused = !allowPrivate && addresses.some((a) => isPrivateAddress(a.address));
      if (refused || addresses.length === 0) return callback(new WebhookUrlRefused('refused: the name resolves to a private address'), '', 0);
      if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      return callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function resolveAll(hostname: string): Promise<string[]> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare)) return Promise.resolve([bare]);
  return new Promise((resolve) => dnsLookup(bare, { all: true }, (err, addresses) => resolve(err ? [] : addresses.map((a) => a.address))));
}
