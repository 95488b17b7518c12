import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { addDays, todayInAthens } from '../shared/dates.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { StaffSession } from '../shared/session.js';
import { renderDecisionPanel, readDecision, type PendingChange } from './decision-panel.js';
import { readExceptionForm, renderExceptionForm, renderExceptions, renderHolidays } from './exceptions-section.js';
import { draftProblems, fromDraft, renderHoursEditor, summariseHours, toDraft, type HoursDraft } from './hours-editor.js';
import * as api from './queues-api.js';
import { queueMessagesFor, type QueueMessages } from './queues-i18n.js';
import { styles } from './kep-queues.styles.js';
import '../kep-arrivals/define.js';

interface Data { storeId: string; queues: api.Queue[]; exceptions: api.ScheduleException[]; holidays: api.Holiday[] }

/** How far ahead the exceptions and holidays are listed. */
const COMING_DAYS = 183;

declare global {
  interface HTMLElementEventMap {
    'kep-queues-changed': CustomEvent<{ kind: 'queue' | 'exception' }>;
  }
}

/**
 * `<kep-queues>`: the queues of one KEP with their weekly hours and state, the exceptions and the
 * holidays of the coming months. Its store administrator toggles queues active and public, edits the
 * hours per weekday, adds queues and exceptions; a change that would leave future appointments
 * outside the hours first asks what to do with them. Operators see everything, read-only.
 *
 * @example
 * ```html
 * <kep-queues store-id="8d4e…" api-base="" lang="el"></kep-queues>
 * ```
 * @fires kep-queues-changed - After a queue or exception change is saved. Bubbles, composed.
 * @csspart queues - The queues table. @csspart hours-editor - The weekly-hours form.
 * @csspart decision - The question about affected appointments.
 * @csspart exceptions - The exceptions table. @csspart holidays - The holidays table.
 * @cssprop --kep-primary, --kep-text, --kep-error, --kep-focus, --kep-border, --kep-muted, --kep-background
 */
