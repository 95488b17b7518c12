import type { EntityManager } from '@mikro-orm/core';

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
 * so it is down when the store is.
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
 * The embedded default's channel: PGlite serves one process, so there is no other instance to tell;
 * the cache of this process drops the session itself. Always connected.
 */
export const inProcessRevocations: OpenRevocationChannel = async () => ({
  connected: true,
  announce: async () => {},
  close: async () => {},
});
