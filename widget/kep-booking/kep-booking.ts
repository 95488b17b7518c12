import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { PublicApiClient, type Booking, type BookingMode, type Hold, type Priority, type PublicProcedure, type PublicStore } from './booking-api.js';
import { bookingMessagesFor, lastDayBefore, type BookingMessages } from './booking-i18n.js';
import { CitizenSession } from './citizen-session.js';
import { newIdempotencyKey, type DetailsDraft } from './details-form.js';
import { styles } from './kep-booking.styles.js';

/** The steps of a booking, in order. */
export const BOOKING_STEPS = ['store', 'procedure', 'mode', 'slot', 'details', 'done'] as const;

/** One step of a booking. */
export type BookingStepName = (typeof BOOKING_STEPS)[number];

/** `detail` of `kep-booking-step`. */
export interface BookingStepEventDetail {
  step: BookingStepName;
  /** 1-based; the confirmation is the last. */
  number: number;
  total: number;
  /**
   * The step's heading, in the element's language (a host page may put it in its `<title>`);
   * «Σφάλμα: …» (`Error: …`) while the step shows errors, as GOV.UK asks.
   */
  title: string;
  /** How many problems the step's error summary lists (0 when none). */
  errors: number;
}

declare global {
  interface HTMLElementEventMap {
    'kep-booking-step': CustomEvent<BookingStepEventDetail>;
    'kep-booking-confirmed': CustomEvent<Booking>;
  }
}

/** Steps the citizen fills in; the confirmation after them has no "step n of m". */
const FORM_STEPS = BOOKING_STEPS.length - 1;

/**
 * `<kep-booking>`: a citizen books an appointment at a KEP — the KEP, what for, in person or by video
 * call, a day and a time, their details — from any page, of any origin, without cookies or an
 * iframe. The citizen signs in, when holding a time, in a popup of the plugin's origin.
 *
 * @example
 * ```html
 * <script type="module" src="https://rantevou.example.gov.gr/widget/kep-booking.js"></script>
 * <kep-booking api-base="https://rantevou.example.gov.gr" lang="el"></kep-booking>
 * ```
 *
 * With `priority-token` (the token of the "book again first in line" link that the apology for an
 * appointment the KEP missed carries; a host page reads it from its own URL and sets it), the element
 * first asks the plugin what the token is good for. Valid and unused: a notification banner says so
 * and until when, the KEP is chosen already (the citizen starts at the procedure and may go back to
 * choose another), and every availability and hold at that KEP carries the token, so the citizen
 * sees times others cannot book. Used, expired or unknown: a notice says the link no longer applies,
 * and booking goes on as usual.
 *
 * @fires kep-booking-step - On each step, the first included; `detail` is a {@link BookingStepEventDetail}.
 * @fires kep-booking-confirmed - When the booking is made; `detail` is the {@link Booking}.
 *   Both bubble and cross shadow roots.
 *
 * @csspart base - The element's box.
 * @csspart heading - Each step's heading.
 * @csspart back - The "back" button.
 * @csspart button - Each step's main button.
 * @csspart error-summary - The list of problems after a failed step.
 * @csspart notice - Why video is not offered.
 * @csspart priority - The banner about a priority link (valid, or no longer applying).
 * @csspart countdown - How long the chosen time is still held.
 * @csspart confirmation - The confirmation panel.
 *
 * @cssprop --kep-primary - Buttons and the confirmation panel (gov.gr blue, #003476).
 * @cssprop --kep-link - Links (#0065b3).
 * @cssprop --kep-text - Text (#0b0c0c).
 * @cssprop --kep-error - Errors (#b60202).
 * @cssprop --kep-focus - The focus highlight (#ffdd00).
 * @cssprop --kep-border - Rules and inputs' borders (#b1b4b6 / text colour).
 * @cssprop --kep-muted - Hints (#505a5f).
 * @cssprop --kep-background - Background (#ffffff).
 * @cssprop --kep-font-family - Typeface (Roboto, then the system's sans-serif).
 */
export class KepBooking extends LitElement {
  static override styles = styles;

