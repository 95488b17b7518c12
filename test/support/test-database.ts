import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteConnection } from '@mikro-orm/pglite';
import pg from 'pg';
import { openDatabase, type DatabaseOptions } from '../../plugin/db/orm.js';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The databases the system tests run the plugin on. */
export type TestDatabaseKind = 'postgresql' | 'pglite';

/**
 * The database of this test run: PostgreSQL, or with `TEST_DATABASE=pglite` the embedded default's
 * PGlite (the second run of `npm test`, `npm run test:pglite`).
 */
export const TEST_DATABASE: TestDatabaseKind = testDatabaseKind(process.env.TEST_DATABASE);

/** A PostgreSQL database of its own for one test file, created empty and dropped afterwards. */
export async function createTestDatabase(label: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `rantevou_test_${label}_${process.pid}_${Date.now().toString(36)}`.replace(/[^a-z0-9_]/g, '_');
  await adminQuery(`create database ${name}`);
  const admin = new URL(ADMIN_URL);
  admin.pathname = `/${name}`;
  return {
    url: admin.href,
    drop: () => adminQuery(`drop database if exists ${name} with (force)`),
  };
}

/** The plugin's database of a system test: on {@link TEST_DATABASE}, empty, removed afterwards. */
export interface SystemDatabase {
  kind: TestDatabaseKind;
  /** What the host hands the plugin (`startHost(env, { database })`). */
  options: DatabaseOptions;
  /** The PostgreSQL URL, for a test that reaches the database itself; PGlite has none, so it throws. */
  readonly url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database for one system test file. On PGlite it is a folder of its own, as `npm start`
 * keeps its DATA_DIR: a copy of one migrated PGlite cluster that the run makes once (PGlite's initdb
 * and the migrations take seconds under load; a copy, well under one), and the plugin brings it up to
 * date with the very same migrations when it starts.
 */
export async function createSystemDatabase(label: string, kind: TestDatabaseKind = TEST_DATABASE): Promise<SystemDatabase> {
  if (kind === 'postgresql') {
    const db = await createTestDatabase(label);
    return { kind, options: { url: db.url }, url: db.url, drop: db.drop };
  }
  const dir = mkdtempSync(join(tmpdir(), `rantevou-pglite-${label}-`));
  await (await PGlite.create(dir, { loadDataDir: await migratedPglite() })).close();
  return {
    kind,
    options: { embeddedDir: dir },
    get url(): string {
      throw new Error(`${label}: this test reaches PostgreSQL itself (a URL); PGlite has none. Leave it out of the PGlite run (test/pglite.mocharc.cjs) and say why.`);
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

let migrated: Promise<Blob> | undefined;

/**
 * The data folder of a PGlite cluster that the plugin migrated, as a tar, made once per run (the
 * PGlite run makes it before its first test: test/support/pglite-run.ts).
 */
export function migratedPglite(): Promise<Blob> {
  return (migrated ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rantevou-pglite-template-'));
    const orm = await openDatabase({ embeddedDir: dir });
    try {
      // Our own PGlite (plugin/db/pglite-readers.ts), not the copy @mikro-orm/pglite's typings name.
      const pglite = (await (orm.em.getConnection() as unknown as PgliteConnection).getNativeClient()) as unknown as PGlite;
      return await pglite.dumpDataDir('none');
    } finally {
      await orm.close(true);
      rmSync(dir, { recursive: true, force: true });
    }
  })());
}

function testDatabaseKind(value: string | undefined): TestDatabaseKind {
  if (value === undefined || value === '' || value === 'postgresql') return 'postgresql';
  if (value === 'pglite') return 'pglite';
  throw new Error(`TEST_DATABASE=${value}: use postgresql (the default) or pglite.`);
}

async function adminQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
