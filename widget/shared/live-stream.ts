import { createParser } from 'eventsource-parser';

/**
 * What happens in a KEP that its screens show at once, as a stream of the plugin sends it (the
 * server's `plugin/live/live-events.ts`): ids, a ticket number and a queue's name, never a citizen's
 * name or contact. A screen that needs more reloads through the API.
 */
export interface LiveEvent {
  kind: 'arrived' | 'called' | 'video-waiting' | 'attention' | 'appointments-changed';
  storeId: string;
  queueId?: string;
  appointmentId?: string;
  number?: number;
  queueName?: string;
  /** ISO 8601 instant, by the server's clock. */
  at: string;
}

/** How to open a stream; see {@link openLiveStream}. */
export interface LiveStreamOptions {
  /** The stream's absolute URL, e.g. `${apiBase}/stores/${storeId}/events`. */
  url: string;
  /** Sent with every connection: a display's `Authorization: Bearer <device key>`. */
  headers?: Record<string, string>;
  /** Sends the staff session cookie to another origin too (`credentials: 'include'`). */
  withCredentials?: boolean;
  /** Each event as it arrives. */
  onEvent(event: LiveEvent): void;
  /**
   * The fallback: called every `pollMs` while the stream is not connected, and once each time it
   * connects again (what happened while it was away is not replayed).
   */
  onPoll(): void;
  /** Default 60 000 (the staff screens' minute). */
  pollMs?: number;
}

/** An open stream; `close()` is idempotent. */
export interface LiveStream {
  close(): void;
}

/** The first pause before reconnecting, unless the server's `retry:` says otherwise, and the longest. */
const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
/** The server sends a comment every 25 s; this long without a byte means a dead connection. */
const SILENCE_MS = 60_000;

/**
 * Listens to a server-sent event stream of the plugin and keeps a screen current. Streams through
 * `fetch` and a `ReadableStream` rather than `EventSource`, which sends no headers of its own, so a
 * display's device key travels in `Authorization` instead of the URL (where logs and proxies would
 * keep it). It reconnects with exponential back-off and jitter after any failure or a minute of
 * silence, and stops trying for good on 401, 403 or 404 (a session gone, a key revoked, a KEP not
 * one's own: retrying cannot help, the poll shows the error). While not connected it calls
 * `onPoll`, so the screen is never staler than without the stream.
 *
 * No `Last-Event-ID` is sent on reconnecting: the server keeps no history to replay, and a header
 * outside the CORS safelist would cost every cross-origin connection a preflight; the poll on
 * reconnecting catches up instead.
 */
export function openLiveStream(options: LiveStreamOptions): LiveStream {
  const pollMs = options.pollMs ?? 60_000;
  let closed = false;
  let request: AbortController | null = null;
  let pollTimer: ReturnType<typeof setInterval> | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let baseRetryMs = FIRST_RETRY_MS;
  let failures = 0;
  let everConnected = false;

  const startPolling = () => {
    if (pollTimer === undefined && !closed) pollTimer = setInterval(() => options.onPoll(), pollMs);
  };
  const stopPolling = () => {
    clearInterval(pollTimer);
    pollTimer = undefined;
  };
  const scheduleRetry = () => {
    if (closed) return;
    startPolling();
    const delay = Math.min(MAX_RETRY_MS, baseRetryMs * 2 ** failures++);
    retryTimer = setTimeout(() => void connect(), delay / 2 + Math.random() * (delay / 2));
  };

  const connect = async (): Promise<void> => {
    const controller = new AbortController();
    request = controller;
    let silence: ReturnType<typeof setTimeout> | undefined;
    const heard = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), SILENCE_MS);
    };
    let giveUp = false;
    try {
      heard();
      const response = await fetch(options.url, {
        headers: { Accept: 'text/event-stream', ...options.headers },
        credentials: options.withCredentials ? 'include' : 'same-origin',
        cache: 'no-store',
        signal: controller.signal,
      });
      if ([401, 403, 404].includes(response.status)) giveUp = true;
      if (!response.ok || !response.body || !response.headers.get('content-type')?.startsWith('text/event-stream')) {
        throw new Error(`live stream: HTTP ${response.status}`);
      }
      stopPolling();
      failures = 0;
      if (everConnected) options.onPoll();
      everConnected = true;
      const parser = createParser({
        onEvent: (message) => {
          const event = liveEventIn(message.data);
          if (event) options.onEvent(event);
        },
        onRetry: (ms) => {
          baseRetryMs = Math.max(FIRST_RETRY_MS, Math.min(ms, MAX_RETRY_MS));
        },
      });
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        heard();
        parser.feed(value);
      }
    } catch {
      // A failed or dropped connection: the back-off below and the poll cover it.
    } finally {
      clearTimeout(silence);
      if (request === controller) request = null;
    }
    if (closed) return;
    if (giveUp) startPolling();
    else scheduleRetry();
  };

  startPolling();
  void connect();
  return {
    close() {
      closed = true;
      stopPolling();
      clearTimeout(retryTimer);
      request?.abort();
    },
  };
}

/** One message's data as an event, or null for anything else (a newer server's other messages). */
function liveEventIn(data: string): LiveEvent | null {
  try {
    const value: unknown = JSON.parse(data);
    if (typeof value !== 'object' || value === null) return null;
    const { kind, storeId } = value as Record<string, unknown>;
    return typeof kind === 'string' && typeof storeId === 'string' ? (value as LiveEvent) : null;
  } catch {
    return null;
  }
}
