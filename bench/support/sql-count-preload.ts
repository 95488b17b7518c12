/**
 * `node --import ./bench/support/sql-count-preload.ts …`: a host process (and, through node:cluster's
 * execArgv, each of its workers) counts its SQL statements and writes the count into a file named by
 * its pid in `BENCH_SQL_COUNT_DIR` every few milliseconds, so the bench reads the statements of a host
 * it runs as a child process as it reads its own.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { COUNT_FILE_INTERVAL_MS, countSqlStatements } from './sql-count.js';

const dir = process.env.BENCH_SQL_COUNT_DIR;
if (dir) {
  const statements = countSqlStatements();
  const file = join(dir, String(process.pid));
  let written = -1;
  const write = () => {
    const n = statements();
    if (n !== written) writeFileSync(file, String((written = n)));
  };
  setInterval(write, COUNT_FILE_INTERVAL_MS).unref();
  process.on('exit', write);
}
