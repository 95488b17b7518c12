import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiClient, ProblemError, canWriteAppointments, type Appointment } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime, isIsoDate, todayInAthens } from '../shared/dates.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import type { KepAppointmentDialog, SavedDetail } from './appointment-dialog.js';
import { listAppointments, listParams, listQueues, procedureSuggestions, spansDays, type AppointmentPage, type ProcedureSuggestion, type QueueSummary } from './appointments-api.js';
import { appointmentMessages, type AppointmentMessages } from './appointments-i18n.js';
import { listTitle, renderDayNavigation, renderToolbar } from './day-view.js';
import { ClosedDayController, renderClosedDay } from './closed-day.js';
import { renderWaitlistCount, WaitlistCountController } from './waitlist-count.js';
import { renderDialogs } from './dialogs-view.js';
import { renderFilters, renderSearch } from './filters-view.js';
import { newlyFlaggedMessage, renderAttentionSummary } from './attention.js';
import { AppointmentListController } from './list-controller.js';
import { styles } from './kep-appointments.styles.js';
import { RowActions } from './row-actions.js';
import { ScreenClock } from './screen-clock.js';
import { LiveRefresh } from './live-refresh.js';
import { fetchSession, type Session } from '../shared/session.js';
import '../kep-arrivals/define.js';
import { renderTable } from './table-view.js';

declare global {
  interface HTMLElementEventMap {
    'kep-appointment-created': CustomEvent<Appointment>;
    'kep-appointment-updated': CustomEvent<Appointment>;
    'kep-appointment-cancelled': CustomEvent<Appointment>;
  }
}

/**
 * `<kep-appointments>`: the staff screen of one KEP. A month calendar chooses the day; a search
 * finds citizens by name across dates as one types; filters narrow by queue, status, mode, source
 * and dates; the table sorts by time or last name, pages, and counts per status. Each row records
 * attendance (arrived, served, did not come, undo) and opens the edit and cancel dialogs; the
 * day prints as an A4 list or downloads as CSV.
 *
 * Video appointments (myKEPLive) are marked with an icon and words; from 10 minutes before the
 * start until the end their meeting link leads the row («Έναρξη βιντεοκλήσης», a new tab), next
 * to the button that records the start of the call. A video appointment for a procedure that a
 * video call cannot serve (the server says so) offers the polite notice (an email, after a
 * confirmation), then shows when it went out. Appointments the server flags as needing attention are marked in words and
 * counted above the list. The list reloads every minute while the page is visible, and newly
 * flagged appointments are announced (a polite live region). The KEP's live events (a citizen
 * waiting in the video waiting room, an alert, an arrival, another counter's booking) reload it at once.
 *
 * The signed-in person comes from the plugin's session cookie; only KEPs listed for them by
 * `GET /api/v1/me` are shown. A supervisor (read-only) gets the same screen without a button that
 * changes anything.
 *
 * @example
 * ```html
 * <script type="module" src="/widget/rantevou.js"></script>
 * <kep-appointments store-id="8d4e…" date="2030-03-06" lang="el"></kep-appointments>
 * ```
 *
 * @fires kep-appointment-created - After a booking; `detail` is the new {@link Appointment}.
 * @fires kep-appointment-updated - After an edit or a status change; `detail` is the appointment as saved.
 * @fires kep-appointment-cancelled - After a cancellation; `detail` is the cancelled appointment.
 *   All three bubble and cross shadow roots.
 *
 * @csspart calendar - The calendar and the day buttons.
 * @csspart filters - The search and the filters.
 * @csspart toolbar - New appointment, print and CSV.
 * @csspart table - The appointments.
 * @csspart dialog - The add/edit, reason and polite-notice dialogs (exported from their own elements).
 * @csspart submit - The add/edit form's submit button.
 *
 * @cssprop --kep-primary - Links and buttons (gov.gr blue, #003476).
 * @cssprop --kep-text - Body text (#0b0c0c).
 * @cssprop --kep-error - Validation errors and the cancel button (#b60202).
 * @cssprop --kep-success - Confirmations (#00703c).
 * @cssprop --kep-focus - The focus ring (#ffdd00).
 * @cssprop --kep-border - Table rules (#b1b4b6).
 * @cssprop --kep-muted - Hints (#505a5f).
 * @cssprop --kep-background - Background of the element and its inputs (#ffffff).
 * @cssprop --kep-font-family - Typeface.
 */
