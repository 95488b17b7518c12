import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MikroORM } from '@mikro-orm/core';
import express from 'express';
import { loadExtraDemoAccounts } from '../../../examples/demo-counter/demo-counter.js';
import { seedDemoData } from '../../../examples/demo-data.js';
import { createDemoIdp, loadDemoAccounts } from '../../../examples/demo-idp/demo-idp.js';
import { startHost } from '../../../examples/server.js';
import { Queue } from '../../../plugin/db/queue.entity.js';
import { Store } from '../../../plugin/db/store.entity.js';
import { createSystemDatabase } from '../../support/test-database.js';
import { startOwnRedis } from './own-redis.js';

const CLIENT = { client_id: 'rantevou-attendance', client_secret: 'attendance-secret-0123456789-abcdef' };
const DEMO_ROLES = fileURLToPath(new URL('../../../examples/demo-roles.json', import.meta.url));

/** The demo KEPs by code, with their default queue (and the video queue of the first). */
export interface DemoKeps {
  ath: { store: Store; queue: Queue; video: Queue };
  the: { store: Store; queue: Queue };
  her: { store: Store; queue: Queue };
}

/** What an attendance test gets. */
export type AttendanceSystem = Awaited<ReturnType<typeof startAttendanceSystem>>;

/**
 * The whole system in production mode (PostgreSQL of its own, BullMQ on database `redisDb` of a Redis
 * server of its own, an external OpenID provider), like `startTestSystem`, plus a central supervisor (`demo-supervisor`) in
 * the roles file and at the identity provider, and with the attendance scheduler off: the tests run
 * the jobs themselves, each with the `now` it needs.
 */
export async function startAttendanceSystem(label: string, { redisDb, clock }: { redisDb: number; /** The plugin's attendance clock (status changes); the jobs take their own `now`. */ clock?: () => Date }) {
  const redis = await startOwnRedis();
  const db = await createSystemDatabase(label);
  const dir = mkdtempSync(join(tmpdir(), 'rantevou-attendance-'));
  const rolesFile = join(dir, 'roles.json');
  const roles = { ...JSON.parse(readFileSync(DEMO_ROLES, 'utf8')), 'demo-supervisor': { stores: [], supervisor: true } };
  writeFileSync(rolesFile, JSON.stringify(roles));
  const idpApp = express();
  const idpServer = await new Promise<Server>((resolve) => {
    const s = idpApp.listen(0, '127.0.0.1', () => resolve(s));
  });
  const issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}/idp`;
  const redisUrl = redis.url(redisDb);
  const host = await startHost({
    PORT: '0',
    REDIS_URL: redisUrl,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: CLIENT.client_id,
    OIDC_CLIENT_SECRET: CLIENT.client_secret,
    ROLES_FILE: rolesFile,
    ATTENDANCE_JOBS: '0',
  }, { clock, database: db.options });
  await seedDemoData(host.rantevou.orm);
  const accounts = [...loadDemoAccounts(), ...loadExtraDemoAccounts().filter((a) => a.sub === 'demo-supervisor')];
  const idp = createDemoIdp({ issuer, clients: [{ ...CLIENT, redirect_uris: [`${host.url}/auth/callback`] }], accounts });
  idpApp.use('/idp', idp.handler);
  return {
    url: host.url,
    orm: host.rantevou.orm as MikroORM,
    rantevou: host.rantevou,
    /** The PostgreSQL URL (throws on PGlite, which has none). */
    get databaseUrl() {
      return db.url;
    },
    redisUrl,
    rolesFile,
    keps: () => demoKeps(host.rantevou.orm),
    async close() {
      await host.close();
      await new Promise((resolve) => idpServer.close(resolve));
      await db.drop();
      await redis.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function demoKeps(orm: MikroORM): Promise<DemoKeps> {
  const em = orm.em.fork();
  const queues = await em.find(Queue, {}, { populate: ['store'] });
  const of = (code: string, mode: 'in_person' | 'video' = 'in_person') => queues.find((q) => q.store.code === code && q.mode === mode)!;
  return {
    ath: { store: of('KEP-ATH-0101').store, queue: of('KEP-ATH-0101'), video: of('KEP-ATH-0101', 'video') },
    the: { store: of('KEP-THE-0201').store, queue: of('KEP-THE-0201') },
    her: { store: of('KEP-HER-0301').store, queue: of('KEP-HER-0301') },
  };
}
