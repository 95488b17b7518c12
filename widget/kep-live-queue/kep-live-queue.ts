import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { formatTime } from '../shared/dates.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { openLiveStream, type LiveStream } from '../shared/live-stream.js';
import { StaffSession } from '../shared/session.js';
import { callNext, loadLiveQueue, saveCallAlertMinutes, type CallView, type LiveQueue, type LiveQueueView, type QueueEntry } from './live-queue-api.js';
import { renderAlertSetting } from './alert-setting.js';
import { liveQueueMessagesFor, type LiveQueueMessages } from './live-queue-i18n.js';
import { styles } from './live-queue.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-call': CustomEvent<CallView>;
  }
}

/**
 * `<kep-live-queue>`: «Ουρά αναμονής», the operator's screen of the counter. For each of the
 * caller's queues (the ones they may call in: their own, unassigned ones, all of them for the store
 * administrator; a supervisor sees every queue and calls in none) it lists who has arrived and
 * waits, in order of appointment time, with the ticket number, and the latest calls. «Κλήση» calls
 * the next citizen (the number shows on the waiting room's `<kep-call-display>`); «Νέα κλήση»
 * announces a called number again. A citizen waiting past the KEP's call alert minutes is flagged
 * in words and with a bar, not by colour alone.
 *
 * It stays current without a reload: the KEP's live events (`/api/v1/stores/{id}/events`, through
 * {@link openLiveStream}) make it reload the queue, and while the stream is down it polls every
 * minute. Calls and new alerts are announced in a polite live region; the focus stays on the button,
 * ready for the next call. A refusal (nobody waiting) goes to the error summary, which takes the focus.
 *
 * @fires kep-call - After a call; `detail` is the {@link CallView}. Bubbles and crosses shadow roots.
 * @csspart queue - Each queue's section.
 */
