import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { openLiveStream, type LiveStream } from '../shared/live-stream.js';

/** Events this close together cost one reload (a closure cancelling many, a burst of arrivals). */
const COALESCE_MS = 250;

/**
 * Keeps the staff screen current at once (issue 16 item 5): listens to the KEP's live events
 * (`GET /stores/:storeId/events`, the staff session's cookie) and reloads the list when anything
 * happens there: a booking or change at another counter, an arrival, a citizen in the video waiting
 * room, an alert. The events carry ids only; the reload reads the rows under the API's own checks.
 * The minute's reload of {@link ScreenClock} stays as the fallback, so while the stream is down the
 * screen is as current as before (the stream's own poll is not used, or the list would load twice).
 */
export class LiveRefresh implements ReactiveController {
  readonly #target: () => string | null;
  readonly #refresh: () => void;
  #stream: LiveStream | null = null;
  #url: string | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    host: ReactiveControllerHost,
    /** The stream's URL for what the screen shows now, or null (signed out, no KEP). */
    target: () => string | null,
    refresh: () => void,
  ) {
    this.#target = target;
    this.#refresh = refresh;
    host.addController(this);
  }

  hostUpdated(): void {
    const url = this.#target();
    if (url === this.#url) return;
    this.#close();
    this.#url = url;
    if (url) {
      this.#stream = openLiveStream({
        url,
        withCredentials: true,
        onEvent: () => {
          clearTimeout(this.#timer);
          this.#timer = setTimeout(this.#refresh, COALESCE_MS);
        },
        onPoll: () => {},
      });
    }
  }

  hostDisconnected(): void {
    this.#close();
    this.#url = null;
  }

  #close(): void {
    clearTimeout(this.#timer);
    this.#stream?.close();
    this.#stream = null;
  }
}
