import { LitElement, html, type PropertyValues, type TemplateResult } from 'lit';
import { addDays, addMonths, formatMonth, formatSpokenDate, isIsoDate, isoWeekday, todayInAthens } from '../shared/dates.js';
import { appointmentMessages } from './appointments-i18n.js';
import { calendarStyles } from './calendar.styles.js';

/** What each key does to the focused day, after the WAI-ARIA APG date picker's grid. */
const MOVES: Record<string, (date: string, shift: boolean) => string> = {
  ArrowLeft: (d) => addDays(d, -1),
  ArrowRight: (d) => addDays(d, 1),
  ArrowUp: (d) => addDays(d, -7),
  ArrowDown: (d) => addDays(d, 7),
  Home: (d) => addDays(d, 1 - isoWeekday(d)),
  End: (d) => addDays(d, 7 - isoWeekday(d)),
  PageUp: (d, shift) => addMonths(d, shift ? -12 : -1),
  PageDown: (d, shift) => addMonths(d, shift ? 12 : 1),
};

/**
 * `<kep-appointments-calendar>`: a month of days, Monday first, to choose the day the staff
 * screen shows. One day is in the tab order at a time (roving tabindex); arrows, Home/End and
 * PageUp/PageDown (with Shift: a year) move it, Enter, Space or a click chooses it.
 *
 * An inner part of `<kep-appointments>`, not meant to be used alone.
 *
 * @fires date-select - `detail` is the chosen day (YYYY-MM-DD). Does not leave the host's shadow root.
 */
export class KepAppointmentsCalendar extends LitElement {
  static override styles = calendarStyles;

  static override properties = {
    value: {},
    lang: {},
    focusDate: { state: true },
  };

  /** The day shown (YYYY-MM-DD): marked selected, and where the focus starts. */
  declare value: string;
  declare lang: string;
  /** The day in the tab order; its month is the one displayed. */
  private declare focusDate: string;

  constructor() {
    super();
    this.value = todayInAthens();
    this.lang = 'el';
    this.focusDate = this.value;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && isIsoDate(this.value)) this.focusDate = this.value;
  }

  override render(): TemplateResult {
    const t = appointmentMessages(this.lang);
    const first = `${this.focusDate.slice(0, 8)}01`;
    const month = first.slice(0, 7);
    const today = todayInAthens();
    const weeks: (string | null)[][] = [];
    // Whole weeks from the Monday on or before the 1st; days of other months stay blank.
    for (let day = addDays(first, 1 - isoWeekday(first)); day.startsWith(month) || day < first; ) {
      const week: (string | null)[] = [];
      for (let i = 0; i < 7; i++, day = addDays(day, 1)) week.push(day.startsWith(month) ? day : null);
      weeks.push(week);
    }
    return html`
      <div class="head">
        <button type="button" @click=${() => this.#show(addMonths(this.focusDate, -1))}>
          <span aria-hidden="true">‹</span><span class="visually-hidden">${t.calendar.previousMonth}</span>
        </button>
        <h3 id="month" aria-live="polite">${formatMonth(first, t.locale)}</h3>
        <button type="button" @click=${() => this.#show(addMonths(this.focusDate, 1))}>
          <span aria-hidden="true">›</span><span class="visually-hidden">${t.calendar.nextMonth}</span>
        </button>
      </div>
      <table role="grid" aria-labelledby="month" aria-describedby="calendar-help" @keydown=${this.#onKeyDown}>
        <thead>
          <tr>
            ${t.calendar.weekdays.map(
              (short, i) => html`<th scope="col"><abbr title=${t.calendar.weekdaysLong[i]!}>${short}</abbr></th>`,
            )}
          </tr>
        </thead>
        <tbody>
          ${weeks.map((week) => html`<tr>${week.map((day) => this.#renderDay(day, today, t.locale))}</tr>`)}
        </tbody>
      </table>
      <p id="calendar-help" class="hint">${t.calendar.help}</p>
    `;
  }

  #renderDay(day: string | null, today: string, locale: string): TemplateResult {
    if (!day) return html`<td></td>`;
    const weekend = isoWeekday(day) > 5;
    // The full date as the cell's name: "6" alone says nothing to a screen reader user.
    return html`<td
      data-date=${day}
      class=${weekend ? 'weekend' : ''}
      tabindex=${day === this.focusDate ? 0 : -1}
      aria-selected=${day === this.value ? 'true' : 'false'}
      aria-current=${day === today ? 'date' : 'false'}
      aria-label=${formatSpokenDate(day, locale)}
      @click=${() => this.#choose(day)}
    >${Number(day.slice(8))}</td>`;
  }

  /** Shows the month of `date` without taking the focus from the button that asked. */
  #show(date: string): void {
    this.focusDate = date;
  }

  async #onKeyDown(event: KeyboardEvent): Promise<void> {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      this.#choose(this.focusDate);
      return;
    }
    const move = MOVES[event.key];
    if (!move || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    this.focusDate = move(this.focusDate, event.shiftKey);
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`td[data-date="${this.focusDate}"]`)?.focus();
  }

  #choose(date: string): void {
    this.focusDate = date;
    this.dispatchEvent(new CustomEvent('date-select', { detail: date }));
  }
}
