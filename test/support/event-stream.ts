import { createParser } from 'eventsource-parser';
import type { LiveEvent } from '../../plugin/live/live-events.js';

/** A server-sent event stream a test or the bench reads, as a screen would. */
export interface EventStreamReader {
  /** The answer's status and headers (the stream goes on in the background). */
  res: Response;
  /** Every event received so far, in order. */
  events: LiveEvent[];
  /** Resolves with the first event (received already or later) that `match` accepts; rejects after `ms`. */
  next(match: (e: LiveEvent) => boolean, ms?: number): Promise<LiveEvent>;
  /** Called at each event, as it arrives (the bench stamps its receipt). */
  onEvent?: (e: LiveEvent) => void;
  close(): void;
}

/**
 * Opens `url` with `fetcher` (a staff client's cookie, or plain fetch with a header) and parses
 * what comes with the same parser the widgets use. A non-200 answer is returned as it is, unread.
 */
export async function openEventStream(fetcher: (url: string, init: RequestInit) => Promise<Response>, url: string, headers: Record<string, string> = {}): Promise<EventStreamReader> {
  const abort = new AbortController();
  const res = await fetcher(url, { headers: { accept: 'text/event-stream', ...headers }, signal: abort.signal });
  const events: LiveEvent[] = [];
  const waiting = new Set<() => void>();
  const reader: EventStreamReader = {
    res,
    events,
    async next(match, ms = 5000) {
      for (let waited = 0; ; ) {
        const found = events.find(match);
        if (found) return found;
        if (waited >= ms) throw new Error(`no such event within ${ms} ms; received ${JSON.stringify(events)}`);
        const start = Date.now();
        await new Promise<void>((resolve) => {
          const done = () => {
            clearTimeout(timer);
            waiting.delete(done);
            resolve();
          };
          const timer = setTimeout(done, ms - waited);
          waiting.add(done);
        });
        waited += Date.now() - start;
      }
    },
    close: () => abort.abort(),
  };
  if (res.status !== 200 || !res.body) return reader;
  const parser = createParser({
    onEvent: (message) => {
      const event = JSON.parse(message.data) as LiveEvent;
      events.push(event);
      reader.onEvent?.(event);
      for (const wake of [...waiting]) wake();
    },
  });
  void (async () => {
    const decoder = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    for (;;) {
      const { value, done } = await decoder.read();
      if (done) return;
      parser.feed(value);
    }
  })().catch(() => {});
  return reader;
}
