import pg from 'pg';
import { ADMIN_URL } from './pgbench.js';

const INTERVAL_MS = 50;

/**
 * Samples what the connections to database `datname` are doing (pg_stat_activity, every 50 ms, on a
 * connection of its own) until `stop()`, which returns the shares: running in PostgreSQL, waiting for
 * a lock (and which kind), for the WAL flush of a commit, or idle, that is waiting for the Node process
 * (between transactions, or inside one).
 */
export async function sampleWaitEvents(datname: string): Promise<{ stop(): Promise<string> }> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  const counts = new Map<string, number>();
  let samples = 0;
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    client
      .query<{ what: string; n: string }>(
        `select case when state = 'active' and wait_event is null then 'running'
                     else state || coalesce(' ' || wait_event_type || ':' || wait_event, '') end as what, count(*) as n
           from pg_stat_activity
          where datname = $1 and backend_type = 'client backend' and pid <> pg_backend_pid()
          group by 1`,
        [datname],
      )
      .then(({ rows }) => {
        samples++;
        for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + Number(r.n));
      })
      .catch(() => {})
      .finally(() => (busy = false));
  }, INTERVAL_MS);
  return {
    async stop() {
      clearInterval(timer);
      await client.end();
      const all = [...counts.values()].reduce((a, b) => a + b, 0);
      const shares = [...counts].sort((a, b) => b[1] - a[1]).map(([what, n]) => `${what} ${((100 * n) / all).toFixed(0)}%`);
      return `${samples} samples of ${(all / Math.max(1, samples)).toFixed(1)} connections on average: ${shares.join(', ')}`;
    },
  };
}
