import { LitElement, css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { renderErrorSummary, type FieldProblem } from '../shared/error-summary.js';
import { PublicApiClient, type CitizenAppointment } from '../kep-booking/booking-api.js';
import type { BookingMessages } from '../kep-booking/booking-i18n.js';
import { citizenProblem } from '../kep-booking/booking-step.js';
import { videoLinkRow } from '../kep-booking/done-step.js';
import { styles } from '../kep-booking/kep-booking.styles.js';
import { SlotChoice } from '../kep-booking/slot-choice.js';
import { newIdempotencyKey } from '../kep-booking/details-form.js';
import { manageMessagesFor, type ManageMessages, type ManageStepName } from './manage-i18n.js';

/** `detail` of `kep-manage-booking-step`. */
export interface ManageStepEventDetail {
  step: ManageStepName;
  /** The screen's heading, «Σφάλμα: …» while it shows errors (a page may put it in its `<title>`). */
  title: string;
  errors: number;
}

declare global {
  interface HTMLElementEventMap {
    'kep-manage-booking-step': CustomEvent<ManageStepEventDetail>;
    'kep-manage-booking-changed': CustomEvent<CitizenAppointment>;
  }
}

/** A GOV.UK warning button, for the one action that cannot be undone. */
const manageStyles = css`
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
  }

  button[part='button'].warning {
    background: var(--kep-error, #b60202);
    box-shadow: 0 2px 0 #55150e;
  }

  button[part='button'].warning:hover {
    background: #8e0202;
  }

  .actions button[part='button'],
  .actions .secondary {
    width: auto;
    margin: 0.5rem 0 1rem;
  }
`;

/**
 * `<kep-manage-booking>`: the page the link in the confirmation email opens. The citizen sees the
 * appointment, moves it to another free time of the same KEP and mode (the day and time chosen as
 * in `<kep-booking>`, with the same parts), or cancels it after saying yes once more. No sign-in:
 * the link's token is the key. A link that no longer works shows what to do instead.
 *
 * @example
 * ```html
 * <kep-manage-booking token="…" api-base="https://rantevou.example.gov.gr" lang="el"></kep-manage-booking>
 * ```
 *
 * @fires kep-manage-booking-step - On each screen, the first included; `detail` is a {@link ManageStepEventDetail}.
 * @fires kep-manage-booking-changed - After a move or a cancellation; `detail` is the appointment as it now is.
 *
 * @csspart base, heading, button, back, error-summary, confirmation - as in `<kep-booking>`.
 */
export class KepManageBooking extends LitElement {
  static override styles = [styles, manageStyles];

  static override properties = {
    token: {},
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    step: { state: true },
    appointment: { state: true },
    errors: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  /** The token of the manage link (attribute `token`). */
  declare token: string;
  /** URL of the plugin (attribute `api-base`); '' means this page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  private declare step: ManageStepName;
  private declare appointment: CitizenAppointment | null;
  private declare errors: FieldProblem[];
  private declare announcement: string;
  private declare busy: boolean;

  #api = new PublicApiClient('');
  #request: AbortController | null = null;
  readonly #searchId = newIdempotencyKey();
  readonly #choice = new SlotChoice(this, {
    // A random id of this page's searches: one that finds no time counts as unmet demand once, not at each look.
    source: () => (this.appointment ? { api: this.#api, storeId: this.appointment.storeId, mode: this.appointment.mode, search: { searchId: this.#searchId } } : null),
    t: () => this.#words.t,
    problem: (error) => this.#problem(error),
    announce: (text) => void this.#announce(text),
  });

  constructor() {
    super();
    this.token = '';
    this.apiBase = '';
    this.lang = 'el';
    this.step = 'loading';
    this.appointment = null;
    this.errors = [];
    this.announcement = '';
    this.busy = false;
  }

  get #words(): { m: ManageMessages; t: BookingMessages } {
    return manageMessagesFor(this.lang);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) this.#api = new PublicApiClient(this.apiBase ?? '');
    if (changed.has('apiBase') || changed.has('token')) void this.#load();
  }

  override render(): TemplateResult {
    const { m, t } = this.#words;
    const back = this.step === 'move' || this.step === 'cancel';
    return html`
      <section class="booking" part="base" aria-labelledby="step-heading">
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        ${back ? html`<button type="button" class="back" part="back" @click=${() => this.#go('view')}><span aria-hidden="true">‹ </span>${t.back}</button>` : nothing}
        <h2 id="step-heading" class="step-heading" tabindex="-1" part="heading">${m.steps[this.step]}</h2>
        ${renderErrorSummary(this.errors, { id: 'error-summary', title: t.errorSummaryTitle, part: 'error-summary' })} ${this.#renderStep(m, t)}
      </section>
    `;
  }

  #renderStep(m: ManageMessages, t: BookingMessages): TemplateResult | typeof nothing {
    const a = this.appointment;
    switch (this.step) {
      case 'loading':
        return html`<p>${t.loading}</p>`;
      case 'gone':
        return html`${m.gone.map((p) => html`<p>${p}</p>`)}`;
      case 'view':
        return a ? this.#renderView(a, m, t) : nothing;
      case 'move':
        return a ? this.#renderMove(a, m, t) : nothing;
      case 'cancel':
        return a
          ? html`${this.#renderSummary(a, m, t)}
              <div class="inset inset--warning"><p class="strong">${m.cancelWarning}</p></div>
              <div class="actions">
                <button type="button" part="button" class="warning" aria-disabled=${this.busy ? 'true' : 'false'} @click=${this.#cancel}>${m.cancelYes}</button>
                <button type="button" class="secondary" @click=${() => this.#go('view')}>${m.cancelNo}</button>
              </div>`
          : nothing;
      case 'moved':
      case 'cancelled':
        return a
          ? html`${this.step === 'moved' ? this.#renderPanel(a) : nothing} ${this.#renderSummary(a, m, t)}
              <p>${this.step === 'moved' ? m.movedEmail : m.cancelledEmail}</p>
              ${this.step === 'cancelled' ? html`<p>${m.bookAgain}</p>` : html`<p><button type="button" class="link" @click=${() => this.#go('view')}>${m.backToBooking}</button></p>`}`
          : nothing;
    }
  }

  #renderPanel(a: CitizenAppointment): TemplateResult {
    return html`<div class="panel" part="confirmation">
      <p class="panel__when">${this.#words.t.when(a.startsAt)}</p>
      <p>${a.storeName}</p>
    </div>`;
  }

  #renderView(a: CitizenAppointment, m: ManageMessages, t: BookingMessages): TemplateResult {
    return html`
      ${a.status === 'booked' ? this.#renderPanel(a) : nothing} ${this.#renderSummary(a, m, t)}
      ${a.canChange
        ? html`<div class="actions">
            <button type="button" part="button" @click=${() => this.#go('move')}>${m.moveButton}</button>
            <button type="button" class="secondary" @click=${() => this.#go('cancel')}>${m.cancelButton}</button>
          </div>`
        : html`<p>${a.status === 'cancelled' ? m.wasCancelled : m.notChangeable}</p>`}
    `;
  }

  /** What the appointment is: when, where, what for, how; shown as text. */
  #renderSummary(a: CitizenAppointment, m: ManageMessages, t: BookingMessages): TemplateResult {
    return html`<dl class="summary-list">
      ${a.reference ? html`<div><dt>${m.reference}</dt><dd class="strong">${a.reference}</dd></div>` : nothing}
      <div><dt>${t.summary.when}</dt><dd>${t.when(a.startsAt)}</dd></div>
      <div><dt>${t.summary.store}</dt><dd>${a.storeName}</dd></div>
      ${a.procedure ? html`<div><dt>${t.summary.procedure}</dt><dd>${a.procedure}</dd></div>` : nothing}
      <div>
        <dt>${t.summary.mode}</dt>
        <dd>${t.modes[a.mode]}${a.mode === 'in_person' && a.address ? html`<br />${a.address}` : nothing}</dd>
      </div>
      ${videoLinkRow(t.videoLink, a)}
      <div><dt>${m.status}</dt><dd>${m.statuses[a.status]}</dd></div>
    </dl>`;
  }

  #renderMove(a: CitizenAppointment, m: ManageMessages, t: BookingMessages): TemplateResult {
    const error = this.errors.find((e) => e.field === 'time')?.message;
    return html`
      <p><span class="strong">${m.current}:</span> ${t.when(a.startsAt)}, ${a.storeName}</p>
      <form novalidate aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#move}>
        ${this.#choice.renderNearest(t)} ${this.#choice.renderPeriod(t)} ${this.#choice.renderDays(t, error)}
        <button type="submit" part="button" aria-disabled=${this.busy ? 'true' : 'false'}>${m.moveConfirm}</button>
      </form>
    `;
  }

  async #load(): Promise<void> {
    this.#request?.abort();
    const token = (this.token ?? '').trim();
    if (!token) return void this.#go('gone', false);
    const request = new AbortController();
    this.#request = request;
    try {
      this.appointment = await this.#api.managed(token, request.signal);
      if (!request.signal.aborted) await this.#go('view', false);
    } catch (error) {
      if (request.signal.aborted) return;
      if (error instanceof ProblemError && error.status === 404) return void this.#go('gone', false);
      this.step = 'view';
      await this.#showErrors([{ field: null, message: this.#problem(error) }]);
    }
  }

  async #move(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const { m, t } = this.#words;
    if (this.busy) return;
    const startsAt = this.#choice.selected;
    if (!startsAt || !this.#choice.selectedIsFree) return this.#showErrors([{ field: 'time', message: t.errors.time }]);
    this.busy = true;
    try {
      this.appointment = await this.#api.moveManaged(this.token, startsAt);
      this.#changed();
      await this.#go('moved');
      void this.#announce(`${m.steps.moved}: ${t.when(this.appointment.startsAt)}`);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 409 && Array.isArray(error.problem.nextFreeSlots)) {
        this.#choice.taken(error.problem.nextFreeSlots);
        await this.#showErrors([{ field: 'time', message: t.slotTaken }]);
      } else await this.#failed(error);
    } finally {
      this.busy = false;
    }
  }

  async #cancel(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    try {
      this.appointment = await this.#api.cancelManaged(this.token);
      this.#changed();
      await this.#go('cancelled');
    } catch (error) {
      await this.#failed(error);
    } finally {
      this.busy = false;
    }
  }

  /** A change the server refused: a link gone meanwhile, an appointment no longer changeable (409), or else why. */
  async #failed(error: unknown): Promise<void> {
    if (error instanceof ProblemError && error.status === 404) return this.#go('gone');
    if (error instanceof ProblemError && error.status === 409) {
      // Cancelled elsewhere or started meanwhile: show it as it is now, with the server's reason.
      this.appointment = await this.#api.managed(this.token).catch(() => this.appointment);
      this.step = 'view';
    }
    await this.#showErrors([{ field: null, message: this.#problem(error) }]);
  }

  #changed(): void {
    this.dispatchEvent(new CustomEvent('kep-manage-booking-changed', { detail: this.appointment, bubbles: true, composed: true }));
  }

  /** Shows a screen and moves focus to its heading (not on opening the page: focus stays where the browser put it). */
  async #go(step: ManageStepName, focus = true): Promise<void> {
    this.errors = [];
    this.announcement = '';
    if (step === 'move') this.#choice.startAt(null);
    this.step = step;
    if (step === 'move') void this.#choice.load();
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
    this.#emitStep();
  }

  /** The GOV.UK error summary, focused; the step event's title says «Σφάλμα: ». */
  async #showErrors(errors: FieldProblem[]): Promise<void> {
    this.errors = errors;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
    this.#emitStep();
  }

  #emitStep(): void {
    const { m, t } = this.#words;
    const title = m.steps[this.step];
    const detail: ManageStepEventDetail = { step: this.step, title: this.errors.length ? t.errorTitle(title) : title, errors: this.errors.length };
    this.dispatchEvent(new CustomEvent('kep-manage-booking-step', { detail, bubbles: true, composed: true }));
  }

  async #announce(text: string): Promise<void> {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }

  #problem(error: unknown): string {
    return citizenProblem(error, this.#words.t);
  }
}
