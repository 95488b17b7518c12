import type { EntityManager } from '@mikro-orm/core';
import { inProcessBroadcast, type BroadcastLog, type OpenBroadcast } from '../live/broadcast.js';
import { postgresBroadcast } from '../live/postgres-broadcast.js';
import { redisBroadcast } from '../live/redis-broadcast.js';
import { sessionStoreUnavailable } from './session-store.js';

/**
 * What a revocation channel tells the session cache of its process: a session changed or ended
 * somewhere (its stored name, {@link hashSessionId}), and whether the channel is connected now.
 */
export interface RevocationListener {
  ended(hash: string): void;
  connectionChanged(connected: boolean): void;
}

/**
 * How every process and instance learns that a staff session ended or changed (sign-out, single
 * logout, a rotation, fresh roles), so that none serves it from its cache. Only while `connected`
 * is true is a message from any other instance known to reach this process; otherwise the cache is
 * off. A channel lives beside the session store it guards (PostgreSQL LISTEN/NOTIFY, Redis pub/sub),
 * so it is down when the store is; it is one of the plugin's broadcasts (plugin/live/broadcast.ts).
 */
export interface RevocationChannel {
  readonly connected: boolean;
  /**
   * Tells every instance, this one included, that these sessions changed. Called after the change
   * reached the store; through `em` where the store writes through it, so that a NOTIFY inside a
   * transaction is sent at its commit, with the change.
   */
  announce(em: EntityManager, hashes: string[]): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

/** Opens a channel that reports to `listener`. */
export type OpenRevocationChannel = (listener: RevocationListener) => Promise<RevocationChannel>;

/** The channel's name in PostgreSQL and Redis; a message is the comma-separated hashes. */
export const REVOCATION_CHANNEL = 'rantevou_session_ended';

/** Splits a message into the hashes it names; anything else on the channel is ignored. */
export function hashesIn(message: string): string[] {
  return message.split(',').filter((h) => /^[0-9a-f]{64}$/.test(h));
}

/**
 * Revocations on one of the plugin's broadcasts (plugin/live/broadcast.ts), on the channel
 * {@link REVOCATION_CHANNEL}. `failed` turns a message that could not be sent into the request's
 * error (a 503 of the session store where the broadcast is not the store's own database).
 */
export function revocationsOver(open: OpenBroadcast, failed: (err: unknown) => unknown = (err) => err): OpenRevocationChannel {
  return async (listener) => {
    const broadcast = await open({
      channels: [REVOCATION_CHANNEL],
      name: 'session revocation channel',
      whenLost: 'every request reads its session from the store until it is back',
      message: (_channel, payload) => {
        for (const hash of hashesIn(payload)) listener.ended(hash);
      },
      connectionChanged: (connected) => listener.connectionChanged(connected),
    });
    return {
      get connected() {
        return broadcast.connected;
      },
      async announce(em, hashes) {
        if (hashes.length === 0) return;
        await broadcast.publish(REVOCATION_CHANNEL, hashes.join(','), em).catch((err: unknown) => {
          throw failed(err);
        });
      },
      close: () => broadcast.close(),
    };
  };
}

/** Revocations through Redis pub/sub, on the Redis of the sessions: sent or a 503, like the store's own writes. */
export function redisRevocations(redisUrl: string, log: BroadcastLog): OpenRevocationChannel {
  return revocationsOver(redisBroadcast(redisUrl, log), sessionStoreUnavailable);
}

/** Revocations through LISTEN/NOTIFY on the database of the sessions, in the writer's transaction. */
export function postgresRevocations(databaseUrl: string, log: BroadcastLog): OpenRevocationChannel {
  return revocationsOver(postgresBroadcast(databaseUrl, log));
}

/**
 * The embedded default's channel: PGlite serves one process, so there is no other instance to tell;
 * the cache of this process drops the session itself. Always connected.
 */
export const inProcessRevocations: OpenRevocationChannel = revocationsOver(inProcessBroadcast);
