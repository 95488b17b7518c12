import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ApiClient, ProblemError, type Appointment, type Me } from '../shared/api.js';
import { addDays, formatDate, formatTime, formatWeekday, isIsoDate, todayInAthens } from '../shared/dates.js';
import { describeError, messagesFor, type Messages } from '../shared/i18n.js';
import {
  FIELDS,
  formErrorsFrom,
  readForm,
  toRequest,
  validate,
  type Field,
  type FormErrors,
} from './appointment-form.js';
import { styles } from './kep-appointments.styles.js';

type Session =
  | { state: 'loading' }
  | { state: 'signed-out' }
  | { state: 'ready'; me: Me }
  | { state: 'failed'; message: string };

/** The appointments last loaded, and for which store and day. */
interface Day {
  storeId: string;
  date: string;
  items: Appointment[];
}

declare global {
  interface HTMLElementEventMap {
    'kep-appointment-created': CustomEvent<Appointment>;
  }
}

/**
 * `<kep-appointments>`: the appointments of one KEP for one day, and a form with which
 * staff book a new one (a citizen on the phone, at the counter, or by email).
 *
 * The signed-in person comes from the plugin's session cookie; the element only shows
 * KEPs listed for them by `GET /api/v1/me`.
 *
 * @example
 * ```html
 * <script type="module" src="/widget/rantevou.js"></script>
 * <kep-appointments store-id="8d4e…" lang="el"></kep-appointments>
 * ```
 *
 * @fires kep-appointment-created - After a booking succeeds; `detail` is the new
 *   {@link Appointment}. Bubbles and crosses shadow roots.
 *
 * @csspart table - The day's appointments.
 * @csspart form - The new-appointment form.
 * @csspart submit - The form's submit button.
 *
 * @cssprop --kep-primary - Links and buttons (gov.gr blue, #003476).
 * @cssprop --kep-text - Body text (#0b0c0c).
 * @cssprop --kep-error - Validation errors (#b60202).
 * @cssprop --kep-success - The confirmation after a booking (#00703c).
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
    day: { state: true },
    dayLoading: { state: true },
    dayError: { state: true },
    formErrors: { state: true },
    announcement: { state: true },
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
  private declare day: Day | null;
  private declare dayLoading: boolean;
  private declare dayError: string | null;
  private declare formErrors: FormErrors | null;
  /** Read out by the live region; cleared before each booking so a repeat is announced again. */
  private declare announcement: string;

  #api = new ApiClient('');
  #dayRequest: AbortController | null = null;
  #submitting = false;

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.date = todayInAthens();
    this.session = { state: 'loading' };
    this.day = null;
    this.dayLoading = false;
    this.dayError = null;
    this.formErrors = null;
    this.announcement = '';
  }

  get #t(): Messages {
    return messagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('date') && !isIsoDate(this.date)) this.date = todayInAthens();
    if (changed.has('apiBase')) {
      // Removing the attribute sets the property to null.
      this.#api = new ApiClient(this.apiBase ?? '');
      void this.#loadSession();
    }
    if (changed.has('apiBase') || changed.has('storeId') || changed.has('date')) void this.#loadDay();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const session = this.session;
    switch (session.state) {
      case 'loading':
        return html`<p>${t.loading}</p>`;
      case 'signed-out':
        return html`<p>${t.signedOut} <a href=${this.#api.loginUrl(location.href)}>${t.signIn}</a></p>`;
      case 'failed':
        return html`<p class="problem" role="alert">${session.message}</p>`;
    }
    if (!this.storeId) return html`<p>${t.noStore}</p>`;
    const store = session.me.stores.find((s) => s.id === this.storeId);
    if (!store) return html`<p class="problem" role="alert">${t.storeNotFound}</p>`;

    return html`
      <h2>${store.name} <span aria-hidden="true">—</span> ${this.#longDate(this.date)}</h2>
      ${this.#renderDayNavigation()} ${this.#renderDay()} ${this.#renderForm()}
    `;
  }

  #renderDayNavigation(): TemplateResult {
    const t = this.#t;
    return html`
      <div class="day" role="group" aria-label=${t.dayNavigation}>
        <button type="button" @click=${() => this.#showDate(addDays(this.date, -1))}>
          <span aria-hidden="true">‹</span> ${t.previousDay}
        </button>
        <div>
          <label for="date">${t.date}</label>
          <input id="date" type="date" .value=${this.date} @change=${this.#onDateChange} />
        </div>
        <button type="button" @click=${() => this.#showDate(addDays(this.date, 1))}>
          ${t.nextDay} <span aria-hidden="true">›</span>
        </button>
      </div>
    `;
  }

  #renderDay(): TemplateResult {
    const t = this.#t;
    if (this.dayError) return html`<p class="problem" role="alert">${this.dayError}</p>`;
    const day = this.day;
    if (!day || day.storeId !== this.storeId || day.date !== this.date) return html`<p>${t.loading}</p>`;
    const c = t.columns;
    return html`
      <div class="table-wrapper">
        <table part="table" aria-busy=${this.dayLoading ? 'true' : 'false'}>
          <caption>
            ${t.caption(formatDate(day.date))}
          </caption>
          <thead>
            <tr>
              <th scope="col">${c.time}</th>
              <th scope="col">${c.name}</th>
              <th scope="col">${c.phone}</th>
              <th scope="col">${c.email}</th>
              <th scope="col">${c.notes}</th>
              <th scope="col">${c.status}</th>
            </tr>
          </thead>
          <tbody>
            ${day.items.length === 0
              ? html`<tr class="empty">
                  <td colspan="6">${t.noAppointments}</td>
                </tr>`
              : day.items.map((item) => this.#renderRow(item))}
          </tbody>
        </table>
      </div>
    `;
  }

  #renderRow(item: Appointment): TemplateResult {
    return html`
      <tr data-id=${item.id}>
        <th scope="row"><time datetime=${item.startsAt}>${formatTime(item.startsAt)}</time></th>
        <td>${item.firstName} ${item.lastName}</td>
        <td>${item.phone ?? '—'}</td>
        <td>${item.email ?? '—'}</td>
        <td class="notes">${item.notes ?? ''}</td>
        <td>${this.#t.statuses[item.status] ?? item.status}</td>
      </tr>
    `;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    // autocomplete off: staff type a citizen's details, so the browser must not offer their own.
    return html`
      <form part="form" novalidate autocomplete="off" aria-labelledby="new-appointment" @submit=${this.#onSubmit}>
        <h3 id="new-appointment">${t.newAppointment}</h3>
        <div class="status" role="status" aria-live="polite">${this.announcement}</div>
        ${this.#renderErrorSummary()}
        <p class="hint">${t.requiredNote}</p>
        ${this.#renderField('firstName', { required: true })}
        ${this.#renderField('lastName', { required: true })}
        ${this.#renderField('time', { type: 'time', required: true, hint: t.timeHint(this.#longDate(this.date)) })}
        ${this.#renderField('email', { type: 'email', hint: t.emailHint })}
        ${this.#renderField('phone', { type: 'tel' })}
        ${this.#renderField('notes', { multiline: true })}
        <button part="submit" type="submit">${t.submit}</button>
      </form>
    `;
  }

  /** GOV.UK error summary: what went wrong, each item leading to its field. */
  #renderErrorSummary(): TemplateResult | typeof nothing {
    const errors = this.formErrors;
    if (!errors) return nothing;
    return html`
      <div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
        <h4 id="error-summary-title">${this.#t.errorSummaryTitle}</h4>
        <ul>
          ${errors.general.map((message) => html`<li>${message}</li>`)}
          ${FIELDS.filter((field) => errors.fields[field]).map(
            (field) => html`<li>
              <a href="#${field}" @click=${(event: Event) => this.#focusField(event, field)}>${errors.fields[field]}</a>
            </li>`,
          )}
        </ul>
      </div>
    `;
  }

  #renderField(
    name: Field,
    options: { type?: string; required?: boolean; hint?: string; multiline?: boolean },
  ): TemplateResult {
    const t = this.#t;
    const error = this.formErrors?.fields[name];
    const describedBy = [options.hint && `${name}-hint`, error && `${name}-error`].filter(Boolean).join(' ') || nothing;
    const invalid = error ? 'true' : nothing;
    return html`
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <label for=${name}>
          ${t.fields[name]}${options.required ? html`<span aria-hidden="true"> *</span>` : nothing}
        </label>
        ${options.hint ? html`<span id="${name}-hint" class="hint">${options.hint}</span>` : nothing}
        ${error
          ? html`<p id="${name}-error" class="error-message">
              <span class="visually-hidden">${t.errorPrefix}</span> ${error}
            </p>`
          : nothing}
        ${options.multiline
          ? html`<textarea
              id=${name}
              name=${name}
              rows="3"
              aria-describedby=${describedBy}
              aria-invalid=${invalid}
            ></textarea>`
          : html`<input
              id=${name}
              name=${name}
              type=${options.type ?? 'text'}
              ?required=${options.required}
              aria-describedby=${describedBy}
              aria-invalid=${invalid}
            />`}
      </div>
    `;
  }

  /** "Τρίτη 01/12/2026" */
  #longDate(date: string): string {
    return `${formatWeekday(date, this.#t.locale)} ${formatDate(date)}`;
  }

  #onDateChange(event: Event): void {
    const value = (event.target as HTMLInputElement).value;
    // An input cleared or half-typed reports ''; keep showing the last full date.
    if (isIsoDate(value)) this.#showDate(value);
  }

  #showDate(date: string): void {
    this.date = date;
    this.announcement = '';
  }

  /** Summary links point into the shadow root, where fragment navigation cannot reach. */
  #focusField(event: Event, field: Field): void {
    event.preventDefault();
    this.renderRoot.querySelector(`label[for="${field}"]`)?.scrollIntoView();
    this.renderRoot.querySelector<HTMLElement>(`[name="${field}"]`)?.focus({ preventScroll: true });
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const session = this.session;
    if (this.#submitting || session.state !== 'ready') return;
    const t = this.#t;
    const form = event.currentTarget as HTMLFormElement;
    const values = readForm(form);
    this.announcement = '';

    const fields = validate(values, t);
    if (Object.keys(fields).length > 0) return this.#showErrors({ fields, general: [] });

    this.#submitting = true;
    try {
      const created = await this.#api.createAppointment(
        this.storeId,
        toRequest(values, this.date),
        session.me.csrfToken,
      );
      form.reset();
      this.formErrors = null;
      await this.#loadDay();
      this.announcement = t.created;
      this.dispatchEvent(
        new CustomEvent('kep-appointment-created', { detail: created, bubbles: true, composed: true }),
      );
    } catch (error) {
      if (isUnauthorized(error)) this.session = { state: 'signed-out' };
      else if (error instanceof ProblemError) await this.#showErrors(formErrorsFrom(error, t, this.date));
      else await this.#showErrors({ fields: {}, general: [describeError(error, t)] });
    } finally {
      this.#submitting = false;
    }
  }

  /** Shows the errors and moves focus to their summary, as GOV.UK does after a failed submit. */
  async #showErrors(errors: FormErrors): Promise<void> {
    this.formErrors = errors;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  async #loadSession(): Promise<void> {
    const api = this.#api;
    this.session = { state: 'loading' };
    let session: Session;
    try {
      session = { state: 'ready', me: await api.me() };
    } catch (error) {
      session = isUnauthorized(error)
        ? { state: 'signed-out' }
        : { state: 'failed', message: describeError(error, this.#t) };
    }
    // A newer api-base may have replaced this client meanwhile; its own request decides then.
    if (api === this.#api) this.session = session;
  }

  async #loadDay(): Promise<void> {
    // Only the last day asked for may land: quick clicks on "next day" must not show an older answer.
    this.#dayRequest?.abort();
    this.#dayRequest = null;
    this.dayError = null;
    this.dayLoading = false;
    if (!this.storeId) return;
    const request = new AbortController();
    this.#dayRequest = request;
    const { storeId, date } = this;
    this.dayLoading = true;
    try {
      const { items } = await this.#api.appointments(storeId, date, request.signal);
      const byStart = (a: Appointment, b: Appointment) => Date.parse(a.startsAt) - Date.parse(b.startsAt);
      this.day = { storeId, date, items: [...items].sort(byStart) };
    } catch (error) {
      if (request.signal.aborted) return;
      if (isUnauthorized(error)) this.session = { state: 'signed-out' };
      else if (error instanceof ProblemError && error.status === 404) this.dayError = this.#t.storeNotFound;
      else this.dayError = describeError(error, this.#t);
    } finally {
      if (this.#dayRequest === request) this.dayLoading = false;
    }
  }
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof ProblemError && error.status === 401;
}
