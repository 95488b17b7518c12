import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { renderErrorSummary, type FieldProblem } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { StaffSession } from '../shared/session.js';
import * as api from './outbox-api.js';
import { outboxMessagesFor, type OutboxMessages } from './outbox-i18n.js';
import { styles } from './kep-outbox.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-outbox-retried': CustomEvent<{ messageId: string; addressCorrected: boolean }>;
  }
}

// A light check, so an obvious typo is caught next to its field; the server decides for good.
const LOOKS_LIKE_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * `<kep-outbox>`: the emails to citizens of one KEP that failed for good, with the mail server's
 * reason, for its store administrator. Each row has the citizen's address, which can be corrected,
 * and a button that sends the message again. Others see a short explanation instead.
 *
 * @example
 * ```html
 * <kep-outbox store-id="8d4e…" api-base="" lang="el"></kep-outbox>
 * ```
 * @fires kep-outbox-retried - After a message was queued again. Bubbles, composed.
 * @csspart table - The failed messages.
 * @cssprop --kep-primary, --kep-text, --kep-error, --kep-focus, --kep-border, --kep-muted, --kep-background
 */
export class KepOutbox extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    items: { state: true },
    loadError: { state: true },
    problems: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  declare storeId: string;
  declare apiBase: string;
  declare lang: string;
  private declare items: api.OutboxMessage[] | null;
  private declare loadError: string | null;
  private declare problems: FieldProblem[];
  private declare announcement: string;
  private declare busy: string | null;
  #session = new StaffSession(this, () => this.#load());

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.items = null;
    this.loadError = null;
    this.problems = [];
    this.announcement = '';
    this.busy = null;
  }

  get #t(): OutboxMessages {
    return outboxMessagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
    if (changed.has('storeId') && this.#session.me) void this.#load();
  }

  override render(): TemplateResult {
    const store = this.#session.store(this.storeId);
    if (!store) return this.#session.renderNotice();
    const t = this.#t;
    if (store.role !== 'store_admin') return html`<h2>${t.title(store.name)}</h2><p class="hint">${t.notAdmin}</p>`;
    return html`
      <h2>${t.title(store.name)}</h2>
      <p class="hint">${t.intro}</p>
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderErrorSummary(this.problems, { id: 'outbox-errors', title: t.errorSummaryTitle })}
      ${this.loadError ? html`<p class="problem" role="alert">${this.loadError}</p>` : nothing}
      <div class="toolbar">
        <button type="button" class="secondary" @click=${() => void this.#load()}>${t.refresh}</button>
        ${this.items ? html`<span>${t.count(this.items.length)}</span>` : nothing}
      </div>
      ${this.items === null ? html`<p>${messagesFor(this.lang).loading}</p>` : this.items.length === 0 ? html`<p>${t.empty}</p>` : this.#renderTable(this.items)}
    `;
  }

  #renderTable(items: api.OutboxMessage[]): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    return html`<div class="table-wrapper"><table part="table" aria-busy=${this.busy ? 'true' : 'false'}>
      <caption>${t.caption}</caption>
      <thead><tr><th scope="col">${c.appointment}</th><th scope="col">${c.citizen}</th><th scope="col">${c.kind}</th><th scope="col">${c.reason}</th><th scope="col">${c.attempts}</th><th scope="col">${c.action}</th></tr></thead>
      <tbody>${items.map((m) => {
        const name = `${m.appointment.firstName} ${m.appointment.lastName}`;
        const field = `email-${m.id}`;
        const problem = this.problems.find((p) => p.field === field);
        const invalid = Boolean(problem);
        return html`<tr data-id=${m.id}>
          <td>${formatDate(dateInAthens(new Date(m.appointment.startsAt)))} ${formatTime(m.appointment.startsAt)}</td>
          <th scope="row">${name}</th>
          <td>${t.kinds[m.kind] ?? m.kind}</td>
          <td class="reason">${m.lastError ?? ''}</td>
          <td>${m.attempts}</td>
          <td>
            <form class="resend ${invalid ? 'form-group--error' : ''}" novalidate @submit=${(e: SubmitEvent) => void this.#resend(e, m, name)}>
              <label class="visually-hidden" for=${field}>${t.emailLabel(name)}</label>
              ${problem ? html`<p class="error-message" id="${field}-error">${problem.message}</p>` : nothing}
              <input id=${field} name="email" type="email" autocomplete="off" spellcheck="false" maxlength="254" .value=${m.appointment.email ?? ''}
                aria-invalid=${invalid ? 'true' : 'false'} aria-describedby=${problem ? `${field}-error` : nothing} />
              <button type="submit" aria-label=${t.resendFor(name)} ?disabled=${this.busy === m.id}>${t.resend}</button>
            </form>
          </td>
        </tr>`;
      })}</tbody>
    </table></div>`;
  }

  async #resend(event: SubmitEvent, message: api.OutboxMessage, name: string): Promise<void> {
    event.preventDefault();
    const field = `email-${message.id}`;
    const email = String(new FormData(event.currentTarget as HTMLFormElement).get('email') ?? '').trim();
    this.announcement = '';
    if (!LOOKS_LIKE_EMAIL.test(email)) return this.#showProblems([{ field, message: this.#t.invalidEmail(name) }]);
    const corrected = email !== (message.appointment.email ?? '');
    this.busy = message.id;
    try {
      await api.retry(this.#session.api, this.storeId, message.id, corrected ? email : undefined, this.#session.csrfToken);
    } catch (error) {
      const fields = error instanceof ProblemError ? (error.problem.errors ?? []).map((e) => ({ field, message: e.message })) : [];
      return this.#showProblems(fields.length ? fields : [{ field: null, message: describeError(error, messagesFor(this.lang)) }]);
    } finally {
      this.busy = null;
    }
    this.problems = [];
    await this.#load();
    this.announcement = this.#t.resent(name);
    this.dispatchEvent(new CustomEvent('kep-outbox-retried', { detail: { messageId: message.id, addressCorrected: corrected }, bubbles: true, composed: true }));
  }

  async #showProblems(problems: FieldProblem[]): Promise<void> {
    this.problems = problems;
    await focusAfterRender(this, '.error-summary');
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    if (this.#session.store(storeId)?.role !== 'store_admin') return;
    try {
      const page = await api.listFailed(this.#session.api, storeId);
      if (storeId !== this.storeId) return;
      this.items = page.items;
      this.loadError = null;
    } catch (error) {
      this.loadError = this.#session.failure(error);
    }
  }
}
