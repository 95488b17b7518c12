/**
 * Instances starting together (issue 13, item 4): any number of plugin instances and `npm run migrate`
 * may bring one database up to date at the same moment, an empty one or an outdated one.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';
import pg from 'pg';
import { migrationsList } from '../../migrations/index.js';
import { openDatabase } from '../../plugin/db/orm.js';
import { createTestDatabase } from '../support/test-database.js';

const ALL = migrationsList.map((m) => m.name);

/** `npm run migrate` as an operator runs it, in its own process. */
function runMigrateCli(databaseUrl: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'migrations/cli.ts'], {
    cwd: new URL('../..', import.meta.url),
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** Two instances (each its own connection pool, as two processes have) and the migrate command, started at once. */
async function startThreeAtOnce(databaseUrl: string) {
  const [a, b, cli] = await Promise.allSettled([openDatabase({ url: databaseUrl }), openDatabase({ url: databaseUrl }), runMigrateCli(databaseUrl)]);
  await Promise.all([a, b].map((r) => (r.status === 'fulfilled' ? r.value.close(true) : undefined)));
  return { a, b, cli };
}

async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query<{ name: string }>('select name from mikro_orm_migrations order by id')).rows.map((r) => r.name);
  } finally {
    await client.end();
  }
}

describe('instances starting together on one database', function () {
  this.timeout(90_000);

  for (const start of ['empty', 'outdated'] as const) {
    it(`brings an ${start} database up to date once, with every instance and the migrate command succeeding`, async () => {
      const db = await createTestDatabase(`together_${start}`);
      try {
        if (start === 'outdated') {
          const old = await openDatabase({ url: db.url }, { migrate: false });
          await old.migrator.up({ to: ALL[3]! });
          await old.close(true);
          expect(await appliedMigrations(db.url)).to.deep.equal(ALL.slice(0, 4));
        }
        const { a, b, cli } = await startThreeAtOnce(db.url);
        expect(a.status, String(a.status === 'rejected' && a.reason)).to.equal('fulfilled');
        expect(b.status, String(b.status === 'rejected' && b.reason)).to.equal('fulfilled');
        expect(cli.status === 'fulfilled' && cli.value.code, cli.status === 'fulfilled' ? cli.value.output : '').to.equal(0);
        expect(await appliedMigrations(db.url)).to.deep.equal(ALL);
      } finally {
        await db.drop();
      }
    });
  }

  it('still migrates the embedded PGlite, which has one process and one connection', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rantevou-pglite-'));
    try {
      const orm = await openDatabase({ embeddedDir: dir });
      const rows: { name: string }[] = await orm.em.fork().getConnection().execute('select name from mikro_orm_migrations order by id');
      expect(rows.map((r) => r.name)).to.deep.equal(ALL);
      await orm.close(true);
      const again = await openDatabase({ embeddedDir: dir });
      expect(await again.migrator.getPending()).to.deep.equal([]);
      await again.close(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
