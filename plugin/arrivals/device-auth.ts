import type { MikroORM } from '@mikro-orm/core';
import type { Request, Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { limiterLogger, type RateLimitStores } from '../http/rate-limit-stores.js';
import { hashSecret } from '../auth/secrets.js';
import type { StaffUser } from '../auth/session-data.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import type { Clock } from '../domain/clock.js';
import { AppError, notFound } from '../http/app-error.js';
import { assertCanWrite } from '../http/caller-scope.js';
import { assertReader } from '../http/store-access.js';
import { arrivalQueries, type DeviceKind, type DeviceRow } from './arrival.queries.js';

/** Failed key attempts one client may make in {@link FAILED_KEY_WINDOW_MS} before every attempt answers 429. */
export const FAILED_KEY_LIMIT = 10;
const FAILED_KEY_WINDOW_MS = 15 * 60_000;

const BEARER = /^Bearer ([A-Za-z0-9_-]{20,100})$/;

/**
 * Who records an arrival: a device of the KEP by its key (`Authorization: Bearer`), or a staff member
 * of the KEP by the session cookie (whose CSRF check `requireCsrf` already made; a device sends no
 * cookie, so it has none to make).
 *
 * A device acts through the same status change as staff (one attendance mechanism), as an actor of
 * exactly its one KEP with an operator's right to record attendance; the audit names it
 * `device:<id>`. It gets no session, so every other route, which asks for staff, answers it 401.
 */
export async function arrivalCaller(orm: MikroORM, req: Request, res: Response, storeId: string, { now, limit }: { now: Clock; limit: FailedKeyLimit }): Promise<StaffUser> {
  const authorization = req.get('authorization');
  if (authorization === undefined) {
    const user = requireStaff(req);
    assertReader(user, storeId);
    assertCanWrite(user, storeId);
    return user;
  }
  const device = await deviceCaller(orm, req, res, storeId, 'arrivals', { now, limit });
  return { sub: `device:${device.id}`, name: device.name, email: null, grants: [{ storeId, role: 'operator' }], grantsAt: Date.now(), csrfToken: '' };
}

/**
 * The device of the KEP whose key the request carries (`Authorization: Bearer`), of the one kind the
 * route serves: unknown or revoked answers 401 (and counts against the client's failed attempts),
 * another KEP's device 404, a key of the other kind 403 (a display key records no arrival, a kiosk's
 * key opens no display).
 */
export async function deviceCaller(orm: MikroORM, req: Request, res: Response, storeId: string, kind: DeviceKind, { now, limit }: { now: Clock; limit: FailedKeyLimit }): Promise<DeviceRow> {
  await limit.check(req);
  const key = BEARER.exec(req.get('authorization') ?? '')?.[1];
  const device = key ? await arrivalQueries.useDevice(orm.em.fork(), hashSecret(key), now()) : null;
  if (!device) {
    await limit.count(req, res);
    throw new AppError(401, 'device-key', 'Το κλειδί της συσκευής δεν ισχύει (άγνωστο ή ανακλημένο). Ζητήστε νέο από τον Διαχειριστή του ΚΕΠ.');
  }
  if (device.storeId !== storeId) throw notFound();
  if (device.kind !== kind) {
    throw new AppError(403, 'device-scope', kind === 'display' ? 'Το κλειδί αυτό είναι μηχανήματος αφίξεων, όχι οθόνης κλήσεων.' : 'Το κλειδί αυτό είναι οθόνης κλήσεων: δεν καταγράφει αφίξεις.');
  }
  return device;
}

/** The failed key attempts of a client: checked before a key is looked up, counted when one fails. */
export interface FailedKeyLimit {
  /** 429 when the client has used up its failed attempts: even a right guess is not looked at then. */
  check(req: Request): Promise<void>;
  /** Counts a failed attempt; the one past the limit answers 429 instead of 401. */
  count(req: Request, res: Response): Promise<void>;
}

/**
 * Limits the failed key attempts per client IP (express-rate-limit, the public API's mechanism).
 * Only failures count, so a KEP's several kiosks behind one address, checking in at once, are never
 * slowed; a guesser is stopped after {@link FAILED_KEY_LIMIT}, on the arrivals and the display
 * alike (one limit for both). Counted where the public limits count: in Redis, shared by every
 * process and instance, when the deployment has one for them. While that Redis is down the key is
 * looked up unlimited rather than every kiosk refused: a 256-bit key is not guessed in an outage.
 */
export function failedKeyLimit(stores: RateLimitStores): FailedKeyLimit {
  const tooMany = () => new AppError(429, 'rate-limited', 'Πάρα πολλές αποτυχημένες προσπάθειες με κλειδί συσκευής. Δοκιμάστε ξανά σε λίγα λεπτά.');
  const client = (req: Request) => ipKeyGenerator(req.ip ?? '');
  const limiter = rateLimit({
    windowMs: FAILED_KEY_WINDOW_MS,
    limit: FAILED_KEY_LIMIT,
    keyGenerator: client,
    identifier: 'device-keys',
    store: stores.store('device-keys'),
    passOnStoreError: true,
    logger: limiterLogger,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, _res, next) => next(tooMany()),
  });
  return {
    async check(req) {
      const hits = await Promise.resolve(limiter.getKey(client(req))).then((k) => k?.totalHits ?? 0, () => 0);
      if (hits >= FAILED_KEY_LIMIT) throw tooMany();
    },
    count: (req, res) => new Promise<void>((resolve, reject) => void limiter(req, res, (err?: unknown) => (err ? reject(err) : resolve()))),
  };
}