export class KepAppointments extends LitElement {
  static override styles = styles;

  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    // Reflected so that screen readers pronounce the content in its language.
    lang: { reflect: true },
    date: {},
    session: { state: true },
    queues: { state: true },
    procedures: { state: true },
    listError: { state: true },
    actionError: { state: true },
    announcement: { state: true },
    attentionNews: { state: true },
    calendarOpen: { state: true },
    moreFiltersOpen: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  /** The day shown, YYYY-MM-DD; defaults to today in Athens. */
  declare date: string;

  private declare session: Session;
  /** The KEP's queues; null when the server cannot list them. */
  private declare queues: QueueSummary[] | null;
  /** The catalogue's procedures, suggested by the form. */
  private declare procedures: ProcedureSuggestion[];
  private declare listError: string | null;
  /**
   * What a row action (attendance, cancel…) was refused with. Kept apart from the list's own error,
   * which every reload clears: the once-a-minute refresh used to wipe the refusal before it was read.
   */
  private declare actionError: string | null;
  /** Read out by the live region; cleared first so that a repeat is announced again. */
  private declare announcement: string;
  /** Appointments newly flagged as needing attention since the last reload, read out politely. */
  private declare attentionNews: string;
  /** Whether the month calendar is shown (closed at first: the day's list comes first). */
  private declare calendarOpen: boolean;
  /** Whether «Περισσότερα φίλτρα» is open (the person's choice, or opened by a filter that is set). */
  private declare moreFiltersOpen: boolean;

