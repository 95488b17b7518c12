import { html, nothing, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import type { BookingMode, Hold, PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import { BookingStep, describedBy } from './booking-step.js';
import { SignInError, signInProblem, type CitizenSession } from './citizen-session.js';
import {
  errorsFromProblem,
  newIdempotencyKey,
  toBookingDetails,
  validateDetails,
  type DetailField,
  type DetailsDraft,
} from './details-form.js';

/**
 * Step 5: the citizen's details, while the chosen time is held for them (with a countdown).
 * Fires `booked` with the {@link Booking}, or `hold-expired` when the time was let go.
 */
export class DetailsStep extends BookingStep {
  static override properties = {
    api: { attribute: false },
    session: { attribute: false },
    store: { attribute: false },
    procedure: { attribute: false },
    mode: { attribute: false },
    hold: { attribute: false },
    draft: { attribute: false },
    remaining: { state: true },
    busy: { state: true },
  };

  declare api: PublicApiClient | null;
  declare session: CitizenSession | null;
  declare store: PublicStore | null;
  declare procedure: PublicProcedure | null;
  declare mode: BookingMode;
  declare hold: Hold | null;
  /** Filled in as the citizen types; owned by the booking element. */
  declare draft: DetailsDraft;
  private declare remaining: number;
  private declare busy: boolean;

  #minutes = 5;
  #deadline = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #warned = false;
  /** One key per confirmation: a retry or a second click of the same details reuses it. */
  #attempt: { key: string; body: string } | null = null;

  constructor() {
    super();
    this.api = null;
    this.session = null;
    this.store = null;
    this.procedure = null;
    this.mode = 'in_person';
    this.hold = null;
    this.draft = {};
    this.remaining = 0;
    this.busy = false;
  }

  /** The signed-in citizen's names, when the identity provider gave both: shown as text, not asked. */
  get #identityName(): string | null {
    const c = this.session?.citizen;
    return c?.givenName && c.familyName ? `${c.givenName} ${c.familyName}` : null;
  }

  /** «ΑΦΜ: …» as text when the identity provider gave it (GSIS): the booking is under that ΑΦΜ. */
  get #taxIdLine(): TemplateResult | typeof nothing {
    const taxId = this.session?.citizen?.taxId;
    return taxId ? html`<p class="tax-id" part="tax-id">${this.t.fields.taxId}: <span class="strong">${taxId}</span></p>` : nothing;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // What the identity provider said is not asked again; the email stays the citizen's to change.
    const email = this.session?.citizen?.email;
    if (email && this.draft.email === undefined) this.draft.email = email;
    if (!this.hold) return;
    // The length of the hold from the server's own clock (expiresAt less its now ≈ ours), rounded to
    // whole minutes so that a browser clock a few seconds off still counts down the right time.
    const minutes = Math.round((Date.parse(this.hold.expiresAt) - Date.now()) / 60_000);
    this.#minutes = minutes >= 1 && minutes <= 30 ? minutes : 5;
    this.#deadline = Date.now() + this.#minutes * 60_000;
    this.#tick();
    this.#timer = setInterval(() => this.#tick(), 1000);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#timer);
  }

  override render(): TemplateResult {
    const t = this.t;
    const seconds = Math.ceil(this.remaining / 1000);
    const clock = `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
    // role=timer is not live: a screen reader hears the time left once, at one minute, not every second.
    return html`
      <dl class="summary-list summary-list--actions">
        ${this.#row('store', t.summary.store, this.store?.name)} ${this.#row('procedure', t.summary.procedure, this.procedure?.name)}
        ${this.#row('mode', t.summary.mode, t.modes[this.mode])} ${this.#row('slot', t.summary.when, this.hold ? t.when(this.hold.startsAt) : '')}
      </dl>
      <p class="countdown" part="countdown">
        <span class="strong">${t.held(this.#minutes)}</span>
        <span role="timer">${t.remaining(clock)}</span>
      </p>
      <form novalidate autocomplete="on" aria-busy=${this.busy ? 'true' : 'false'} @submit=${this.#onSubmit} @input=${this.#onInput}>
        ${this.renderErrorSummary()}
        ${this.#identityName
          ? html`<div class="form-group">
              <p class="label" id="name-label">${t.fields.name}</p>
              <p class="strong" aria-describedby="name-hint">${this.#identityName}</p>
              ${this.#taxIdLine}
              <span id="name-hint" class="hint">${t.hints.name}</span>
            </div>`
          : html`${this.#taxIdLine} ${this.#field('firstName', { autocomplete: 'given-name' })} ${this.#field('lastName', { autocomplete: 'family-name' })}`}
        ${this.#field('email', { type: 'email', autocomplete: 'email', hint: t.hints.email, spellcheck: false })}
        ${this.#field('phone', { type: 'tel', autocomplete: 'tel', hint: t.hints.phone })}
        <div class="form-group">
          <div class="choice">
            <input type="checkbox" id="business" name="business" .checked=${Boolean(this.draft.business)} aria-controls="business-fields" />
            <div class="choice__text"><label for="business" class="choice__label">${t.fields.business}</label></div>
          </div>
        </div>
        <div id="business-fields" class="conditional" ?hidden=${!this.draft.business}>
          ${this.#field('businessName', { autocomplete: 'organization' })}
          ${this.#field('businessTaxId', { inputmode: 'numeric', hint: t.hints.businessTaxId, width: 'short' })}
        </div>
        <button type="submit" part="button" aria-disabled=${this.busy ? 'true' : 'false'}>${t.confirm}</button>
      </form>
    `;
  }

  /** A row of the check-answers list, with «Αλλαγή» back to the step that set it (GOV.UK's pattern). */
  #row(step: 'store' | 'procedure' | 'mode' | 'slot', label: string, value: string | undefined): TemplateResult {
    return html`<div>
      <dt>${label}</dt>
      <dd>${value ?? nothing}</dd>
      <dd class="summary-list__actions">
        <button type="button" class="link" @click=${() => this.complete('change-step', step)}>
          ${this.t.change}<span class="visually-hidden"> ${label}</span>
        </button>
      </dd>
    </div>`;
  }

  #field(
    name: DetailField,
    o: { type?: string; autocomplete?: string; hint?: string; inputmode?: string; spellcheck?: boolean; width?: 'short' },
  ): TemplateResult {
    const error = this.errorFor(name);
    return html`
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <label for=${name}>${this.t.fields[name]}</label>
        ${o.hint ? html`<span id="${name}-hint" class="hint">${o.hint}</span>` : nothing} ${this.renderFieldError(name)}
        <input
          id=${name}
          name=${name}
          class=${o.width === 'short' ? 'input--short' : ''}
          type=${o.type ?? 'text'}
          autocomplete=${o.autocomplete ?? 'off'}
          inputmode=${o.inputmode ?? nothing}
          spellcheck=${o.spellcheck === false ? 'false' : nothing}
          value=${this.draft[name] ?? ''}
          aria-describedby=${describedBy(o.hint && `${name}-hint`, error && `${name}-error`)}
          aria-invalid=${error ? 'true' : nothing}
        />
      </div>
    `;
  }

  #onInput(event: Event): void {
    const input = event.target as HTMLInputElement;
    if (input.name === 'business') {
      this.draft.business = input.checked ? 'yes' : '';
      this.requestUpdate();
    } else if (input.name) {
      this.draft[input.name as DetailField] = input.value;
    }
  }

  #tick(): void {
    this.remaining = Math.max(0, this.#deadline - Date.now());
    if (this.remaining <= 60_000 && !this.#warned && this.remaining > 0) {
      this.#warned = true;
      this.announce(this.t.oneMinuteLeft);
    }
    if (this.remaining === 0) {
      clearInterval(this.#timer);
      this.complete('hold-expired', null);
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    // A double click sends one request: the second press finds the first still running.
    if (this.busy || !this.api || !this.session || !this.hold) return;
    const names = { namesFromIdentity: this.#identityName !== null };
    const errors = validateDetails(this.draft, this.t, names);
    if (errors.length > 0) return this.showErrors(errors);
    const details = toBookingDetails(this.draft, this.t.lang, names);
    const body = JSON.stringify(details);
    if (this.#attempt?.body !== body) this.#attempt = { key: newIdempotencyKey(), body };
    const key = this.#attempt.key;
    this.busy = true;
    try {
      const citizen = this.session.citizen ?? (await this.session.signIn());
      const booking = await this.api.book(citizen.token, key, { ...details, holdId: this.hold.holdId });
      this.errors = [];
      clearInterval(this.#timer);
      this.complete('booked', booking);
    } catch (error) {
      await this.#failed(error);
    } finally {
      this.busy = false;
    }
  }

  async #failed(error: unknown): Promise<void> {
    const t = this.t;
    if (error instanceof SignInError) return this.showErrors([{ field: null, message: signInProblem(error, t) }]);
    if (!(error instanceof ProblemError)) return this.showErrors([{ field: null, message: this.problemMessage(error) }]);
    if (error.status === 401) {
      this.session?.forget();
      return this.showErrors([{ field: null, message: t.signInAgain }]);
    }
    // The hold is gone (lapsed, or its time taken meanwhile): back to choosing a time.
    if (holdIsGone(error)) {
      clearInterval(this.#timer);
      this.complete('hold-expired', null);
      return;
    }
    if (error.status === 400 && error.problem.errors?.length) return this.showErrors(errorsFromProblem(error, t.unexpectedError));
    return this.showErrors([{ field: null, message: this.problemMessage(error) }]);
  }
}

/** Whether the server no longer keeps the hold: it lapsed, was replaced, or its time went to someone else. */
function holdIsGone(error: ProblemError): boolean {
  const type = error.problem.type ?? '';
  return error.status === 410 || /[:/]hold-(expired|not-found)$/.test(type) || (error.status === 409 && Array.isArray(error.problem.nextFreeSlots));
}
