import type { EntityManager } from '@mikro-orm/core';

/**
 * What a broadcast tells its subscriber: a message on one of its channels (from any instance,
 * this one included), and whether the connection that listens is up now.
 */
export interface BroadcastSubscription {
  /** The named channels to listen to (PostgreSQL identifiers: lower case, digits, `_`). */
  channels: readonly string[];
  /** Says in the log what is lost and what happens meanwhile, e.g. 'session revocation channel'. */
  name: string;
  whenLost: string;
  message(channel: string, payload: string): void;
  connectionChanged(connected: boolean): void;
}

/**
 * The one way this plugin's processes and instances tell each other something at once, on named
 * channels: session revocations (plugin/auth/session-revocations.ts) and the KEPs' live events
 * (plugin/live/broadcast-live-events.ts). Redis pub/sub, PostgreSQL LISTEN/NOTIFY, or nothing at all
 * where only one process can run (PGlite). Delivery is at most once: a message sent while a listener
 * is disconnected is lost to it, which is why `connected` is there for those who must know.
 */
export interface Broadcast {
  /** True from the moment every channel is subscribed until the listening connection is lost. */
  readonly connected: boolean;
  /**
   * Sends `payload` to every subscriber of `channel`, this instance's included. Through `em` when
   * given and the broadcast is PostgreSQL's, so that a NOTIFY inside a transaction is sent at its
   * commit, with the change. Rejects when the message could not be handed over.
   */
  publish(channel: string, payload: string, em?: EntityManager): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

/** Connects a broadcast for one subscriber; resolves once subscribed, or once the first attempt gave up. */
export type OpenBroadcast = (subscription: BroadcastSubscription) => Promise<Broadcast>;

/** Writes a line for the operator, with the error that caused it if any. */
export type BroadcastLog = (message: string, err?: unknown) => void;

/**
 * The embedded default's broadcast: PGlite serves one process, so there is no other instance to
 * tell and nothing is sent; each subscriber handles what its own process did itself. Always connected.
 */
export const inProcessBroadcast: OpenBroadcast = async () => ({
  connected: true,
  publish: async () => {},
  close: async () => {},
});
