import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { Router } from 'express';
import { hashSecret, newSecret } from '../auth/secrets.js';
import { AppError } from '../http/app-error.js';
import { systemClock } from '../domain/clock.js';
import { findPriorityToken, priorityViewHandler } from './priority.routes.js';

const INVALID = 'Ο σύνδεσμος προτεραιότητας δεν ισχύει για αυτό το ΚΕΠ (έληξε, χρησιμοποιήθηκε ήδη ή δεν υπάρχει).';

/** What a valid priority token grants a hold: its hash, which the hold keeps until the booking uses it. */
export interface PriorityGrant {
  tokenHash: string;
}

/**
 * The grant of a "book again first in line" token for a KEP, null when none was given, or 400 on
 * `priorityToken` when it is not valid for this KEP now (unknown, not yet or no longer valid, used,
 * or another KEP's): the citizen is told at once rather than shown the ordinary times as if it had worked.
 * The defaults of `now` here last only until the booking paths pass the plugin's clock (issue 14).
 */
export async function priorityGrant(em: EntityManager, token: string | undefined, storeId: string, now: Date = systemClock()): Promise<PriorityGrant | null> {
  if (token === undefined) return null;
  const found = await findPriorityToken(em.fork(), token, now);
  const row = found?.row;
  if (!row || row.usedAt != null || row.validFrom.getTime() > now.getTime() || row.storeId !== storeId) {
    throw new AppError(400, 'validation', INVALID, { errors: [{ path: 'priorityToken', message: INVALID }] });
  }
  return { tokenHash: row.tokenHash };
}

/**
 * Uses up the token a hold was placed with, in the booking's transaction: the conditional UPDATE is
 * the single-use guarantee (of two bookings with one token, the second finds it used and its whole
 * transaction rolls back), and it also refuses a token that expired since the hold (at `now`).
 */
export async function usePriorityToken(em: SqlEntityManager, tokenHash: string, now: Date = systemClock()): Promise<void> {
  const used = await em.execute<{ token_hash: string }[]>(
    `update priority_token set used_at = ? where token_hash = ? and used_at is null and expires_at > ? returning token_hash`,
    [now, tokenHash, now],
  );
  if (used.length === 0) {
    throw new AppError(409, 'priority-used', 'Ο σύνδεσμος προτεραιότητας χρησιμοποιήθηκε ήδη.');
  }
}

/**
 * Gives the citizen of an appointment a "book again first in line" token, valid from `now` until
 * `expiresAt`, and answers it (only its hash is stored). One token per appointment: issuing again
 * (the waiting room's offer, then the end-of-day apology) replaces an unused one, so the newest link
 * works; once one was used, none is issued again (null).
 */
export async function issuePriorityToken(em: SqlEntityManager, a: { appointmentId: string; storeId: string; now: Date; expiresAt: Date }): Promise<string | null> {
  const token = newSecret();
  const rows = await em.execute<{ token_hash: string }[]>(
    `insert into priority_token (token_hash, appointment_id, store_id, valid_from, expires_at) values (?, ?, ?, ?, ?)
     on conflict (appointment_id) do update set token_hash = excluded.token_hash, valid_from = excluded.valid_from,
       expires_at = greatest(excluded.expires_at, priority_token.expires_at)
     where priority_token.used_at is null
     returning token_hash`,
    [hashSecret(token), a.appointmentId, a.storeId, a.now, a.expiresAt],
  );
  return rows.length > 0 ? token : null;
}

/** `GET /public/priority/:token`: the staff API's view of a token, with the public CORS and limits. */
export function publicPriorityRoutes(orm: MikroORM, now: () => Date): Router {
  const router = Router();
  router.get('/priority/:token', priorityViewHandler(orm, now));
  return router;
}
