/**
 * The screen's day controls: previous/today/next with the month calendar behind a disclosure
 * button, the toolbar (new appointment, the day's print-out and CSV), and the title of what the
 * list shows. They take one line at the top, so that the day's appointments are on the first
 * screen (1366×768) and «Νέο ραντεβού» is the first control of the screen.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api.js';
import { addDays, formatDate, formatWeekday, todayInAthens } from '../shared/dates.js';
import { daySheetUrl, searchText, spansDays, type ListQuery } from './appointments-api.js';
import type { AppointmentMessages } from './appointments-i18n.js';

/** Whether the month calendar is shown, and the disclosure button's action. */
export interface CalendarDisclosure {
  open: boolean;
  toggle(): void;
}

/**
 * Buttons for the days next to the shown one and the month calendar, shown on demand (it is a
 * third of a laptop's screen): a disclosure button (`aria-expanded`) opens it below them.
 */
export function renderDayNavigation(t: AppointmentMessages, date: string, lang: string, show: (date: string) => void, calendar: CalendarDisclosure): TemplateResult {
  return html`
    <div class="day-buttons" role="group" aria-label=${t.dayNavigation}>
      <button type="button" @click=${() => show(addDays(date, -1))}><span aria-hidden="true">‹</span> ${t.previousDay}</button>
      <button type="button" @click=${() => show(todayInAthens())}>${t.today}</button>
      <button type="button" @click=${() => show(addDays(date, 1))}>${t.nextDay} <span aria-hidden="true">›</span></button>
      <button type="button" class="calendar-toggle" aria-expanded=${calendar.open ? 'true' : 'false'} aria-controls="calendar-panel" @click=${calendar.toggle}>
        ${t.calendar.label} <span aria-hidden="true">${calendar.open ? '▴' : '▾'}</span>
      </button>
    </div>
    <div id="calendar-panel" class="calendar-panel" ?hidden=${!calendar.open}>
      ${calendar.open
        ? html`<kep-appointments-calendar .value=${date} lang=${lang} @date-select=${(e: CustomEvent<string>) => show(e.detail)}></kep-appointments-calendar>`
        : nothing}
    </div>
  `;
}

/**
 * New appointment (`add` null: not for a read-only supervisor), and the shown day's print-out and
 * CSV (the circular allows printing per day only). The print-out is a link, so that a browser
 * never blocks it as a popup.
 */
export function renderToolbar(t: AppointmentMessages, api: ApiClient, storeId: string, date: string, queueId: string, add: (() => void) | null): TemplateResult {
  const day = formatDate(date);
  return html`<div class="toolbar" part="toolbar">
    ${add ? html`<button type="button" class="primary" @click=${add}>${t.toolbar.add}</button>` : nothing}
    <a class="button" href=${daySheetUrl(api, storeId, date, queueId, 'html')} target="_blank" rel="noopener"
      >${t.toolbar.print(day)} <span class="visually-hidden">${t.toolbar.newTab}</span></a
    >
    <a href=${daySheetUrl(api, storeId, date, queueId, 'csv')} download>${t.toolbar.csv(day)}</a>
  </div>`;
}

/** "Ραντεβού Τετάρτη 06/03/2030", "Ραντεβού 01/03/2030 – 31/03/2030" or "Αναζήτηση «…»". */
export function listTitle(t: AppointmentMessages, q: ListQuery): string {
  const search = searchText(q);
  if (search) return t.titles.search(search);
  if (spansDays(q)) return t.titles.range(formatDate(q.from || q.to), formatDate(q.to || q.from));
  return t.titles.day(`${formatWeekday(q.date, t.locale)} ${formatDate(q.date)}`);
}
