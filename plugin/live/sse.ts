import type { Request, Response } from 'express';
import type { LiveEvent, LiveEvents } from './live-events.js';

/** A comment this often keeps proxies and load balancers from closing a quiet stream (most wait 60 s). */
export const HEARTBEAT_MS = 25_000;
/**
 * A stream ends after about this long and the client comes back at once, through the plugin's
 * router as any request: a session ended elsewhere, grants re-asked (every 5 minutes) or a device
 * key revoked apply to a stream within this time, and the reconnection uses the staff session as
 * the minute's polling did.
 */
export const STREAM_MAX_AGE_MS = 5 * 60_000;
/** What the client waits before reconnecting (`retry:`), the base of its back-off. */
const RETRY_MS = 3000;
/** A client this far behind in reading (bytes queued) is cut off; it reconnects and catches up by polling. */
const MAX_QUEUED_BYTES = 256 * 1024;

/** What {@link sendEvents} streams. */
export interface StreamOptions {
  storeId: string;
  live: LiveEvents;
  /** Only the events a caller may see (a call display: 'called'); default every event of the KEP. */
  filter?: (event: LiveEvent) => boolean;
  /** Tests and the bench change these. */
  heartbeatMs?: number;
  maxAgeMs?: number;
}

/**
 * Answers the request with a server-sent event stream of one KEP's live events, after the route
 * checked who may read it. Each event is one `data:` line of JSON with a per-stream `id:` (no
 * history is kept to replay: a client that reconnects polls once instead). The stream is not
 * compressed or buffered on the way (`no-transform`: the compression middleware leaves it alone;
 * `X-Accel-Buffering: no`: nginx passes each event at once). It ends when the client goes, after
 * {@link STREAM_MAX_AGE_MS} with a little jitter (so that many screens do not reconnect together), or
 * when the plugin closes; each way stops listening and its timers.
 */
export function sendEvents(req: Request, res: Response, options: StreamOptions): void {
  res.status(200).set({
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store, no-transform',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  req.socket.setNoDelay(true);
  req.socket.setTimeout(0);
  let next = 1;
  let ended = false;
  const end = () => {
    if (ended) return;
    ended = true;
    unsubscribe();
    clearInterval(heartbeat);
    clearTimeout(maxAge);
    res.end();
  };
  const write = (chunk: string) => {
    if (ended) return;
    res.write(chunk);
    if (res.writableLength > MAX_QUEUED_BYTES) {
      end();
      res.destroy();
    }
  };
  const unsubscribe = options.live.subscribe(
    options.storeId,
    (event) => {
      if (!options.filter || options.filter(event)) write(`id: ${next++}\ndata: ${JSON.stringify(event)}\n\n`);
    },
    end,
  );
  const heartbeat = setInterval(() => write(': \n\n'), options.heartbeatMs ?? HEARTBEAT_MS);
  const maxAgeMs = options.maxAgeMs ?? STREAM_MAX_AGE_MS;
  const maxAge = setTimeout(end, maxAgeMs * (0.8 + Math.random() * 0.2));
  res.on('close', end);
  if (req.socket.destroyed) return end();
  write(`retry: ${RETRY_MS}\n: ${options.storeId}\n\n`);
}
