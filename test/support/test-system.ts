import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { createDemoIdp, loadDemoAccounts, type DemoAccount } from '../../examples/demo-idp/demo-idp.js';
import { seedDemoData } from '../../examples/demo-data.js';
import { startHost } from '../../examples/server.js';
import { createSystemDatabase } from './test-database.js';
import type { Clock } from '../../plugin/domain/clock.js';

const CLIENT = { client_id: 'rantevou-test', client_secret: 'test-secret-0123456789-abcdefghij' };

/** What a test gets: the host in production mode on its own database, and an external identity provider. */
export type TestSystem = Awaited<ReturnType<typeof startTestSystem>>;

/**
 * Starts the whole system as production runs it: PostgreSQL (a fresh database; with
 * `TEST_DATABASE=pglite` the embedded default's PGlite instead), BullMQ on the real Redis (a database
 * number of its own), and an OpenID provider on another port that the plugin knows only by its issuer URL.
 */
export async function startTestSystem(
  label: string,
  {
    redisDb = 1,
    redisUrl: ownRedis,
    env = {},
    databasePort,
    accounts = [],
    clock,
  }: {
    redisDb?: number;
    /** Another Redis than the machine's (a test's own server). */ redisUrl?: string;
    /** More host environment. */ env?: Record<string, string>;
    /** Reach PostgreSQL through this port (a test's proxy) instead of its own. */ databasePort?: number;
    /** More people at the identity provider than the demo staff (give them roles with `env.ROLES_FILE`). */ accounts?: DemoAccount[];
    /** The plugin's clock (every rule's time; sign-in stays real); pass `ATTENDANCE_JOBS: '0'` too unless the jobs should tick on it. */ clock?: Clock;
  } = {},
) {
  const db = await createSystemDatabase(label);
  const idpApp = express();
  const idpServer = await listen(idpApp);
  const issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/idp`;
  const redisUrl = ownRedis ?? `redis://127.0.0.1:6379/${redisDb}`;
  const hostEnv = {
    PORT: '0',
    REDIS_URL: redisUrl,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.client_id,
    OIDC_CLIENT_SECRET: CLIENT.client_secret,
    ...env,
  };
  const database = databasePort ? { url: withPort(db.url, databasePort) } : db.options;
  const host = await startHost(hostEnv, { clock, database });
  const others: Awaited<ReturnType<typeof startHost>>[] = [];
  await seedDemoData(host.rantevou.orm);
  // post_logout_redirect_uris: «Αποσύνδεση» ends the session at the provider too, which sends the browser back here.
  const client = { ...CLIENT, redirect_uris: [`${host.url}/auth/callback`], post_logout_redirect_uris: [`${host.url}/`] };
  const idp = createDemoIdp({ issuer, clients: [client], accounts: [...loadDemoAccounts(), ...accounts] });
  idpApp.use('/idp', idp.handler);
  return {
    url: host.url,
    host,
    orm: host.rantevou.orm,
    /** Which database the plugin runs on. */
    database: db.kind,
    /** The PostgreSQL URL (throws on PGlite, which has none). */
    get databaseUrl() {
      return db.url;
    },
    redisUrl,
    /**
     * Another instance of the same host on the same database and Redis, as a second one behind a load
     * balancer (closed with the system). A staff member signs in on the first and their session cookie
     * works here too. `replicaUrls`: its read replicas.
     */
    async startAnotherHost({ replicaUrls }: { replicaUrls?: string[] } = {}) {
      const other = await startHost(hostEnv, { clock, database: replicaUrls ? { url: db.url, replicaUrls } : database });
      others.push(other);
      return other;
    },
    async close() {
      await Promise.all(others.map((o) => o.close()));
      await host.close();
      await new Promise((resolve) => idpServer.close(resolve));
      await db.drop();
    },
  };
}

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
}

function withPort(url: string, port: number): string {
  const u = new URL(url);
  u.port = String(port);
  return u.href;
}
