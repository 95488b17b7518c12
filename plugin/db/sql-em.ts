import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';

/**
 * The entity manager as what it is on both our drivers (PostgreSQL and PGlite): an SQL one, whose
 * `execute` runs raw SQL on the caller's transaction. Said here once, instead of a cast at every
 * raw statement; `openDatabase` could say it in the ORM's type (`MikroORM<…, SqlEntityManager>`)
 * and make even this one go.
 */
export function sqlEm(em: EntityManager): SqlEntityManager {
  return em as SqlEntityManager;
}
