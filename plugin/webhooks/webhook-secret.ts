import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/**
 * A new signing secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. It is
 * shown once, at creation; the receiver keeps it to check `webhook-signature`.
 */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

const SEALED = 'enc:v1:';

/**
 * The secret as stored. HMAC signing needs the key itself (a hash of it cannot sign), so it cannot be
 * kept one-way like a device key: with the deployment's `WEBHOOKS_SECRET_KEY` it is sealed with
 * AES-256-GCM (a stolen database dump then signs nothing); without one it is kept as given.
 */
export function sealWebhookSecret(secret: string, key: string | null | undefined): string {
  if (!key) return secret;
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyBytes(key), iv);
  const sealed = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
  return `${SEALED}${Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64')}`;
}

/** The secret to sign with; throws when it is sealed and the key is missing or another. */
export function openWebhookSecret(stored: string, key: string | null | undefined): string {
  if (!stored.startsWith(SEALED)) return stored;
  if (!key) throw new Error('webhook secret is sealed but WEBHOOKS_SECRET_KEY is not set');
  const raw = Buffer.from(stored.slice(SEALED.length), 'base64');
  const decipher = createDecipheriv('aes-256-gcm', keyBytes(key), raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}

/** Any passphrase becomes a 256-bit key (a 64-hex-digit key is used as it is). */
function keyBytes(key: string): Buffer {
  return /^[0-9a-f]{64}$/i.test(key) ? Buffer.from(key, 'hex') : createHash('sha256').update(key, 'utf8').digest();
}

/** The three Standard Webhooks headers of one message (v1: HMAC-SHA256 over `id.timestamp.body`). */
export function webhookHeaders(secret: string, messageId: string, at: Date, body: string): Record<string, string> {
  const seconds = new Date(Math.floor(at.getTime() / 1000) * 1000);
  return {
    'webhook-id': messageId,
    'webhook-timestamp': String(seconds.getTime() / 1000),
    'webhook-signature': new Webhook(secret).sign(messageId, seconds, body),
  };
}
