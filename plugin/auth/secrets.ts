import { createHash, randomBytes } from 'node:crypto';

/** A fresh 256-bit secret for a URL or a header (base64url). */
export function newSecret(): string {
  return randomBytes(32).toString('base64url');
}

/** The SHA-256 (hex) a secret is stored as: a leaked table hands out nothing that works. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
