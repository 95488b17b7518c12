import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { AppointmentPage, ListQuery } from './appointments-api.js';

/** How long typing must pause before a search is sent: one request per word, not per letter. */
export const SEARCH_DEBOUNCE_MS = 250;

/**
 * The list the screen shows: the query (day, range, search, filters, sort, page), the last
 * answer, and the request in flight. Only the newest request may land, so quick typing or
 * clicking never shows an older answer over a newer one.
 */
export class AppointmentListController implements ReactiveController {
  /** What is asked for; the inputs show it at once, the table once the answer lands. */
  query: ListQuery;
  /** The answer to the last completed request; null until there is one. */
  result: AppointmentPage | null = null;
  loading = false;

  readonly #host: ReactiveControllerHost;
  readonly #fetch: (query: ListQuery, signal: AbortSignal) => Promise<AppointmentPage>;
  readonly #settled: (outcome: { result: AppointmentPage } | { error: unknown }) => void;
  #request: AbortController | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #inFlight: Promise<void> | null = null;

  constructor(
    host: ReactiveControllerHost,
    query: ListQuery,
    fetch: (query: ListQuery, signal: AbortSignal) => Promise<AppointmentPage>,
    /** Told of each answer or failure (not of requests that a newer one replaced). */
    settled: (outcome: { result: AppointmentPage } | { error: unknown }) => void,
  ) {
    this.#host = host;
    this.query = query;
    this.#fetch = fetch;
    this.#settled = settled;
    host.addController(this);
  }

  hostDisconnected(): void {
    clearTimeout(this.#timer);
    this.#request?.abort();
  }

  /**
   * Changes the query and loads it, after a pause when `debounce` (typing). Anything but a page
   * change starts again at page 1: page 3 of another filter means nothing.
   */
  change(change: Partial<ListQuery>, { debounce = false } = {}): void {
    this.query = { ...this.query, page: 1, ...change };
    this.#host.requestUpdate();
    clearTimeout(this.#timer);
    if (debounce) this.#timer = setTimeout(() => void this.reload(), SEARCH_DEBOUNCE_MS);
    else void this.reload();
  }

  /** Loads the current query now (a pending debounced search goes out at once). */
  reload(): Promise<void> {
    const loading = this.#load();
    this.#inFlight = loading;
    return loading;
  }

  /** Resolves once no request is in flight: the list shows the newest answer. */
  async idle(): Promise<void> {
    while (this.#inFlight) {
      const loading = this.#inFlight;
      await loading;
      if (this.#inFlight === loading) this.#inFlight = null;
    }
  }

  async #load(): Promise<void> {
    clearTimeout(this.#timer);
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    this.loading = true;
    this.#host.requestUpdate();
    try {
      const result = await this.#fetch(this.query, request.signal);
      if (request.signal.aborted) return;
      this.result = result;
      this.#settled({ result });
    } catch (error) {
      if (!request.signal.aborted) this.#settled({ error });
    } finally {
      if (this.#request === request) {
        this.loading = false;
        this.#request = null;
        this.#host.requestUpdate();
      }
    }
  }

  /** Shows a changed appointment at once, before the reload that also refreshes the counts and order. */
  replace(appointment: { id: string }): void {
    const result = this.result;
    if (!result) return;
    this.result = { ...result, items: result.items.map((a) => (a.id === appointment.id ? { ...a, ...appointment } : a)) };
    this.#host.requestUpdate();
  }

  /** Forgets the answer (another KEP is shown: its rows must not linger). */
  clear(): void {
    this.result = null;
    this.#host.requestUpdate();
  }
}
