import { PGlite, type Extensions } from '@electric-sql/pglite';
import { createPostgreSqlTypeParsers } from '@mikro-orm/sql';
import pg from 'pg';

/** The first OID PostgreSQL hands out to user objects; every built-in type has a smaller one. */
const FIRST_NORMAL_OBJECT_ID = 16384;
const TEXT_ARRAY = 1009;

type Reader = (text: string) => unknown;

/**
 * How the PostgreSQL driver reads each built-in type: node-postgres' own text readers (bigint and
 * counts as strings, bytea as Buffer, numeric[] as numbers…) with MikroORM's overrides on top
 * (date, timestamp, timestamptz and interval kept as the server's strings), exactly as MikroORM's
 * PostgreSqlConnection configures node-postgres.
 */
function nodePostgresReaders(): Record<number, Reader> {
  // node-postgres' typings list only the scalar type ids; it has readers for the array ids as well.
  const nodePostgres = (oid: number): Reader => pg.types.getTypeParser(oid as never, 'text');
  const mikroOrm: Record<number, Reader> = createPostgreSqlTypeParsers(nodePostgres(TEXT_ARRAY) as (text: string) => string[]);
  const none = nodePostgres(0);
  const readers: Record<number, Reader> = {};
  for (let oid = 1; oid < FIRST_NORMAL_OBJECT_ID; oid++) {
    const read: Reader = mikroOrm[oid] ?? nodePostgres(oid);
    // PGlite passes the type id as a second argument; node-postgres' readers (parseInt, JSON.parse) must not see it.
    if (read !== none) readers[oid] = (text) => read(text);
  }
  return readers;
}

const READERS = nodePostgresReaders();

/**
 * Opens PGlite so that every value reads back as on PostgreSQL. PGlite's own readers differ:
 * `date` and `timestamptz` come back as Date objects, bigint (every `count(*)`) as a number,
 * bytea as Uint8Array. The plugin is written against PostgreSQL, so with those readers a KEP
 * closure's `date` columns never matched a day and the embedded default kept the closed day's
 * slots. MikroORM sets these readers only on a PGlite it creates itself, not on one we hand it.
 */
export async function openPglite(dataDir: string, extensions: Extensions): Promise<PGlite> {
  const pglite = await PGlite.create(dataDir, { extensions, parsers: READERS });
  // At start PGlite derives every array reader from its element reader, replacing ours; node-postgres
  // reads some arrays differently (numeric[] as numbers), so its readers go back on top.
  Object.assign(pglite.parsers, READERS);
  return pglite;
}
