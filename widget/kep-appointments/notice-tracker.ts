import type { ReactiveControllerHost } from 'lit';
import type { ApiClient, Appointment } from '../shared/api.js';
import { getHistory } from './appointments-api.js';
import { noticeProcedure, type CatalogueProcedure } from './video-call.js';

/** The audit action the server records when the polite notice goes out. */
export const POLITE_NOTICE_ACTION = 'appointment.polite-notice';

/**
 * What the screen knows of an appointment's polite notice: being looked up, not sent, or sent
 * (`at` null until the server's time is known). `unknown`: the lookup failed, so the button is
 * offered and the server, which refuses a second notice, decides.
 */
export type NoticeState = { state: 'checking' } | { state: 'not-sent' } | { state: 'sent'; at: string | null } | { state: 'unknown' };

/**
 * Whether the polite notice already went to the citizens of the appointments that may need it.
 * The appointment view does not say, so the appointment's history (where the server records each
 * notice) is read once per appointment and screen; only for the few candidates, never per row.
 * A notice someone else sends meanwhile shows when the server refuses ours as already sent.
 */
export class NoticeTracker {
  readonly #host: ReactiveControllerHost;
  readonly #states = new Map<string, NoticeState>();

  constructor(host: ReactiveControllerHost) {
    this.#host = host;
  }

  /** The state for `id`; undefined when it was never looked up. */
  get(id: string): NoticeState | undefined {
    return this.#states.get(id);
  }

  /** Looks up, once each, the appointments of `items` that may need the notice and are not known yet. */
  check(api: ApiClient, items: readonly Appointment[], catalogue: readonly CatalogueProcedure[]): void {
    for (const a of items) if (!this.#states.has(a.id) && noticeProcedure(a, catalogue)) void this.refresh(api, a.id);
  }

  /** Reads the appointment's history again (after a notice went out, for the server's time). */
  async refresh(api: ApiClient, id: string): Promise<void> {
    if (this.#states.get(id)?.state !== 'sent') this.#set(id, { state: 'checking' });
    try {
      const { items } = await getHistory(api, id);
      const sent = items.findLast((e) => e.action === POLITE_NOTICE_ACTION);
      this.#set(id, sent ? { state: 'sent', at: sent.at } : { state: 'not-sent' });
    } catch {
      if (this.#states.get(id)?.state !== 'sent') this.#set(id, { state: 'unknown' });
    }
  }

  /** The server accepted a notice (or refused one as already sent): shown as sent at once. */
  markSent(id: string): void {
    this.#set(id, { state: 'sent', at: null });
  }

  /** Forgets everything (another KEP is shown). */
  clear(): void {
    this.#states.clear();
  }

  #set(id: string, state: NoticeState): void {
    this.#states.set(id, state);
    this.#host.requestUpdate();
  }
}
