import type { MigrationInfo, MikroORM } from '@mikro-orm/core';
import { JOB_LOCKS, LOCK_NAMESPACE, sql } from '../jobs/job-lock.js';

/**
 * Brings the schema up to date, under the migrations' advisory lock on PostgreSQL: instances started
 * together (and `npm run migrate`) wait for each other instead of racing to create the same tables,
 * types and extensions (a duplicate-key error made one of two instances exit on an empty database).
 * The lock is taken with `pg_advisory_xact_lock` in the very transaction the migrations run in, so the
 * commit (or the rollback of a failed migration, or a dropped connection) releases it and the next
 * instance finds the work done. MikroORM creates its `mikro_orm_migrations` table before it uses the
 * transaction, but only after we hold the lock, so that is serialised too.
 *
 * PGlite (`locking: false`) has one process and one connection: nobody to wait for, and a second
 * connection to take the table on does not exist.
 */
export async function migrateToLatest(orm: MikroORM, { locking }: { locking: boolean }): Promise<MigrationInfo[]> {
  if (!locking) return orm.migrator.up();
  return orm.em.fork().transactional(async (em) => {
    await sql(em, 'select pg_advisory_xact_lock(?, ?)', [LOCK_NAMESPACE, JOB_LOCKS.migrations]);
    return orm.migrator.up({ transaction: em.getTransactionContext() });
  });
}
