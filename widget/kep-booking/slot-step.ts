import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { addDays, dateInAthens, formatDate, todayInAthens } from '../shared/dates.js';
import type { AvailabilityDay, BookingMode, PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import { longDate } from './booking-i18n.js';
import { BookingStep, describedBy } from './booking-step.js';
import { SignInError, signInProblem, type CitizenSession } from './citizen-session.js';

/** Days shown at once: two weeks, so a citizen who works shifts sees both kinds of week. */
const WINDOW_DAYS = 14;

/**
 * Step 4: a day and a free time; continuing signs the citizen in (a popup, the first time) and
 * holds the time for them. Fires `slot-held` with the {@link Hold}.
 */
export class SlotStep extends BookingStep {
  static override properties = {
    api: { attribute: false },
    session: { attribute: false },
    citizenName: { attribute: false },
    store: { attribute: false },
    procedure: { attribute: false },
    mode: { attribute: false },
    selected: { attribute: false },
    notice: { attribute: false },
    from: { state: true },
    days: { state: true },
    day: { state: true },
    loadError: { state: true },
    nearest: { state: true },
  };

  declare api: PublicApiClient | null;
  declare session: CitizenSession | null;
  /** Set while a citizen is signed in: the button then just continues. */
  declare citizenName: string | null;
  declare store: PublicStore | null;
  declare procedure: PublicProcedure | null;
  declare mode: BookingMode;
  /** The chosen time (its `startsAt`). */
  declare selected: string | null;
  /** Why the citizen is back here (their hold lapsed), shown above the choice. */
  declare notice: string | null;
  private declare from: string;
  private declare days: AvailabilityDay[] | null;
  private declare day: string | null;
  private declare loadError: string | null;
  /** Free times near one that was just taken (409). */
  private declare nearest: string[];

  #request: AbortController | null = null;
  #busy = false;

  constructor() {
    super();
    this.api = null;
    this.session = null;
    this.citizenName = null;
    this.store = null;
    this.procedure = null;
    this.mode = 'in_person';
    this.selected = null;
    this.notice = null;
    this.from = todayInAthens();
    this.days = null;
    this.day = null;
    this.loadError = null;
    this.nearest = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Coming back to this step: open the window on the day chosen before.
    if (this.selected) {
      this.day = dateInAthens(new Date(this.selected));
      if (this.day > this.#to) this.from = this.day;
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('from') || changed.has('store') || changed.has('mode') || changed.has('api')) void this.#load();
  }

  get #to(): string {
    return addDays(this.from, WINDOW_DAYS - 1);
  }

  override render(): TemplateResult {
    const t = this.t;
    const signedIn = Boolean(this.citizenName);
    return html`
      <form novalidate @submit=${this.#onContinue}>
        ${this.notice ? html`<div class="inset inset--warning"><p class="strong">${this.notice}</p></div>` : nothing}
        ${this.renderErrorSummary()} ${this.#renderNearest()}
        <div class="period">
          <p class="strong">${t.period(formatDate(this.from), formatDate(this.#to))}</p>
          <div class="pager">
            ${this.from > todayInAthens()
              ? html`<button type="button" class="secondary" @click=${() => this.#move(-WINDOW_DAYS)}><span aria-hidden="true">‹ </span>${t.earlier}</button>`
              : nothing}
            <button type="button" class="secondary" @click=${() => this.#move(WINDOW_DAYS)}>${t.later}<span aria-hidden="true"> ›</span></button>
          </div>
        </div>
        ${this.#renderDays()}
        <p class="hint">${signedIn ? t.signedInAs(this.citizenName!) : t.signInNote}</p>
        <button type="submit" part="button">${signedIn ? t.continue : t.signInAndContinue}</button>
      </form>
    `;
  }

  #renderDays(): TemplateResult {
    const t = this.t;
    if (this.loadError) return html`<p class="problem" role="alert">${this.loadError}</p>`;
    const days = this.days;
    if (!days) return html`<p>${t.loading}</p>`;
    if (days.length === 0) return html`<p>${t.noSlots(formatDate(this.from), formatDate(this.#to))}</p>`;
    const day = days.find((d) => d.date === this.day) ?? days[0]!;
    const error = this.errorFor('time');
    return html`
      <div class="form-group">
        <label for="day">${t.day}</label>
        <select id="day" @change=${this.#onDay}>
          ${days.map((d) => html`<option .value=${d.date} ?selected=${d === day}>${t.dayOption(longDate(d.date, t), d.slots.length)}</option>`)}
        </select>
      </div>
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${describedBy(error && 'time-error')}>
          <legend class="legend">${t.time} <span class="visually-hidden">— ${longDate(day.date, t)}</span></legend>
          ${this.renderFieldError('time')}
          <div class="slots">
            ${day.slots.map(
              (s, i) => html`
                <div class="slot">
                  <input
                    type="radio"
                    name="time"
                    id=${i === 0 ? 'time' : `time-${Date.parse(s.startsAt)}`}
                    .value=${s.startsAt}
                    .checked=${s.startsAt === this.selected}
                    @change=${() => (this.selected = s.startsAt)}
                  />
                  <label for=${i === 0 ? 'time' : `time-${Date.parse(s.startsAt)}`}>${s.label}</label>
                </div>
              `,
            )}
          </div>
        </fieldset>
      </div>
    `;
  }

  /** After a 409: the nearest free times, each one press away. */
  #renderNearest(): TemplateResult | typeof nothing {
    if (this.nearest.length === 0) return nothing;
    return html`
      <div class="inset">
        <p class="strong">${this.t.nearestSlots}</p>
        <ul class="plain">
          ${this.nearest.map((s) => html`<li><button type="button" class="link" @click=${() => this.#pick(s)}>${this.t.when(s)}</button></li>`)}
        </ul>
      </div>
    `;
  }

  #onDay(event: Event): void {
    this.day = (event.target as HTMLSelectElement).value;
  }

  #move(days: number): void {
    const today = todayInAthens();
    const from = addDays(this.from, days);
    this.from = from < today ? today : from;
    this.day = null;
    this.announce(this.t.period(formatDate(this.from), formatDate(this.#to)));
  }

  async #pick(startsAt: string): Promise<void> {
    const day = dateInAthens(new Date(startsAt));
    this.selected = startsAt;
    this.day = day;
    if (day < this.from || day > this.#to) this.from = day;
    await this.#load();
    await this.updateComplete;
    this.querySelector<HTMLInputElement>(`input[name=time][value="${CSS.escape(startsAt)}"]`)?.focus();
  }

  async #load(): Promise<void> {
    this.#request?.abort();
    if (!this.api || !this.store) return;
    const request = new AbortController();
    this.#request = request;
    this.days = null;
    try {
      const { days } = await this.api.availability(this.store.id, this.from, this.#to, this.mode, request.signal);
      this.days = days.filter((d) => d.slots.length > 0);
      this.loadError = null;
      if (!this.days.some((d) => d.date === this.day)) this.day = this.days[0]?.date ?? null;
    } catch (error) {
      if (!request.signal.aborted) this.loadError = this.problemMessage(error);
    }
  }

  async #onContinue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#busy || !this.api || !this.session || !this.store || !this.procedure) return;
    const startsAt = this.selected;
    const free = startsAt && this.days?.some((d) => d.slots.some((s) => s.startsAt === startsAt));
    if (!startsAt || !free) return this.showErrors([{ field: 'time', message: this.t.errors.time }]);
    this.#busy = true;
    try {
      // No await before this point: the popup must open within the citizen's click.
      const citizen = this.session.citizen ?? (await this.session.signIn());
      const body = { storeId: this.store.id, startsAt, mode: this.mode, procedureId: this.procedure.id };
      const hold = await this.api.hold(citizen.token, body);
      this.errors = [];
      this.nearest = [];
      this.complete('slot-held', hold);
    } catch (error) {
      await this.#failed(error);
    } finally {
      this.#busy = false;
    }
  }

  async #failed(error: unknown): Promise<void> {
    const t = this.t;
    if (error instanceof SignInError) return this.showErrors([{ field: null, message: signInProblem(error, t) }]);
    if (error instanceof ProblemError && error.status === 401) {
      this.session?.forget();
      return this.showErrors([{ field: null, message: t.signInAgain }]);
    }
    if (error instanceof ProblemError && error.status === 409) {
      this.nearest = error.problem.nextFreeSlots ?? [];
      this.selected = null;
      void this.#load();
      return this.showErrors([{ field: 'time', message: t.slotTaken }]);
    }
    return this.showErrors([{ field: null, message: this.problemMessage(error) }]);
  }
}