  #api = new ApiClient('');
  #list = new AppointmentListController(
    this,
    { date: todayInAthens(), from: '', to: '', q: '', queueId: '', statuses: [], mode: '', source: '', sort: 'startsAt', page: 1 },
    (query, signal) => listAppointments(this.#api, this.storeId, query, signal),
    (outcome) => this.#onListSettled(outcome),
  );
  #rows = new RowActions(this, {
    list: this.#list,
    api: () => this.#api,
    csrfToken: () => (this.session.state === 'ready' ? this.session.me.csrfToken : null),
    t: () => this.#t,
    say: (message) => void (this.announcement = message),
    problem: (error) => (error === null ? void (this.actionError = null) : this.#onActionError(error)),
  });
  #clock = new ScreenClock(this, () => void this.#refresh());
  #closed = new ClosedDayController(this, () => this.lang);
  #waitlist = new WaitlistCountController(this);

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.date = todayInAthens();
    this.session = { state: 'loading' };
    this.queues = null;
    this.procedures = [];
    this.listError = null;
    this.actionError = null;
    this.announcement = '';
    this.attentionNews = '';
    this.calendarOpen = false;
    this.moreFiltersOpen = false;
    // The KEP's live events reload the list at once (arrivals, the video waiting room, alerts, other counters' bookings).
    new LiveRefresh(
      this,
      () => (this.session.state === 'ready' && this.storeId ? `${this.apiBase ?? ''}/api/v1/stores/${encodeURIComponent(this.storeId)}/events` : null),
      () => void this.#list.idle().then(() => this.#refresh()),
    );
  }

  get #t(): AppointmentMessages {
    return appointmentMessages(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('date') && !isIsoDate(this.date)) this.date = todayInAthens();
    if (changed.has('apiBase')) {
      // Removing the attribute sets the property to null.
      this.#api = new ApiClient(this.apiBase ?? '');
      void this.#loadSession();
    }
    if (changed.has('apiBase') || changed.has('storeId')) {
      this.#list.clear();
      void this.#loadStore();
    }
    if (changed.has('apiBase') || changed.has('storeId') || changed.has('date')) {
      // A day chosen in the calendar leaves a search or a range: the day is what was asked for.
      if (this.storeId) this.#list.change({ date: this.date, ...(changed.has('date') ? { q: '', from: '', to: '' } : {}) });
      this.#closed.show(this.#api, this.storeId, this.date);
      this.#waitlist.show(this.#api, this.storeId, this.date);
    }
  }

  override render(): TemplateResult {
    const common = messagesFor(this.lang);
    const session = this.session;
    if (session.state === 'loading') return html`<p>${common.loading}</p>`;
    if (session.state === 'signed-out') return html`<p>${common.signedOut} <a href=${this.#api.loginUrl(location.href)}>${common.signIn}</a></p>`;
    if (session.state === 'failed') return html`<p class="problem" role="alert">${session.message}</p>`;
    if (!this.storeId) return html`<p>${common.noStore}</p>`;
    const store = session.me.stores.find((s) => s.id === this.storeId);
    if (!store) return html`<p class="problem" role="alert">${common.storeNotFound}</p>`;
    const t = this.#t;
    const list = this.#list;
    const canWrite = canWriteAppointments(store.role);
    const filterQueues = this.#filterQueues();
    const context = { t, query: list.query, result: list.result, queues: filterQueues, change: list.change.bind(list), searchNow: () => void list.reload() };
    return html`
      <h2>${store.name}</h2>
      <a class="skip-link" href="#list-title" @click=${this.#skipToList}>${t.skipToList}</a>
      ${canWrite ? nothing : html`<p class="read-only">${t.readOnly}</p>`}
      <div class="bar">
        ${renderToolbar(t, this.#api, this.storeId, this.date, list.query.queueId, canWrite ? () => void this.#dialog?.openNew(this.date) : null)}
        <div part="calendar" class="day-navigation">
          ${renderDayNavigation(t, this.date, this.lang, (date) => this.#showDate(date), { open: this.calendarOpen, toggle: () => void (this.calendarOpen = !this.calendarOpen) })}
        </div>
      </div>
      <div class="top" part="filters">${renderSearch(context)} ${renderFilters({ ...context, moreOpen: this.moreFiltersOpen, setMoreOpen: (open) => void (this.moreFiltersOpen = open) })}</div>
      ${canWrite ? html`<kep-arrival-check-in store-id=${this.storeId} api-base=${this.apiBase ?? ''} lang=${this.lang} @kep-arrival-recorded=${() => void list.reload()}></kep-arrival-check-in>` : nothing}
      <h3 id="list-title" class="list-title" tabindex="-1">${listTitle(t, list.query)}</h3>
      ${spansDays(list.query) ? nothing : renderClosedDay(t, this.#closed.closures, (id) => this.queues?.find((q) => q.id === id)?.name ?? id)}
      ${spansDays(list.query) ? nothing : renderWaitlistCount(this.lang, this.#waitlist.day)}
      <div class="status" role="status">${this.announcement}</div>
      <div class="visually-hidden" role="status">${this.attentionNews}</div>
      <p role="status">${list.result ? t.found(list.result.total) : ''}</p>
      ${this.listError ? html`<p class="problem" role="alert">${this.listError}</p>` : nothing}
      ${this.actionError ? html`<p class="problem" role="alert">${this.actionError}</p>` : nothing}
      ${renderAttentionSummary(t, list.result)}
      ${list.result
        ? renderTable({
            ...context,
            result: list.result,
            loading: list.loading,
            showQueue: filterQueues.length > 1,
            busyId: this.#rows.busyId,
            titleId: 'list-title',
            canWrite,
            now: this.#clock.now,
            act: (action, a) => void this.#rows.act(action, a),
          })
        : html`<p>${common.loading}</p>`}
      ${canWrite
        ? renderDialogs({
            api: this.#api,
            csrfToken: session.me.csrfToken,
            storeId: this.storeId,
            lang: this.lang,
            queues: this.queues,
            procedures: this.procedures,
            saved: this.#onSaved,
            refreshed: (e) => this.#list.replace(e.detail),
            reasonDone: this.#rows.reasonDone,
            noticeSent: this.#rows.noticeSent,
            unauthorized: this.#onUnauthorized,
          })
        : nothing}
    `;
  }

  /** The KEP's queues or, when the server cannot list them, those the list shows. */
  #filterQueues(): { id: string; name: string }[] {
    if (this.queues) return this.queues;
    const seen = new Map((this.#list.result?.items ?? []).map((a) => [a.queueId, a.queueName]));
    return [...seen].map(([id, name]) => ({ id, name }));
  }

  get #dialog(): KepAppointmentDialog | null {
    return this.renderRoot.querySelector('kep-appointment-dialog');
  }

  /** The skip link: a fragment cannot reach into the shadow root, so the list's heading takes the focus here. */
  readonly #skipToList = (event: Event): void => {
    event.preventDefault();
    this.renderRoot.querySelector<HTMLElement>('#list-title')?.focus();
  };

  #showDate(date: string): void {
    this.date = date;
    this.announcement = '';
    this.actionError = null;
  }

  #onSaved(event: CustomEvent<SavedDetail>): void {
    const { appointment: a, created } = event.detail;
    const t = this.#t;
    const name = `${a.lastName} ${a.firstName}`;
    const day = dateInAthens(new Date(a.startsAt));
    // A booking on another day than the one shown: show its day, where the new row is.
    if (created && day !== this.date && !spansDays(this.#list.query)) this.#showDate(day);
    const message = created ? t.announce.created(name, `${formatDate(day)} ${formatTime(a.startsAt)}`) : t.announce.updated(name);
    void this.#rows.changed(created ? 'kep-appointment-created' : 'kep-appointment-updated', a, message);
  }

  /**
   * The minute's reload. Appointments flagged since the list was last loaded (same query: a list
   * the person changed meanwhile is not news) are announced by name.
   */
  async #refresh(): Promise<void> {
    const before = this.#list.result;
    if (this.session.state !== 'ready' || !this.storeId || this.#list.loading || !before) return;
    const key = listParams(this.#list.query).toString();
    await this.#list.reload();
    const after = this.#list.result;
    const news = after && listParams(this.#list.query).toString() === key ? newlyFlaggedMessage(this.#t, before, after) : '';
    if (!news) return;
    this.attentionNews = '';
    await this.updateComplete;
    this.attentionNews = news;
  }

  #onListSettled(outcome: { result: AppointmentPage } | { error: unknown }): void {
    if ('result' in outcome) this.listError = null;
    else if (outcome.error instanceof ProblemError && outcome.error.status === 404) this.listError = messagesFor(this.lang).storeNotFound;
    else this.#onError(outcome.error);
  }

  /** A failed request shown above the table (an alert); a lost session shows the sign-in link instead. */
  #onError(error: unknown): void {
    if (error instanceof ProblemError && error.status === 401) return this.#onUnauthorized();
    this.listError = describeError(error, messagesFor(this.lang));
  }

  #onActionError(error: unknown): void {
    if (error instanceof ProblemError && error.status === 401) return this.#onUnauthorized();
    this.actionError = describeError(error, messagesFor(this.lang));
  }

  #onUnauthorized(): void {
    this.session = { state: 'signed-out' };
  }

  async #loadSession(): Promise<void> {
    const api = this.#api;
    this.session = { state: 'loading' };
    const session = await fetchSession(api, this.lang);
    // A newer api-base may have replaced this client meanwhile; its own request decides then.
    if (api === this.#api) this.session = session;
  }

  /** The KEP's queues and the catalogue's procedures; without them the screen still works, with less help. */
  async #loadStore(): Promise<void> {
    const { storeId } = this;
    this.queues = null;
    this.procedures = [];
    if (!storeId) return;
    const [queues, procedures] = await Promise.allSettled([listQueues(this.#api, storeId), procedureSuggestions(this.#api, storeId)]);
    if (storeId !== this.storeId) return;
    this.queues = queues.status === 'fulfilled' ? queues.value : null;
    this.procedures = procedures.status === 'fulfilled' ? procedures.value : [];
  }
}