  static override properties = {
    apiBase: { attribute: 'api-base' },
    // Reflected so that screen readers pronounce the content in its language.
    lang: { reflect: true },
    priorityToken: { attribute: 'priority-token' },
    priority: { state: true },
    priorityGone: { state: true },
    step: { state: true },
    store: { state: true },
    procedure: { state: true },
    mode: { state: true },
    hold: { state: true },
    booking: { state: true },
    citizenName: { state: true },
    notice: { state: true },
    announcement: { state: true },
  };

  /** URL of the plugin (attribute `api-base`), e.g. "https://rantevou.example.gov.gr"; '' means this page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  /** The token of a "book again first in line" link (attribute `priority-token`); '' for none. */
  declare priorityToken: string;

  /** What the priority token is good for, once the plugin said it is valid and unused. */
  private declare priority: Priority | null;
  /** The priority token turned out used, expired or unknown. */
  private declare priorityGone: boolean;
  private declare step: BookingStepName;
  private declare store: PublicStore | null;
  private declare procedure: PublicProcedure | null;
  private declare mode: BookingMode | null;
  private declare hold: Hold | null;
  private declare booking: Booking | null;
  private declare citizenName: string | null;
  private declare notice: string | null;
  /** Read out by the live region; emptied first so that the same words are read again. */
  private declare announcement: string;

  #api = new PublicApiClient('');
  #session: CitizenSession | null = null;
  #slotStart: string | null = null;
  #draft: DetailsDraft = {};
  #priorityRequest: AbortController | null = null;
  /**
   * A random id of this booking flow, sent with its searches and holds: a search that finds no time
   * is counted (unmet demand) once per flow, not once per look. Not the citizen's: a new one after
   * each booking, and nothing links it to who searched.
   */
  // A random UUID (the idempotency keys' maker), so that it works on an http page too.
  #searchId = newIdempotencyKey();

  constructor() {
    super();
    this.apiBase = '';
    this.lang = 'el';
    this.priorityToken = '';
    this.priority = null;
    this.priorityGone = false;
    this.step = 'store';
    this.store = null;
    this.procedure = null;
    this.mode = null;
    this.hold = null;
    this.booking = null;
    this.citizenName = null;
    this.notice = null;
    this.announcement = '';
  }

