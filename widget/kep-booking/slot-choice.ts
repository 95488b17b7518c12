import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { addDays, dateInAthens, formatDate, todayInAthens } from '../shared/dates.js';
import type { AvailabilityDay, BookingMode, PublicApiClient, SearchContext } from './booking-api.js';
import { longDate, type BookingMessages } from './booking-i18n.js';
import { describedBy } from './booking-step.js';

/** Days shown at once: two weeks, so a citizen who works shifts sees both kinds of week. */
const WINDOW_DAYS = 14;

/** Where the free times come from: a KEP's public queues of one mode. */
export interface SlotSource {
  api: PublicApiClient;
  storeId: string;
  mode: BookingMode;
  /** A signed-in citizen's token: the time they hold counts as free. */
  token?: string | undefined;
  /** The procedure and the booking flow's random id: a search that finds no time counts as unmet demand, once per flow. */
  search?: SearchContext;
}

/** What the choice needs of the element that shows it. */
export interface SlotChoiceHost extends ReactiveControllerHost {
  readonly renderRoot: HTMLElement | DocumentFragment;
}

/**
 * Choosing a day and a free time among a KEP's public slots: two weeks at a time with earlier and
 * later, a day list and the day's times as radio buttons, and after a taken time (409) the nearest
 * free ones. Booking (`<kep-booking>`'s time step) and moving a booking (`<kep-manage-booking>`) both
 * use it; what "continue" does stays theirs.
 */
export class SlotChoice implements ReactiveController {
  /** The first day shown (YYYY-MM-DD, Athens). */
  from = todayInAthens();
  /** The days with free times, once loaded. */
  days: AvailabilityDay[] | null = null;
  /** The day whose times are shown. */
  day: string | null = null;
  loadError: string | null = null;
  /** The chosen time (its `startsAt`). */
  selected: string | null = null;
  /** Free times near one that was just taken. */
  nearest: string[] = [];

  readonly #host: SlotChoiceHost;
  readonly #source: () => SlotSource | null;
  readonly #problem: (error: unknown) => string;
  readonly #announce: (text: string) => void;
  readonly #t: () => BookingMessages;
  readonly #loaded: ((days: readonly AvailabilityDay[], from: string) => void) | undefined;
  #request: AbortController | null = null;

  constructor(
    host: SlotChoiceHost,
    o: {
      source: () => SlotSource | null;
      t: () => BookingMessages;
      problem: (error: unknown) => string;
      announce: (text: string) => void;
      /** After each load: the days with free times of the window that starts at `from`. */
      loaded?: (days: readonly AvailabilityDay[], from: string) => void;
    },
  ) {
    this.#host = host;
    this.#loaded = o.loaded;
    this.#t = o.t;
    this.#source = o.source;
    this.#problem = o.problem;
    this.#announce = o.announce;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.#request?.abort();
  }

  get to(): string {
    return addDays(this.from, WINDOW_DAYS - 1);
  }

  /** Opens the window on the day of `startsAt` (a time chosen before) and selects it. */
  startAt(startsAt: string | null): void {
    this.selected = startsAt;
    if (!startsAt) return;
    this.day = dateInAthens(new Date(startsAt));
    if (this.day > this.to) this.from = this.day;
  }

  /** Whether the chosen time is among the free ones shown. */
  get selectedIsFree(): boolean {
    const s = this.selected;
    return Boolean(s && this.days?.some((d) => d.slots.some((slot) => slot.startsAt === s)));
  }

  /** After a 409: the nearest free times (from the problem), the choice cleared, the days again. */
  taken(nextFreeSlots: string[] | undefined): void {
    this.nearest = nextFreeSlots ?? [];
    this.selected = null;
    void this.load();
  }

  async load(): Promise<void> {
    this.#request?.abort();
    const source = this.#source();
    if (!source) return;
    const request = new AbortController();
    this.#request = request;
    this.days = null;
    this.#host.requestUpdate();
    try {
      const { days } = await source.api.availability(source.storeId, this.from, this.to, source.mode, request.signal, source.token, source.search);
      this.days = days.filter((d) => d.slots.length > 0);
      this.loadError = null;
      if (!this.days.some((d) => d.date === this.day)) this.day = this.days[0]?.date ?? null;
      this.#loaded?.(this.days, this.from);
    } catch (error) {
      if (!request.signal.aborted) this.loadError = this.#problem(error);
    }
    this.#host.requestUpdate();
  }

