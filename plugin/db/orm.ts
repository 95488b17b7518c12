import { btree_gin } from '@electric-sql/pglite/contrib/btree_gin';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import type { MikroORM } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PgliteDriver } from '@mikro-orm/pglite';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroORM as SqlMikroORM } from '@mikro-orm/sql';
import { migrationsList } from '../../migrations/index.js';
import { entities } from './entities.js';
import { migrateToLatest } from './migrate.js';
import { openPglite } from './pglite-readers.js';

/**
 * PostgreSQL by URL (with read replicas of it, if any), or the embedded PGlite kept in a folder.
 * Only what asks for the `read` connection reads from a replica: reports, their CSV and the day sheet.
 */
export type DatabaseOptions = { url: string; replicaUrls?: string[] | undefined } | { embeddedDir: string };

/** The ORM type the plugin uses: both drivers speak PostgreSQL. */
export type Orm = MikroORM;

/** Opens the database and, unless told not to, brings its schema up to date with the migrations. */
export async function openDatabase(db: DatabaseOptions, { migrate = true } = {}): Promise<Orm> {
  const common = {
    entities,
    extensions: [Migrator],
    migrations: { migrationsList, snapshot: false, silent: true },
    allowGlobalContext: false,
    debug: false,
  };
  const orm =
    'url' in db
      ? await SqlMikroORM.init({
          ...common,
          driver: PostgreSqlDriver,
          clientUrl: db.url,
          pool: { max: 10 },
          replicas: (db.replicaUrls ?? []).map((clientUrl, i) => ({ name: `replica-${i + 1}`, clientUrl })),
          // MikroORM would send every read outside a transaction to a replica; a replica lags, and
          // availability right after a hold must not. Only a query that asks for `read` goes there.
          preferReadReplicas: false,
        })
      : await SqlMikroORM.init({
          ...common,
          driver: PgliteDriver,
          dbName: db.embeddedDir,
          // PGlite serves one connection; the extensions the migrations create are loaded so the very same
          // migrations run on it, and it reads values as the PostgreSQL driver does (see openPglite).
          driverOptions: { pglite: () => openPglite(db.embeddedDir, { btree_gist, btree_gin, pg_trgm }) },
        });
  if (migrate) await migrateToLatest(orm, { locking: 'url' in db });
  return orm as Orm;
}