export class KepLiveQueue extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    view: { state: true },
    busy: { state: true },
    errors: { state: true },
    announcement: { state: true },
    settingError: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  private declare view: LiveQueueView | null;
  /** The queue whose call is on its way. */
  private declare busy: string | null;
  private declare errors: string[];
  private declare announcement: string;
  /** The call alert minutes the store administrator typed, refused. */
  private declare settingError: string | null;
  #session = new StaffSession(this, () => this.#listen());
  #stream: LiveStream | null = null;
  #loading: Promise<void> | null = null;
  #again = false;
  #updatedAt = '';

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.view = null;
    this.busy = null;
    this.errors = [];
    this.announcement = '';
    this.settingError = null;
  }

  get #t(): LiveQueueMessages {
    return liveQueueMessagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
    else if (changed.has('storeId')) this.#listen();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.#session.me) this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stream?.close();
    this.#stream = null;
  }

  override render(): TemplateResult {
    const store = this.#session.store(this.storeId);
    if (!store) return this.#session.renderNotice();
    const t = this.#t;
    const view = this.view;
    const queues = view ? shownQueues(view.queues) : [];
    const alerts = queues.flatMap((q) => q.waiting).filter((e) => e.alert).length;
    return html`<section aria-labelledby="live-queue-title">
      <h2 id="live-queue-title">${t.title(store.name)}</h2>
      ${view ? html`<p class="hint">${t.intro(view.callAlertMinutes)}</p>` : nothing}
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderErrorSummary(this.errors, { id: 'live-queue-errors', title: t.title(store.name), heading: 'h3' })}
      ${view && alerts > 0 ? html`<p class="alert-summary">${t.alerts(alerts, view.callAlertMinutes)}</p>` : nothing}
      ${view && queues.length === 0 ? html`<p>${t.noQueues}</p>` : nothing}
      ${view && queues.length > 0 && !queues.some((q) => q.canCall) ? html`<p class="hint">${t.readOnly}</p>` : nothing}
      ${queues.map((q) => this.#renderQueue(q, view!.callAlertMinutes))}
      ${this.#updatedAt ? html`<p class="updated">${t.updated(this.#updatedAt)}</p>` : nothing}
      ${view && store.role === 'store_admin'
        ? html`${renderAlertSetting(t, view.callAlertMinutes, this.settingError, this.#saveSetting)}
            <kep-waiting-settings store-id=${this.storeId} api-base=${this.apiBase} lang=${this.lang}></kep-waiting-settings>`
        : nothing}
    </section>`;
  }

  #renderQueue(q: LiveQueue, minutes: number): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    return html`<section part="queue" aria-labelledby="queue-${q.id}" data-queue=${q.id}>
      <div class="queue-head">
        <div>
          <h3 id="queue-${q.id}" tabindex="-1">${q.name}</h3>
          ${q.employee ? html`<p class="hint">${t.employee(q.employee.name)}</p>` : nothing}
        </div>
        ${q.canCall
          ? // Not `disabled` while calling: a disabled button drops the focus, and the operator calls again from it.
            html`<button type="button" class="call" aria-label=${t.callIn(q.name)} aria-disabled=${this.busy === q.id ? 'true' : 'false'} @click=${() => void this.#call(q)}>
              ${this.busy === q.id ? t.calling : t.call}
            </button>`
          : nothing}
      </div>
      ${q.waiting.length === 0
        ? html`<p>${t.nobody}</p>`
        : html`<div class="table-wrapper"><table class="waiting">
            <caption>${t.waitingCaption(q.name)}</caption>
            <thead><tr><th scope="col">${c.number}</th><th scope="col">${c.time}</th><th scope="col">${c.name}</th><th scope="col">${c.reference}</th><th scope="col">${c.arrived}</th></tr></thead>
            <tbody>${q.waiting.map((e) => html`<tr class=${e.alert ? 'alert' : ''} data-id=${e.appointmentId}>
              <td>${this.#number(e)}</td>
              <td>${e.time}</td>
              <th scope="row">${e.lastName} ${e.firstName}${e.alert ? html`<span class="alert-text">${t.alert(minutes)}</span>` : nothing}</th>
              <td>${e.reference}</td>
              <td>${e.arrivedAt ? formatTime(e.arrivedAt) : ''}</td>
            </tr>`)}</tbody>
          </table></div>`}
      ${q.called.length === 0
        ? html`<p class="hint">${t.noneCalled}</p>`
        : html`<div class="table-wrapper"><table class="called">
            <caption>${t.calledCaption(q.name)}</caption>
            <thead><tr><th scope="col">${c.number}</th><th scope="col">${c.name}</th><th scope="col">${c.time}</th><th scope="col">${c.called}</th>${q.canCall ? html`<th scope="col">${c.actions}</th>` : nothing}</tr></thead>
            <tbody>${q.called.map((e) => html`<tr data-id=${e.appointmentId}>
              <td>${this.#number(e)}</td>
              <th scope="row">${e.lastName} ${e.firstName}</th>
              <td>${e.time}</td>
              <td>${e.calledAt ? formatTime(e.calledAt) : ''}</td>
              ${q.canCall
                ? html`<td>${e.status === 'arrived' ? html`<button type="button" class="secondary" @click=${() => void this.#call(q, e)}>${t.recall(e.number)}</button>` : nothing}</td>`
                : nothing}
            </tr>`)}</tbody>
          </table></div>`}
    </section>`;
  }

  readonly #saveSetting = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const typed = String(new FormData(event.currentTarget as HTMLFormElement).get('alert-minutes') ?? '').trim();
    this.announcement = '';
    try {
      // The server checks the value (and answers in Greek on the field): one rule, in one place.
      const saved = await saveCallAlertMinutes(this.#session.api, this.storeId, typed === '' ? null : Number(typed), this.#session.csrfToken);
      this.settingError = null;
      if (this.view) this.view = { ...this.view, callAlertMinutes: saved.callAlertMinutes };
      this.announcement = this.#t.settingSaved(saved.callAlertMinutes);
    } catch (error) {
      const message = this.#session.failure(error);
      if (message === null) return;
      this.settingError = (error instanceof ProblemError && error.problem.errors?.find((e) => e.path === 'callAlertMinutes')?.message) || message;
      await focusAfterRender(this, '#alert-minutes');
    }
  };

  #number(e: QueueEntry): TemplateResult {
    return e.number === null ? html`${this.#t.noTicket}` : html`<span class="ticket-number">${e.number}</span>`;
  }

  async #call(q: LiveQueue, again?: QueueEntry): Promise<void> {
    if (this.busy) return;
    this.busy = q.id;
    this.announcement = '';
    try {
      const call = await callNext(this.#session.api, this.storeId, q.id, this.#session.csrfToken, again?.appointmentId);
      const who = [...q.waiting, ...q.called].find((e) => e.appointmentId === call.appointmentId);
      const name = who ? `${who.lastName} ${who.firstName}` : call.reference;
      this.errors = [];
      this.announcement = call.recall ? this.#t.recalled(call.number, name) : this.#t.called(call.number, name, call.queue.name);
      this.dispatchEvent(new CustomEvent('kep-call', { detail: call, bubbles: true, composed: true }));
    } catch (error) {
      const message = this.#session.failure(error);
      if (message !== null) {
        this.errors = [message];
        await focusAfterRender(this, '.error-summary');
      }
    } finally {
      this.busy = null;
    }
    await this.#reload();
  }

  /** Opens the KEP's live stream (again, for another KEP) and loads the queue. */
  #listen(): void {
    this.#stream?.close();
    this.#stream = null;
    if (!this.storeId || !this.#session.store(this.storeId) || !this.isConnected) return;
    const base = (this.apiBase ?? '').replace(/\/+$/, '');
    this.#stream = openLiveStream({
      url: `${base}/api/v1/stores/${encodeURIComponent(this.storeId)}/events`,
      withCredentials: true,
      onEvent: (event) => {
        // Someone new waits: a «nobody waiting» refusal on the screen no longer holds.
        if (event.kind === 'arrived') this.errors = [];
        if (event.kind !== 'video-waiting') void this.#reload();
      },
      onPoll: () => void this.#reload(),
    });
    void this.#reload();
  }

  /** Loads the queue; events that come in while a load runs make one more load after it. */
  async #reload(): Promise<void> {
    if (this.#loading) {
      this.#again = true;
      return this.#loading;
    }
    this.#loading = (async () => {
      do {
        this.#again = false;
        await this.#load();
      } while (this.#again);
    })().finally(() => (this.#loading = null));
    return this.#loading;
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    if (!storeId || !this.#session.store(storeId)) return;
    try {
      const view = await loadLiveQueue(this.#session.api, storeId);
      if (storeId !== this.storeId) return;
      this.#announceNewAlerts(view);
      this.view = view;
      this.#updatedAt = formatTime(new Date().toISOString());
    } catch (error) {
      const message = this.#session.failure(error);
      if (message !== null) this.errors = [message];
    }
  }

  /** A citizen newly flagged as waiting too long is announced once (the screen may be in another tab). */
  #announceNewAlerts(next: LiveQueueView): void {
    if (!this.view) return;
    const before = new Set(shownQueues(this.view.queues).flatMap((q) => q.waiting.filter((e) => e.alert).map((e) => e.appointmentId)));
    const fresh = shownQueues(next.queues).flatMap((q) => q.waiting.filter((e) => e.alert && !before.has(e.appointmentId)));
    if (fresh.length > 0 && !this.busy) this.announcement = this.#t.alerts(fresh.length, next.callAlertMinutes);
  }
}

/** The queues the person works: those they may call in, or every queue for someone who calls in none (a supervisor). */
function shownQueues(queues: LiveQueue[]): LiveQueue[] {
  const callable = queues.filter((q) => q.canCall);
  return callable.length > 0 ? callable : queues;
}
