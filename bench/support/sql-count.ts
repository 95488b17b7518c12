import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type pg from 'pg';

/**
 * Counts the SQL statements this process sends, by wrapping `Client#query` of the `pg` that
 * MikroORM's PostgreSQL driver loads (it may be a copy of its own). Costs one increment per statement.
 */
export function countSqlStatements(): () => number {
  const require = createRequire(import.meta.resolve('@mikro-orm/postgresql'));
  const { Client } = require('pg') as typeof pg;
  const query = Client.prototype.query as (...args: unknown[]) => unknown;
  let count = 0;
  (Client.prototype as unknown as { query: typeof query }).query = function (this: unknown, ...args: unknown[]) {
    count++;
    return query.apply(this, args);
  };
  return () => count;
}

/** How often a host process started with `sql-count-preload.ts` writes its count. */
export const COUNT_FILE_INTERVAL_MS = 50;

/** The statements of every process that wrote its count into `dir` (`sql-count-preload.ts`). */
export function readCountFiles(dir: string): number {
  let sum = 0;
  for (const f of readdirSync(dir)) sum += Number(readFileSync(join(dir, f), 'utf8')) || 0;
  return sum;
}
