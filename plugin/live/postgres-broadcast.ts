import pg from 'pg';
import type { BroadcastLog, OpenBroadcast } from './broadcast.js';

/** How long a first connection may take, and the pauses between attempts to get one back. */
const CONNECT_TIMEOUT_MS = 3000;
const RETRY_MS = [100, 500, 1000, 2000, 5000];

/**
 * A broadcast through PostgreSQL LISTEN/NOTIFY. A NOTIFY sent through a writer's own unit of work
 * (`publish(…, em)`) inside a transaction is delivered at its commit, never before; without `em` it
 * goes on the listening connection, at once. LISTEN needs a connection of its own, outside the ORM's
 * pool; it counts as connected from the answer to LISTEN until that connection fails or ends, and
 * then comes back by itself.
 */
export function postgresBroadcast(databaseUrl: string, log: BroadcastLog): OpenBroadcast {
  return async (subscription) => {
    const channels = new Set(subscription.channels);
    for (const c of channels) if (!/^[a-z_][a-z0-9_]*$/.test(c)) throw new Error(`not a channel name: ${c}`);
    let client: pg.Client | null = null;
    let connected = false;
    let closed = false;
    let attempt = 0;
    let retry: NodeJS.Timeout | undefined;
    const set = (now: boolean) => {
      if (now === connected) return;
      connected = now;
      subscription.connectionChanged(now);
      if (!now && !closed) log(`${subscription.name} (PostgreSQL LISTEN) lost: ${subscription.whenLost}`);
    };
    const connect = async (): Promise<void> => {
      const c = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, keepAlive: true });
      client = c;
      let lost = false;
      const onLost = () => {
        if (lost) return;
        lost = true;
        if (client === c) client = null;
        set(false);
        void c.end().catch(() => {});
        if (!closed) retry = setTimeout(() => void connect(), RETRY_MS[Math.min(attempt++, RETRY_MS.length - 1)]);
      };
      c.on('error', onLost);
      c.on('end', onLost);
      c.on('notification', (n) => {
        if (channels.has(n.channel) && n.payload) subscription.message(n.channel, n.payload);
      });
      try {
        await c.connect();
        for (const channel of channels) await c.query(`listen ${channel}`);
      } catch {
        return onLost();
      }
      if (lost || closed) return;
      attempt = 0;
      set(true);
    };
    await connect();
    return {
      get connected() {
        return connected;
      },
      async publish(channel, payload, em) {
        if (em) {
          await em.getConnection().execute('select pg_notify(?, ?)', [channel, payload], 'run', em.getTransactionContext());
          return;
        }
        const c = client as pg.Client | null;
        if (!c || !connected) throw new Error('PostgreSQL LISTEN connection down');
        await c.query('select pg_notify($1, $2)', [channel, payload]);
      },
      async close() {
        closed = true;
        clearTimeout(retry);
        set(false);
        await (client as pg.Client | null)?.end().catch(() => {});
      },
    };
  };
}
