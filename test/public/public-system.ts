import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Redis } from 'ioredis';
import { createDemoIdp, loadDemoAccounts } from '../../examples/demo-idp/demo-idp.js';
import { seedDemoData } from '../../examples/demo-data.js';
import { loadDemoCitizens } from '../../examples/public-booking-setup.js';
import { startHost } from '../../examples/server.js';
import { Queue } from '../../plugin/db/queue.entity.js';
import { Store } from '../../plugin/db/store.entity.js';
import { issueCitizenToken } from '../../plugin/public/citizen-auth.js';
import { createSystemDatabase } from '../support/test-database.js';

const STAFF_CLIENT = { client_id: 'rantevou-test', client_secret: 'test-secret-0123456789-abcdefghij' };
const CITIZEN_CLIENT = { client_id: 'rantevou-citizen-test', client_secret: 'citizen-secret-0123456789-abcdefgh' };

/** The gov.gr-style page origin the tests embed the booking from. */
export const GOVGR_ORIGIN = 'https://www.gov.gr.example';

/**
 * The Redis database of the public-booking tests and bench (no worker reads it; it is emptied around
 * each run). The numbers 24–27 first planned for this do not exist: Redis has 16 databases here and in
 * CI, and 10 is the one no other test uses.
 */
export const PUBLIC_REDIS_DB = 10;

/** The system a public-booking test runs against. */
export type PublicSystem = Awaited<ReturnType<typeof startPublicSystem>>;

/**
 * The whole system as production runs it (a fresh PostgreSQL database, BullMQ on its own Redis
 * database, staff and citizen OpenID providers on another port that the plugin knows only by their
 * issuer URLs), with the public booking configured through the host's environment.
 */
export async function startPublicSystem(
  label: string,
  { redisDb = PUBLIC_REDIS_DB, env = {}, clock }: { redisDb?: number; env?: Record<string, string>; /** The server's time (a `TestClock`'s `now`). */ clock?: () => Date } = {},
) {
  const db = await createSystemDatabase(label);
  const redisUrl = `redis://127.0.0.1:6379/${redisDb}`;
  await flushRedis(redisUrl);
  const idpApp = express();
  const idpServer = await listen(idpApp);
  const idpBase = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
  const host = await startHost({
    PORT: '0',
    REDIS_URL: redisUrl,
    OIDC_ISSUER: `${idpBase}/idp`,
    OIDC_CLIENT_ID: STAFF_CLIENT.client_id,
    OIDC_CLIENT_SECRET: STAFF_CLIENT.client_secret,
    CITIZEN_OIDC_ISSUER: `${idpBase}/citizen-idp`,
    CITIZEN_OIDC_CLIENT_ID: CITIZEN_CLIENT.client_id,
    CITIZEN_OIDC_CLIENT_SECRET: CITIZEN_CLIENT.client_secret,
    PUBLIC_ORIGINS: GOVGR_ORIGIN,
    ...env,
  }, { clock, database: db.options }).catch(async (err: unknown) => {
    await new Promise((resolve) => idpServer.close(resolve));
    await db.drop();
    throw err;
  });
  await seedDemoData(host.rantevou.orm);
  const staffIdp = createDemoIdp({ issuer: `${idpBase}/idp`, clients: [{ ...STAFF_CLIENT, redirect_uris: [`${host.url}/auth/callback`] }], accounts: loadDemoAccounts() });
  const citizenIdp = createDemoIdp({
    issuer: `${idpBase}/citizen-idp`,
    clients: [{ ...CITIZEN_CLIENT, redirect_uris: [`${host.url}/api/v1/public/auth/callback`] }],
    accounts: loadDemoCitizens(),
  });
  idpApp.use('/idp', staffIdp.handler);
  idpApp.use('/citizen-idp', citizenIdp.handler);
  const orm = host.rantevou.orm;
  const em = orm.em.fork();
  const athens = (await em.findOne(Store, { code: 'KEP-ATH-0101' }))!;
  const heraklion = (await em.findOne(Store, { code: 'KEP-HER-0301' }))!;
  const videoQueue = (await em.findOne(Queue, { store: athens, mode: 'video' }))!;
  return {
    url: host.url,
    host,
    orm,
    stores: { athens: athens.id, heraklion: heraklion.id },
    videoQueueId: videoQueue.id,
    /** A citizen signed in (the token is created as the callback would, straight in the database). */
    async citizen(sub: string, name = 'Δοκιμαστικός Πολίτης') {
      const { token } = await issueCitizenToken(orm, { sub, name, email: `${sub}@citizen.example.gr` }, 120);
      return new CitizenClient(host.url, token);
    },
    async close() {
      await host.close();
      await new Promise((resolve) => idpServer.close(resolve));
      await db.drop();
      await flushRedis(redisUrl);
    },
  };
}

/** A citizen's HTTP client for the public API: bearer token, JSON, and the page's Origin. */
export class CitizenClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  get(path: string, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, { headers: { authorization: `Bearer ${this.token}`, origin: GOVGR_ORIGIN, ...headers } });
  }

  post(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${this.token}`, origin: GOVGR_ORIGIN, 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
  }

  /** Holds a slot and books it with a fresh Idempotency-Key; returns both answers. */
  async holdAndBook(hold: Record<string, unknown>, booking: Record<string, unknown> = {}) {
    const held = await this.post('/api/v1/public/holds', hold);
    if (held.status !== 201) return { held, booked: null };
    const { holdId } = await held.clone().json();
    const booked = await this.post(
      '/api/v1/public/bookings',
      { holdId, firstName: 'Δημήτρης', lastName: 'Αλεξίου', email: 'dimitris@citizen.example.gr', language: 'el', ...booking },
      { 'idempotency-key': crypto.randomUUID() },
    );
    return { held, booked };
  }
}

/** The free public slots (starts, ISO) of a KEP from tomorrow on, in order; `now`: the server's time, when a test pins it. */
export async function freeStarts(baseUrl: string, storeId: string, mode: 'in_person' | 'video' = 'in_person', days = 14, now = new Date()): Promise<string[]> {
  const from = new Date(now.getTime() + 86_400_000).toISOString().slice(0, 10);
  const to = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  const res = await fetch(`${baseUrl}/api/v1/public/stores/${storeId}/availability?from=${from}&to=${to}&mode=${mode}`);
  if (res.status !== 200) throw new Error(`availability answered ${res.status}`);
  const body = (await res.json()) as { days: { slots: { startsAt: string }[] }[] };
  return body.days.flatMap((d) => d.slots.map((s) => s.startsAt));
}

async function flushRedis(url: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  await redis.flushdb();
  redis.disconnect();
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}
