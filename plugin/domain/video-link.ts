/** Where a video appointment meets unless configured otherwise: a Jitsi room named by the token. */
export const DEFAULT_VIDEO_LINK_TEMPLATE = 'https://meet.jit.si/kep-{token}';

/** Bytes of randomness in a meeting token: 128 bits, so a room cannot be guessed. */
export const VIDEO_TOKEN_BYTES = 16;

/**
 * What is wrong with a meeting link template, or null when it is fine: an absolute https URL (http
 * only for this machine) with exactly one `{token}` placeholder.
 */
export function videoLinkTemplateProblem(template: string): string | null {
  if (template.split('{token}').length !== 2) return 'must contain {token} exactly once';
  let url: URL;
  try {
    url = new URL(template.replace('{token}', 'x'));
  } catch {
    return 'must be an absolute URL';
  }
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) return 'must use https';
  return null;
}

/**
 * The meeting link of one appointment: the template with `{token}` replaced by the random bytes in
 * lower-case hex (safe in any path or query, and in every video service's room names).
 */
export function videoLinkFor(template: string, random: Uint8Array): string {
  if (random.length < VIDEO_TOKEN_BYTES) throw new RangeError(`a meeting token needs ${VIDEO_TOKEN_BYTES} random bytes`);
  const token = Array.from(random, (b) => b.toString(16).padStart(2, '0')).join('');
  return template.replace('{token}', token);
}
