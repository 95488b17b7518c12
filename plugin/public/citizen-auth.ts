import type { MikroORM } from '@mikro-orm/core';
import type { Request, RequestHandler } from 'express';
import { CitizenToken } from '../db/citizen-token.entity.js';
import { AppError } from '../http/app-error.js';
import type { Citizen } from './public-settings.js';
import { hashSecret, newSecret } from '../auth/secrets.js';

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** The citizen named by a valid `Authorization: Bearer` token of the public API. */
      citizen?: Citizen;
    }
  }
}

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/**
 * Reads `Authorization: Bearer <token>` and, when the token is live, sets `req.citizen`. The public
 * API takes no cookies: a page on another origin (gov.gr) sends the token it got from the sign-in
 * popup, so nothing is sent by the browser on its own and there is nothing to forge (no CSRF).
 */
export function loadCitizen(orm: MikroORM): RequestHandler {
  return async (req, _res, next) => {
    const match = BEARER.exec(req.get('authorization') ?? '');
    if (!match) return next();
    const row = await orm.em.findOne(CitizenToken, { tokenHash: hashSecret(match[1]!), expiresAt: { $gt: new Date() } });
    if (row) req.citizen = { sub: row.sub, name: row.name, email: row.email ?? null, givenName: row.givenName ?? null, familyName: row.familyName ?? null, taxId: row.taxId ?? null };
    next();
  };
}

/** The signed-in citizen, or 401 (the widget then opens the sign-in popup). */
export function requireCitizen(req: Request): Citizen {
  if (!req.citizen) {
    throw new AppError(401, 'citizen-unauthenticated', 'Συνδεθείτε με τους κωδικούς σας για να συνεχίσετε.');
  }
  return req.citizen;
}

/** Issues a bearer token for a citizen who just signed in; only its hash is stored. */
export async function issueCitizenToken(orm: MikroORM, citizen: Citizen, minutes: number): Promise<{ token: string; expiresAt: Date }> {
  const token = newSecret();
  // The machine's clock, not the plugin's: the widget compares `expiresAt` with the browser's clock,
  // so a token is a sign-in like a staff session, in real time (see `clock` in config/options.ts).
  const expiresAt = new Date(Date.now() + minutes * 60_000);
  const em = orm.em.fork();
  em.create(CitizenToken, {
    tokenHash: hashSecret(token),
    sub: citizen.sub,
    name: citizen.name,
    email: citizen.email,
    givenName: citizen.givenName ?? null,
    familyName: citizen.familyName ?? null,
    taxId: citizen.taxId ?? null,
    expiresAt,
  });
  await em.flush();
  return { token, expiresAt };
}