  /** The period shown, with buttons for the two weeks before and after. */
  renderPeriod(t: BookingMessages): TemplateResult {
    return html`
      <div class="period">
        <p class="strong">${t.period(formatDate(this.from), formatDate(this.to))}</p>
        <div class="pager">
          ${this.from > todayInAthens()
            ? html`<button type="button" class="secondary" @click=${() => this.#move(-WINDOW_DAYS)}><span aria-hidden="true">‹ </span>${t.earlier}</button>`
            : nothing}
          <button type="button" class="secondary" @click=${() => this.#move(WINDOW_DAYS)}>${t.later}<span aria-hidden="true"> ›</span></button>
        </div>
      </div>
    `;
  }

  /** The day list and the day's times; `error` is the message about the time (id `time-error`). */
  renderDays(t: BookingMessages, error: string | undefined): TemplateResult {
    if (this.loadError) return html`<p class="problem" role="alert">${this.loadError}</p>`;
    const days = this.days;
    if (!days) return html`<p>${t.loading}</p>`;
    if (days.length === 0) return html`<p>${t.noSlots(formatDate(this.from), formatDate(this.to))}</p>`;
    const day = days.find((d) => d.date === this.day) ?? days[0]!;
    const id = (i: number, startsAt: string) => (i === 0 ? 'time' : `time-${Date.parse(startsAt)}`);
    return html`
      <div class="form-group">
        <label for="day">${t.day}</label>
        <select id="day" @change=${(e: Event) => this.#onDay(e)}>
          ${days.map((d) => html`<option .value=${d.date} ?selected=${d === day}>${t.dayOption(longDate(d.date, t), d.slots.length)}</option>`)}
        </select>
      </div>
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${describedBy(error && 'time-error')}>
          <legend class="legend">${t.time} <span class="visually-hidden">— ${longDate(day.date, t)}</span></legend>
          ${error ? html`<p id="time-error" class="error-message"><span class="visually-hidden">${t.errorPrefix}</span> ${error}</p>` : nothing}
          <div class="slots">
            ${day.slots.map(
              (s, i) => html`
                <div class="slot">
                  <input type="radio" name="time" id=${id(i, s.startsAt)} .value=${s.startsAt} .checked=${s.startsAt === this.selected} @change=${() => (this.selected = s.startsAt)} />
                  <label for=${id(i, s.startsAt)}>${s.label}</label>
                </div>
              `,
            )}
          </div>
        </fieldset>
      </div>
    `;
  }

  /** After a 409: the nearest free times, each one press away. */
  renderNearest(t: BookingMessages): TemplateResult | typeof nothing {
    if (this.nearest.length === 0) return nothing;
    return html`
      <div class="inset">
        <p class="strong">${t.nearestSlots}</p>
        <ul class="plain">
          ${this.nearest.map((s) => html`<li><button type="button" class="link" @click=${() => this.#pick(s)}>${t.when(s)}</button></li>`)}
        </ul>
      </div>
    `;
  }

  #onDay(event: Event): void {
    this.day = (event.target as HTMLSelectElement).value;
    this.#host.requestUpdate();
  }

  #move(days: number): void {
    const today = todayInAthens();
    const from = addDays(this.from, days);
    this.from = from < today ? today : from;
    this.day = null;
    void this.load();
    this.#announce(this.#t().period(formatDate(this.from), formatDate(this.to)));
  }

  async #pick(startsAt: string): Promise<void> {
    const day = dateInAthens(new Date(startsAt));
    this.selected = startsAt;
    this.day = day;
    if (day < this.from || day > this.to) this.from = day;
    await this.load();
    await this.#host.updateComplete;
    this.#host.renderRoot.querySelector<HTMLInputElement>(`input[name=time][value="${CSS.escape(startsAt)}"]`)?.focus();
  }
}
