import { randomUUID } from 'node:crypto';
import type { DatabaseOptions } from '../db/orm.js';
import { inProcessBroadcast, type BroadcastLog, type OpenBroadcast } from './broadcast.js';
import { inProcessLiveEvents, type LiveEvent, type LiveEvents } from './live-events.js';
import { postgresBroadcast } from './postgres-broadcast.js';
import { redisBroadcast } from './redis-broadcast.js';

/** The channel of every KEP's events; each instance keeps the KEPs its streams listen to. */
export const LIVE_CHANNEL = 'rantevou_live';

const KINDS = new Set<LiveEvent['kind']>(['arrived', 'called', 'video-waiting', 'attention', 'appointments-changed']);

/**
 * Where the plugin's live events travel between instances: Redis pub/sub when the plugin has a
 * Redis (the sessions' or the job queue's: cheaper than a NOTIFY, whose commit takes a lock that every
 * other notifying commit on the database server waits for), else LISTEN/NOTIFY on its PostgreSQL; and
 * nowhere on the embedded PGlite, which only one process can open, Redis or not.
 */
export function liveBroadcast(where: { redisUrl?: string | undefined; database: DatabaseOptions }, log: BroadcastLog): OpenBroadcast {
  if (!('url' in where.database)) return inProcessBroadcast;
  return where.redisUrl ? redisBroadcast(where.redisUrl, log) : postgresBroadcast(where.database.url, log);
}

/**
 * Live events on every process and instance: a publish reaches this process's listeners at once
 * and the others through the broadcast, whose echo of our own messages is dropped (each instance
 * signs what it sends). The broadcast being down costs the other instances' screens their instant
 * update, never this one's, and never the request: their polling catches up.
 */
export async function openLiveEvents(open: OpenBroadcast, log: BroadcastLog): Promise<LiveEvents> {
  const local = inProcessLiveEvents();
  const self = randomUUID();
  let failing = false;
  const broadcast = await open({
    channels: [LIVE_CHANNEL],
    name: 'live events channel',
    whenLost: 'the screens of the KEPs get the events of other instances by their polling until it is back',
    message: (_channel, payload) => {
      const event = eventIn(payload, self);
      if (event) local.publish(event);
    },
    connectionChanged: () => {},
  });
  return {
    publish(event) {
      local.publish(event);
      broadcast.publish(LIVE_CHANNEL, JSON.stringify({ from: self, event })).then(
        () => (failing = false),
        (err: unknown) => {
          if (!failing) log('live event not sent to the other instances (said once until one is sent again)', err);
          failing = true;
        },
      );
    },
    subscribe: (storeId, listener, closed) => local.subscribe(storeId, listener, closed),
    async close() {
      await Promise.allSettled([local.close(), broadcast.close()]);
    },
  };
}

/** Another instance's event, or null for our own echo and anything malformed. */
function eventIn(payload: string, self: string): LiveEvent | null {
  try {
    const { from, event } = JSON.parse(payload) as { from?: unknown; event?: Partial<LiveEvent> };
    if (from === self || typeof event !== 'object' || event === null) return null;
    if (!KINDS.has(event.kind!) || typeof event.storeId !== 'string' || typeof event.at !== 'string') return null;
    return event as LiveEvent;
  } catch {
    return null;
  }
}
