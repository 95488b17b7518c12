/**
 * The search box and the filters above the table. They hold no state of their own: each change
 * goes straight to the list's query (see `list-controller.ts`), so what is shown is always what
 * was asked.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import type { AppointmentStatus } from '../shared/api.js';
import { isIsoDate } from '../shared/dates.js';
import type { AppointmentPage, ListQuery } from './appointments-api.js';
import type { AppointmentMessages } from './appointments-i18n.js';

/** The statuses staff filter by, in the order of a day. */
export const STATUS_ORDER: readonly AppointmentStatus[] = ['booked', 'arrived', 'served', 'no_show', 'missed_by_staff', 'cancelled'];

/** What the search and filters read and call. */
export interface FiltersContext {
  t: AppointmentMessages;
  query: ListQuery;
  result: AppointmentPage | null;
  /** Queues to filter by: the KEP's, or those seen in the list when the server cannot list them. */
  queues: { id: string; name: string }[];
  change(change: Partial<ListQuery>, options?: { debounce?: boolean }): void;
  searchNow(): void;
}

/** What the folded filters need besides: whether the person has them open. */
export interface MoreFiltersContext extends FiltersContext {
  moreOpen: boolean;
  setMoreOpen(open: boolean): void;
}

/**
 * The name search: results as one types (debounced), Enter searches at once. A search spans
 * every date unless a range is set. The box keeps exactly what was typed: the query is trimmed
 * only when it is sent (`listParams`), because writing a trimmed value back through `live()`
 * would swallow the space between first and last name as it is typed.
 */
export function renderSearch(c: FiltersContext): TemplateResult {
  const onSubmit = (event: Event) => {
    event.preventDefault();
    c.searchNow();
  };
  return html`<form role="search" class="form-group" @submit=${onSubmit}>
    <label for="search">${c.t.search.label}</label>
    <span id="search-hint" class="hint">${c.t.search.hint}</span>
    <input
      id="search"
      type="search"
      autocomplete="off"
      spellcheck="false"
      aria-describedby="search-hint"
      .value=${live(c.query.q)}
      @input=${(event: Event) => c.change({ q: (event.target as HTMLInputElement).value }, { debounce: true })}
    />
  </form>`;
}

/**
 * The statuses with their counts, always in view (they are also the day's summary), then queue,
 * mode, source and a date range behind «Περισσότερα φίλτρα», opened when one of them is set so
 * that nothing narrowing the list is hidden. It never closes by itself: setting a select back to
 * «Όλα» must not fold away the control that has the focus.
 */
export function renderFilters(c: MoreFiltersContext): TemplateResult {
  const { t, query } = c;
  const f = t.filters;
  const select = (name: 'queueId' | 'mode' | 'source', label: string, choices: [string, string][]) => html`<div class="form-group">
    <label for="filter-${name}">${label}</label>
    <select id="filter-${name}" .value=${live(query[name])} @change=${(event: Event) => c.change({ [name]: (event.target as HTMLSelectElement).value })}>
      <option value="" ?selected=${!query[name]}>${f.any}</option>
      ${choices.map(([value, text]) => html`<option value=${value} ?selected=${query[name] === value}>${text}</option>`)}
    </select>
  </div>`;
  const date = (name: 'from' | 'to', label: string) => html`<div class="form-group">
    <label for="filter-${name}">${label}</label>
    <input
      id="filter-${name}"
      type="date"
      aria-describedby="range-hint"
      .value=${live(query[name])}
      @change=${(event: Event) => {
        const value = (event.target as HTMLInputElement).value;
        // A half-typed date reads ''; only a whole one (or a cleared field) changes the list.
        if (value === '' || isIsoDate(value)) c.change({ [name]: value });
      }}
    />
  </div>`;
  const more = Boolean(query.queueId || query.mode || query.source || query.from || query.to);
  const filtered = more || query.statuses.length > 0;
  return html`${renderStatuses(c)}
    <details class="more-filters" ?open=${more || c.moreOpen} @toggle=${(event: Event) => c.setMoreOpen((event.target as HTMLDetailsElement).open)}>
      <summary>${f.more}</summary>
      <div class="filters" role="group" aria-label=${f.title}>
        ${c.queues.length > 1 ? select('queueId', f.queue, c.queues.map((q) => [q.id, q.name])) : nothing}
        ${select('mode', f.mode, [['in_person', t.modes.in_person], ['video', t.modes.video]])}
        ${select('source', f.source, (['phone', 'email', 'walk_in', 'online'] as const).map((s) => [s, t.sources[s]]))}
        ${date('from', f.from)} ${date('to', f.to)}
      </div>
      <p id="range-hint" class="hint">${f.rangeHint}</p>
    </details>
    ${filtered
      ? html`<p class="clear-filters"><button type="button" @click=${() => c.change({ queueId: '', mode: '', source: '', from: '', to: '', statuses: [] })}>${f.clear}</button></p>`
      : nothing}`;
}

/**
 * One checkbox per status, labelled with how many appointments have it: the counts per status
 * and the status filter in one place. Counts ignore the status filter, so they stay useful.
 */
function renderStatuses(c: FiltersContext): TemplateResult {
  const { t, query, result } = c;
  const onChange = (event: Event) => {
    const boxes = (event.currentTarget as HTMLElement).querySelectorAll<HTMLInputElement>('input[type=checkbox]');
    c.change({ statuses: [...boxes].filter((b) => b.checked).map((b) => b.value as AppointmentStatus) });
  };
  return html`<fieldset class="form-group" @change=${onChange}>
    <legend>${t.filters.status}</legend>
    <div class="statuses">
      ${STATUS_ORDER.map(
        (status) => html`<label class="choice">
          <input type="checkbox" value=${status} .checked=${live(query.statuses.includes(status))} />
          ${t.statuses[status]}&nbsp;<span class="count">(${result?.counts[status] ?? 0})</span>
        </label>`,
      )}
    </div>
  </fieldset>`;
}
