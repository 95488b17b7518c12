/** Node's socket errors of a server that is down or out of reach. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE']);
/** PostgreSQL's SQLSTATEs of a server shutting down, starting up or full. */
const SERVER_CODES = new Set(['57P01', '57P02', '57P03', '53300']);
/** What node-postgres says, in words only, when a connection drops or cannot be had. */
const DRIVER_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|database system is (?:starting up|shutting down)/i;

/**
 * Whether an error means PostgreSQL could not be reached (rather than refusing what we asked): the
 * request may succeed if sent again in a moment. MikroORM wraps the driver's error, so the causes are
 * followed too.
 */
export function isDatabaseUnreachable(err: unknown): boolean {
  for (let e = err as { code?: unknown; sqlState?: unknown; message?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    const code = typeof e.code === 'string' ? e.code : typeof e.sqlState === 'string' ? e.sqlState : '';
    if (SOCKET_CODES.has(code) || SERVER_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof e.message === 'string' && DRIVER_MESSAGES.test(e.message)) return true;
  }
  return false;
}
