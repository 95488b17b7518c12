import { freePort } from '../../support/free-port.js';
import { startRedisServer, stopProcess } from '../../support/redis-server.js';

/**
 * A Redis server of the attendance tests' own, on a free port, with 32 databases so each test file
 * uses its own number (20–23) and never meets another engineer's jobs on the machine's Redis (which
 * has 16). No persistence; stopped by its own process id.
 */
export async function startOwnRedis(): Promise<{ url: (db: number) => string; stop(): Promise<void> }> {
  const port = await freePort();
  const child = await startRedisServer(port, ['--databases', '32']);
  return {
    url: (db) => `redis://127.0.0.1:${port}/${db}`,
    stop: () => stopProcess(child),
  };
}
