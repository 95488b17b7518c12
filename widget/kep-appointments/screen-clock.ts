import type { ReactiveController, ReactiveControllerHost } from 'lit';

/** How often the screen looks at the time and asks the server for the list again. */
export const REFRESH_MS = 60_000;

/**
 * The staff screen's clock. A screen left open all day must still show what changed on its own:
 * the join link that becomes due, an appointment the escalation flagged, a booking made at
 * another counter. Each minute it takes the time (for the join link) and calls `tick`, which
 * reloads the list; not while the page is hidden (a background tab asks the server nothing).
 */
export class ScreenClock implements ReactiveController {
  /** Milliseconds since the epoch, as of the last tick. */
  now = Date.now();

  readonly #host: ReactiveControllerHost;
  readonly #tick: () => void;
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: ReactiveControllerHost, tick: () => void) {
    this.#host = host;
    this.#tick = tick;
    host.addController(this);
  }

  hostConnected(): void {
    this.now = Date.now();
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.#onTick(), REFRESH_MS);
    document.addEventListener('visibilitychange', this.#onVisible);
  }

  hostDisconnected(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    document.removeEventListener('visibilitychange', this.#onVisible);
  }

  #onTick(): void {
    if (document.visibilityState === 'hidden') return;
    this.now = Date.now();
    this.#host.requestUpdate();
    this.#tick();
  }

  /** Back from a background tab: catch up at once rather than up to a minute later. */
  readonly #onVisible = (): void => {
    if (document.visibilityState === 'visible') this.#onTick();
  };
}