export class KepQueues extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    data: { state: true },
    loadError: { state: true },
    draft: { state: true },
    pending: { state: true },
    pendingError: { state: true },
    errors: { state: true },
    announcement: { state: true },
  };

  declare storeId: string;
  declare apiBase: string;
  declare lang: string;
  private declare data: Data | null;
  private declare loadError: string | null;
  private declare draft: HoursDraft | null;
  private declare pending: PendingChange | null;
  private declare pendingError: string | null;
  private declare errors: string[];
  private declare announcement: string;
  #session = new StaffSession(this);

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.data = null;
    this.loadError = null;
    this.draft = null;
    this.pending = null;
    this.pendingError = null;
    this.errors = [];
    this.announcement = '';
  }

  get #t(): QueueMessages {
    return queueMessagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // The data loads beside the session, not after it.
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
    if (changed.has('apiBase') || changed.has('storeId')) void this.#load();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const store = this.#session.store(this.storeId);
    if (!store) return this.#session.renderNotice();
    const admin = store.role === 'store_admin';
    const data = this.data?.storeId === this.storeId ? this.data : null;
    return html`
      <h2>${t.title(store.name)}</h2>
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${admin ? nothing : html`<p class="hint">${t.readOnly}</p>`}
      ${renderErrorSummary(this.errors, { id: 'queue-errors', title: t.errorSummaryTitle, heading: 'h4' })}
      ${this.pending ? renderDecisionPanel(this.pending, t, { confirm: (e) => void this.#decide(e), cancel: () => this.#closePending() }, this.pendingError) : nothing}
      ${this.loadError ? html`<p class="problem" role="alert">${this.loadError}</p>` : nothing}
      ${data ? this.#renderData(data, admin) : html`<p>${messagesFor(this.lang).loading}</p>`}
    `;
  }

  #renderData(data: Data, admin: boolean): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    const editing = this.draft && data.queues.find((q) => q.id === this.draft!.queueId);
    return html`
      <section aria-labelledby="queues-title">
        <h3 id="queues-title">${t.queues}</h3>
        <div class="table-wrapper"><table part="queues">
          <caption>${t.queuesCaption}</caption>
          <thead><tr><th scope="col">${c.name}</th><th scope="col">${c.mode}</th><th scope="col">${c.slot}</th><th scope="col">${c.hours}</th><th scope="col">${c.active}</th><th scope="col">${c.public}</th>${admin ? html`<th scope="col">${c.actions}</th>` : nothing}</tr></thead>
          <tbody>${data.queues.map((q) => html`<tr data-id=${q.id}>
            <th scope="row">${q.name}${q.isDefault ? html` <span class="tag">${t.defaultQueue}</span>` : nothing}${q.employee ? html`<br /><span class="hint">${q.employee.name}</span>` : nothing}</th>
            <td>${t.modes[q.mode]}</td>
            <td>${t.minutes(q.slotMinutes)}</td>
            <td>${summariseHours(q.weeklyHours, t)}</td>
            <td><input type="checkbox" .checked=${q.active} ?disabled=${!admin} aria-label=${t.activeLabel(q.name)} @change=${(e: Event) => this.#toggle(e, q, 'active')} /></td>
            <td><input type="checkbox" .checked=${q.public} ?disabled=${!admin} aria-label=${t.publicLabel(q.name)} @change=${(e: Event) => this.#toggle(e, q, 'public')} /></td>
            ${admin ? html`<td><div class="buttons">
              <button type="button" class="secondary" aria-expanded=${this.draft?.queueId === q.id ? 'true' : 'false'} @click=${() => this.#openEditor(q)}>${t.editHours(q.name)}</button>
              ${q.isDefault ? nothing : html`<button type="button" class="secondary" @click=${() => void this.#deleteQueue(q)}>${t.deleteQueue(q.name)}</button>`}
            </div></td>` : nothing}
          </tr>`)}</tbody>
        </table></div>
        ${editing ? renderHoursEditor(this.draft!, editing.name, t, { change: (d) => (this.draft = d), save: (e) => void this.#saveHours(e), cancel: () => this.#closeEditor() }) : nothing}
        ${admin ? html`<form part="queue-form" class="inline-form" aria-labelledby="new-queue" novalidate @submit=${this.#createQueue}>
          <h4 id="new-queue">${t.newQueue}</h4>
          <div class="form-group"><label for="queue-name">${t.queueName}</label><input id="queue-name" name="name" type="text" maxlength="200" required /></div>
          <div class="form-group"><label for="queue-mode">${c.mode}</label><select id="queue-mode" name="mode"><option value="in_person">${t.modes.in_person}</option><option value="video">${t.modes.video}</option></select></div>
          <button type="submit">${t.create}</button>
        </form>` : nothing}
      </section>
      <section aria-labelledby="exceptions-title">
        <h3 id="exceptions-title">${t.exceptions}</h3>
        ${renderExceptions(data.exceptions, data.queues, t, admin, (e) => void this.#run(() => api.deleteException(this.#session.api, this.storeId, e.id, this.#session.csrfToken), 'exception', t.deleted))}
        ${admin ? renderExceptionForm(data.queues, t, (e) => void this.#addException(e)) : nothing}
      </section>
      <section aria-labelledby="holidays-title">
        <h3 id="holidays-title">${t.holidays}</h3>
        ${renderHolidays(data.holidays, t)}
      </section>
      ${admin ? html`<kep-devices store-id=${this.storeId} api-base=${this.apiBase ?? ''} lang=${this.lang}></kep-devices>` : nothing}
    `;
  }

  #toggle(event: Event, q: api.Queue, field: 'active' | 'public'): void {
    const checked = (event.target as HTMLInputElement).checked;
    // The box shows the stored state until the server agrees (or the decision panel is answered).
    (event.target as HTMLInputElement).checked = q[field];
    void this.#changeQueue(q, { [field]: checked });
  }

  #openEditor(q: api.Queue): void {
    this.draft = this.draft?.queueId === q.id ? null : toDraft(q.id, q.weeklyHours, q.slotMinutes);
    void focusAfterRender(this, '#hours-editor-title');
  }

  #closeEditor(): void {
    const id = this.draft?.queueId;
    this.draft = null;
    // Focus goes back to the button that opened the editor.
    void focusAfterRender(this, `tr[data-id="${id}"] button[aria-expanded]`);
  }

  async #saveHours(event: Event): Promise<void> {
    event.preventDefault();
    const draft = this.draft;
    const q = this.data?.queues.find((x) => x.id === draft?.queueId);
    if (!draft || !q) return;
    const problems = draftProblems(draft, this.#t);
    if (problems.length) return this.#showErrors(problems);
    if (await this.#changeQueue(q, { weeklyHours: fromDraft(draft), slotMinutes: draft.slotMinutes })) this.#closeEditor();
  }

  /** PATCHes a queue; a 409 about future appointments opens the decision panel. True when saved now. */
  async #changeQueue(q: api.Queue, body: api.QueueChange): Promise<boolean> {
    const targets = (this.data?.queues ?? []).filter((x) => x.id !== q.id && x.active && x.mode === (body.mode ?? q.mode));
    return this.#run(() => api.updateQueue(this.#session.api, this.storeId, q.id, body, this.#session.csrfToken), 'queue', this.#t.saved, {
      kind: 'queue',
      targets,
      retry: async (decision) => {
        await api.updateQueue(this.#session.api, this.storeId, q.id, { ...body, ...decision }, this.#session.csrfToken);
        if (body.weeklyHours) this.draft = null;
      },
    });
  }

  async #createQueue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    if (!name) return this.#showErrors([this.#t.errors.name]);
    const mode = String(data.get('mode')) === 'video' ? 'video' : 'in_person';
    if (await this.#run(() => api.createQueue(this.#session.api, this.storeId, { name, mode }, this.#session.csrfToken), 'queue', this.#t.saved)) form.reset();
  }

  async #addException(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const read = readExceptionForm(form, this.#t);
    if ('errors' in read) return this.#showErrors(read.errors);
    const targets = (this.data?.queues ?? []).filter((x) => x.active && x.id !== read.value.queueId);
    const saved = await this.#run(() => api.createException(this.#session.api, this.storeId, read.value, this.#session.csrfToken), 'exception', this.#t.saved, {
      kind: 'exception',
      targets,
      retry: async (decision) => void (await api.createException(this.#session.api, this.storeId, { ...read.value, ...decision }, this.#session.csrfToken)),
    });
    if (saved) form.reset();
  }

  async #deleteQueue(q: api.Queue): Promise<void> {
    if (!confirm(this.#t.deleteQueue(q.name) + '?')) return;
    await this.#run(() => api.deleteQueue(this.#session.api, this.storeId, q.id, this.#session.csrfToken), 'queue', this.#t.deleted);
  }

  /**
   * Runs a change, then reloads and announces it. A 409 listing affected appointments becomes the
   * decision panel (when `ask` is given); other problems go to the error summary.
   */
  async #run(change: () => Promise<unknown>, kind: 'queue' | 'exception', done: string, ask?: Omit<PendingChange, 'affected'>): Promise<boolean> {
    this.errors = [];
    this.announcement = '';
    try {
      await change();
    } catch (error) {
      const affected = error instanceof ProblemError ? (error.problem as { affectedAppointments?: api.AffectedAppointment[] }).affectedAppointments : undefined;
      if (ask && error instanceof ProblemError && error.status === 409 && affected?.length) {
        this.pending = { ...ask, affected };
        this.pendingError = null;
        await focusAfterRender(this, '#decision-title');
      } else await this.#showErrors(problemMessages(error, this.lang));
      return false;
    }
    await this.#saved(kind, done);
    return true;
  }

  async #decide(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const pending = this.pending;
    if (!pending) return;
    const decision = readDecision(event.currentTarget as HTMLFormElement);
    if (decision.onFutureAppointments === 'move' && !decision.moveToQueueId) return void (this.pendingError = this.#t.errors.moveTo);
    try {
      await pending.retry(decision);
    } catch (error) {
      this.pendingError = problemMessages(error, this.lang).join(' ');
      return;
    }
    this.#closePending();
    await this.#saved(pending.kind, this.#t.saved);
  }

  #closePending(): void {
    this.pending = null;
    this.pendingError = null;
  }

  async #saved(kind: 'queue' | 'exception', message: string): Promise<void> {
    await this.#load();
    this.announcement = message;
    this.dispatchEvent(new CustomEvent('kep-queues-changed', { detail: { kind }, bubbles: true, composed: true }));
  }

  async #showErrors(messages: string[]): Promise<void> {
    this.errors = messages;
    await focusAfterRender(this, '.error-summary');
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    if (!storeId) return;
    const from = todayInAthens();
    const to = addDays(from, COMING_DAYS);
    const years = [...new Set([from.slice(0, 4), to.slice(0, 4)])].map(Number);
    try {
      const [queues, exceptions, ...holidays] = await Promise.all([
        api.listQueues(this.#session.api, storeId),
        api.listExceptions(this.#session.api, storeId, from, to),
        ...years.map((y) => api.listHolidays(this.#session.api, storeId, y)),
      ]);
      this.loadError = null;
      this.data = { storeId, queues: queues.items, exceptions: exceptions.items, holidays: holidays.flatMap((h) => h.items).filter((h) => h.date >= from && h.date <= to) };
    } catch (error) {
      this.loadError = error instanceof ProblemError && error.status === 404 ? messagesFor(this.lang).storeNotFound : this.#session.failure(error);
    }
  }
}

/** The person-readable lines of a failed request: the detail and each field's message. */
function problemMessages(error: unknown, lang: string): string[] {
  const general = describeError(error, messagesFor(lang));
  const fields = error instanceof ProblemError ? (error.problem.errors ?? []).map((e) => e.message) : [];
  return [general, ...fields.filter((m) => m !== general)];
}
