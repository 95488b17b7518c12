import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import { sqlEm } from '../db/sql-em.js';

/** The first key of every advisory lock of ours ("RANT"), so other applications' locks never collide. */
export const LOCK_NAMESPACE = 0x52414e54;

/** One advisory lock per job; `migrations` is taken by every start that brings the schema up to date (db/migrate.ts). */
export const JOB_LOCKS = { escalation: 1, endOfDay: 2, morningList: 3, retention: 4, migrations: 5, callAlert: 6, videoAlert: 7 } as const;

/** What {@link withJobLock} reports: the work's value, or that another instance holds the lock. */
export type Locked<T> = { ran: true; value: T } | { ran: false };

/**
 * Runs `work` in a transaction that holds the job's advisory lock (`pg_try_advisory_xact_lock`), or
 * does nothing when another plugin instance holds it right now. The lock is released by the commit
 * or rollback itself, so a crashed instance never leaves it held; it lives on the transaction's own
 * connection, so it works on a pool and on PGlite's single connection alike.
 */
export async function withJobLock<T>(orm: MikroORM, lock: number, work: (em: SqlEntityManager) => Promise<T>): Promise<Locked<T>> {
  return sqlEm(orm.em.fork()).transactional(async (em) => {
    const [row] = await sql<{ ok: boolean }>(em, 'select pg_try_advisory_xact_lock(?, ?) as ok', [LOCK_NAMESPACE, lock]);
    if (!row?.ok) return { ran: false } as const;
    return { ran: true, value: await work(em) } as const;
  });
}

/**
 * Raw SQL on the entity manager's transaction (its connection, its snapshot). MikroORM inlines the
 * parameters as escaped literals and writes an array as a comma list, so a list of ids goes into
 * `any(array[?]::uuid[])` (which also reads an empty list right).
 */
export function sql<T>(em: EntityManager, query: string, params: unknown[] = []): Promise<T[]> {
  return sqlEm(em).execute<T[]>(query, params as never[]);
}
