import pg from 'pg';
import { hashesIn, REVOCATION_CHANNEL, type OpenRevocationChannel } from './session-revocations.js';

/** How long a first connection may take, and the pauses between attempts to get one back. */
const CONNECT_TIMEOUT_MS = 3000;
const RETRY_MS = [100, 500, 1000, 2000, 5000];

/**
 * Revocations through PostgreSQL LISTEN/NOTIFY, on the database of the sessions. NOTIFY goes
 * through the writer's own unit of work, so inside a transaction it is delivered at the commit that
 * ends the session, never before. LISTEN needs a connection of its own, outside the ORM's pool; it
 * counts as connected from the answer to LISTEN until that connection fails or ends, and then comes
 * back by itself.
 */
export function postgresRevocations(databaseUrl: string, log: (message: string, err?: unknown) => void): OpenRevocationChannel {
  return async (listener) => {
    let client: pg.Client | null = null;
    let connected = false;
    let closed = false;
    let attempt = 0;
    let retry: NodeJS.Timeout | undefined;
    const set = (now: boolean) => {
      if (now === connected) return;
      connected = now;
      listener.connectionChanged(now);
      if (!now && !closed) log('session revocation channel (PostgreSQL LISTEN) lost: every request reads its session from the store until it is back');
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
        if (n.channel === REVOCATION_CHANNEL && n.payload) for (const hash of hashesIn(n.payload)) listener.ended(hash);
      });
      try {
        await c.connect();
        await c.query(`listen ${REVOCATION_CHANNEL}`);
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
      async announce(em, hashes) {
        if (hashes.length === 0) return;
        await em.getConnection().execute('select pg_notify(?, ?)', [REVOCATION_CHANNEL, hashes.join(',')], 'run', em.getTransactionContext());
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
