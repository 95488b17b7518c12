import { createHash } from 'node:crypto';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { AppError } from '../http/app-error.js';

/** A stored answer to replay. */
export interface StoredResponse {
  status: number;
  body: Record<string, unknown>;
}

const KEY = /^[\x21-\x7e]{1,200}$/;

/** The `Idempotency-Key` header: required, 1–200 visible ASCII characters (a UUID is usual). */
export function idempotencyKeyOf(header: string | undefined): string {
  if (header === undefined || header.trim() === '') {
    throw new AppError(400, 'idempotency-key-required', 'Λείπει η κεφαλίδα Idempotency-Key: ένα τυχαίο αναγνωριστικό ανά κράτηση, ώστε ένα διπλό κλικ να κλείνει ένα μόνο ραντεβού.');
  }
  const key = header.trim();
  if (!KEY.test(key)) throw new AppError(400, 'bad-idempotency-key', 'Η κεφαλίδα Idempotency-Key έχει έως 200 ορατούς χαρακτήρες ASCII.');
  return key;
}

/** The SHA-256 of a JSON body with its keys in a fixed order: the same request, however its keys are ordered. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(body))).digest('hex');
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * Claims the key for this request inside the caller's transaction. Returns null when the request is
 * new (the caller does the work and records its answer in the same transaction: the booking's one
 * statement, `citizenBookingQueries.bookHeld`); the stored answer when the same
 * request came before; 422 when the key came with another body. A concurrent twin waits on the
 * key's unique index until the first commits (then replays) or rolls back (then does the work).
 */
export async function claimIdempotencyKey(em: SqlEntityManager, citizenSub: string, key: string, hash: string): Promise<StoredResponse | null> {
  const claimed = await em.execute<{ key: string }[]>(
    `insert into idempotency_key (citizen_sub, key, request_hash) values (?, ?, ?) on conflict do nothing returning key`,
    [citizenSub, key, hash],
  );
  if (claimed.length > 0) return null;
  const [row] = await em.execute<{ request_hash: string; response_status: number | null; response_body: Record<string, unknown> | null }[]>(
    `select request_hash, response_status, response_body from idempotency_key where citizen_sub = ? and key = ?`,
    [citizenSub, key],
  );
  if (!row) throw new AppError(409, 'idempotency-in-progress', 'Το ίδιο αίτημα εκτελείται ήδη. Δοκιμάστε ξανά σε λίγο.');
  if (row.request_hash !== hash) {
    throw new AppError(422, 'idempotency-key-reused', 'Το Idempotency-Key έχει ήδη χρησιμοποιηθεί για διαφορετικό αίτημα. Στείλτε νέο κλειδί για νέα κράτηση.');
  }
  if (row.response_status === null || row.response_body === null) throw new AppError(409, 'idempotency-in-progress', 'Το ίδιο αίτημα εκτελείται ήδη. Δοκιμάστε ξανά σε λίγο.');
  return { status: row.response_status, body: row.response_body };
}

/** Lets a claimed key go with the work it guarded, for an outcome that commits but is not an answer to replay. */
export async function releaseIdempotencyKey(em: SqlEntityManager, citizenSub: string, key: string): Promise<void> {
  await em.execute(`delete from idempotency_key where citizen_sub = ? and key = ?`, [citizenSub, key]);
}