  get #t(): BookingMessages {
    return bookingMessagesFor(this.lang);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#session?.dispose();
    this.#priorityRequest?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) {
      // Removing the attribute sets the property to null.
      this.#api = new PublicApiClient(this.apiBase ?? '');
      this.#session?.dispose();
      const session = new CitizenSession(this.#api.origin, this.#api.loginUrl(location.origin));
      session.addEventListener('change', () => (this.citizenName = session.citizen?.name ?? null));
      this.#session = session;
      this.citizenName = null;
    }
    if (changed.has('apiBase') || changed.has('priorityToken')) void this.#checkPriority();
  }

  protected override firstUpdated(): void {
    this.#emitStep();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const index = BOOKING_STEPS.indexOf(this.step);
    const canGoBack = index > 0 && this.step !== 'done';
    return html`
      <section class="booking" part="base" aria-labelledby="step-heading" @step-announce=${this.#onAnnounce} @step-errors=${this.#onStepErrors}>
        <div class="visually-hidden" role="status" aria-live="polite" aria-atomic="true">${this.announcement}</div>
        ${canGoBack
          ? html`<button type="button" class="back" part="back" @click=${this.#back}><span aria-hidden="true">‹ </span>${t.back}</button>`
          : nothing}
        ${this.#renderPriority(t)}
        <h2 id="step-heading" class="step-heading" tabindex="-1" part="heading">
          ${this.step === 'done' ? nothing : html`<span class="caption">${t.stepOf(index + 1, FORM_STEPS)}</span>`}
          ${t.steps[this.step]}
        </h2>
        ${this.#renderStep(t)}
      </section>
    `;
  }

  /** GOV.UK's notification banner: a region named by its title, above the step. */
  #renderPriority(t: BookingMessages): TemplateResult | typeof nothing {
    if ((!this.priority && !this.priorityGone) || this.step === 'done') return nothing;
    return html`
      <div class="banner" part="priority" role="region" aria-labelledby="priority-title">
        <p class="banner__title" id="priority-title">${t.priority.title}</p>
        <div class="banner__content">
          ${this.priority
            ? html`<p class="banner__heading">${t.priority.valid(this.priority.storeName, lastDayBefore(this.priority.validUntil, t))}</p>
                <p>${t.priority.more}</p>`
            : html`<p class="banner__heading">${t.priority.gone}</p>
                <p>${t.priority.goneMore}</p>`}
        </div>
      </div>
    `;
  }

  /**
   * Asks the plugin what the priority token is good for. Valid: the KEP is chosen for the citizen
   * (if they have not chosen one yet) and the API client adds the token at that KEP.
   */
  async #checkPriority(): Promise<void> {
    this.#priorityRequest?.abort();
    this.#priorityRequest = null;
    this.#api.priority = null;
    this.priority = null;
    this.priorityGone = false;
    const token = (this.priorityToken ?? '').trim();
    if (!token) return;
    const api = this.#api;
    const request = new AbortController();
    this.#priorityRequest = request;
    try {
      const priority = await api.priorityOf(token, request.signal);
      if (request.signal.aborted) return;
      if (priority.used || Date.parse(priority.validUntil) <= Date.now()) {
        this.priorityGone = true;
        return;
      }
      api.priority = { token, storeId: priority.storeId };
      this.priority = priority;
      if (this.step !== 'store' || this.store) return;
      // The public store is looked up by its name, as a citizen would search for it.
      const stores = await api.stores(priority.storeName, request.signal).catch(() => [] as PublicStore[]);
      const store = stores.find((s) => s.id === priority.storeId);
      if (store && !request.signal.aborted && this.step === 'store' && !this.store) {
        this.store = store;
        // On opening the page, focus stays where the browser put it: the banner comes first anyway.
        void this.#go('procedure', false);
      }
    } catch (error) {
      if (request.signal.aborted) return;
      // Unknown, expired or malformed: the link no longer applies. A network failure says nothing.
      this.priorityGone = error instanceof ProblemError && error.status >= 400 && error.status < 500;
    }
  }

  #renderStep(t: BookingMessages): TemplateResult {
    switch (this.step) {
      case 'store':
        return html`<kep-booking-store .t=${t} .api=${this.#api} .selectedId=${this.store?.id ?? null} @store-chosen=${this.#onStore}></kep-booking-store>`;
      case 'procedure':
        return html`<kep-booking-procedure
          .t=${t}
          .api=${this.#api}
          .store=${this.store}
          .selectedId=${this.procedure?.id ?? null}
          @procedure-chosen=${this.#onProcedure}
        ></kep-booking-procedure>`;
      case 'mode':
        return html`<kep-booking-mode .t=${t} .store=${this.store} .procedure=${this.procedure} .selected=${this.mode} @mode-chosen=${this.#onMode}></kep-booking-mode>`;
      case 'slot':
        return html`<kep-booking-slot
          .t=${t}
          .api=${this.#api}
          .session=${this.#session}
          .citizenName=${this.citizenName}
          .store=${this.store}
          .procedure=${this.procedure}
          .mode=${this.mode ?? 'in_person'}
          .selected=${this.#slotStart}
          .notice=${this.notice}
          .searchId=${this.#searchId}
          @slot-held=${this.#onHeld}
          @store-switched=${this.#onStoreSwitched}
        ></kep-booking-slot>`;
      case 'details':
        return html`<kep-booking-details
          .t=${t}
          .api=${this.#api}
          .session=${this.#session}
          .store=${this.store}
          .procedure=${this.procedure}
          .mode=${this.mode ?? 'in_person'}
          .hold=${this.hold}
          .draft=${this.#draft}
          @booked=${this.#onBooked}
          @change-step=${this.#onChangeStep}
          @hold-expired=${this.#onHoldExpired}
        ></kep-booking-details>`;
      case 'done':
        return html`<kep-booking-done .t=${t} .booking=${this.booking} .procedure=${this.procedure} .address=${this.store?.address ?? ''}></kep-booking-done>`;
    }
  }

  #onStore(event: CustomEvent<PublicStore>): void {
    if (event.detail.id !== this.store?.id) this.#forget('store');
    this.store = event.detail;
    void this.#go('procedure');
  }

  #onProcedure(event: CustomEvent<PublicProcedure>): void {
    if (event.detail.id !== this.procedure?.id) this.#forget('procedure');
    this.procedure = event.detail;
    void this.#go('mode');
  }

  #onMode(event: CustomEvent<BookingMode>): void {
    if (event.detail !== this.mode) this.#forget('mode');
    this.mode = event.detail;
    void this.#go('slot');
  }

  /** A nearby KEP with an earlier time (the time step's suggestion): the same procedure and mode there. */
  #onStoreSwitched(event: CustomEvent<PublicStore>): void {
    this.store = event.detail;
    this.#slotStart = null;
    this.hold = null;
    const t = this.#t;
    void this.#go('slot').then(() => this.#announce(t.storeSwitched(event.detail.name)));
  }

  #onHeld(event: CustomEvent<Hold>): void {
    this.hold = event.detail;
    this.#slotStart = event.detail.startsAt;
    void this.#go('details');
  }

  #onHoldExpired(): void {
    this.hold = null;
    const t = this.#t;
    void this.#go('slot').then(() => {
      this.notice = t.holdExpired;
      void this.#announce(t.holdExpired);
    });
  }

  #onBooked(event: CustomEvent<Booking>): void {
    this.booking = event.detail;
    this.#searchId = newIdempotencyKey();
    this.hold = null;
    void this.#go('done');
    this.dispatchEvent(new CustomEvent('kep-booking-confirmed', { detail: event.detail, bubbles: true, composed: true }));
  }

  /** «Αλλαγή» on the check-answers list: back to that step, the choices kept. */
  #onChangeStep(event: CustomEvent<BookingStepName>): void {
    void this.#go(event.detail);
  }

  /** A step showed its error summary: the page's title says so too. */
  #onStepErrors(event: CustomEvent<number>): void {
    event.stopPropagation();
    this.#emitStep(event.detail);
  }

  #onAnnounce(event: CustomEvent<string>): void {
    event.stopPropagation();
    void this.#announce(event.detail);
  }

  #back(): void {
    const index = BOOKING_STEPS.indexOf(this.step);
    if (index > 0) void this.#go(BOOKING_STEPS[index - 1]!);
  }

  /** A new choice at `changed` voids the choices that depended on it. */
  #forget(changed: 'store' | 'procedure' | 'mode'): void {
    if (changed === 'store') this.procedure = null;
    if (changed !== 'mode') this.mode = null;
    this.#slotStart = null;
    this.hold = null;
  }

  /**
   * Shows a step and moves focus to its heading: screen readers read where the citizen now is
   * (NVDA and JAWS read the heading with its "step n of m"; VoiceOver too), and keyboard users go on
   * from the top of the new step instead of from a button that is gone.
   */
  async #go(step: BookingStepName, focus = true): Promise<void> {
    this.notice = null;
    this.announcement = '';
    this.step = step;
    await this.updateComplete;
    if (focus) this.renderRoot.querySelector<HTMLElement>('#step-heading')?.focus();
    this.#emitStep();
  }

  #emitStep(errors = 0): void {
    const title = this.#t.steps[this.step];
    const detail: BookingStepEventDetail = {
      step: this.step,
      number: BOOKING_STEPS.indexOf(this.step) + 1,
      total: BOOKING_STEPS.length,
      title: errors > 0 ? this.#t.errorTitle(title) : title,
      errors,
    };
    this.dispatchEvent(new CustomEvent('kep-booking-step', { detail, bubbles: true, composed: true }));
  }

  async #announce(text: string): Promise<void> {
    this.announcement = '';
    await this.updateComplete;
    this.announcement = text;
  }
}

