/**
 * The table of appointments with its sortable columns, the actions of each row and the pages.
 * Every value is rendered as text by Lit (never `unsafeHTML`): a name like `<b>` shows as typed.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { Appointment } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { PAGE_SIZE, spansDays, type AppointmentPage, type ListQuery, type SortKey, type StaffStatus } from './appointments-api.js';
import type { AppointmentMessages } from './appointments-i18n.js';
import { callStartDue, noticeDue, videoLate } from './video-call.js';
import { renderJoinLink, renderModeCell, renderProcedureNote, renderStateNotes, type VideoRowContext } from './video-row.js';

/** What a row's buttons ask for. */
export type RowAction = { kind: 'status'; status: StaffStatus } | { kind: 'edit' } | { kind: 'cancel' } | { kind: 'call-started' } | { kind: 'polite-notice' };

/** What the table reads and calls; without `canWrite` (a supervisor) there are no actions at all. */
export interface TableContext extends VideoRowContext {
  t: AppointmentMessages;
  query: ListQuery;
  result: AppointmentPage;
  loading: boolean;
  /** Whether to show the queue of each row (the KEP has more than one). */
  showQueue: boolean;
  /** The row whose change is on its way: its buttons wait. */
  busyId: string | null;
  titleId: string;
  change(change: Partial<ListQuery>): void;
  act(action: RowAction, appointment: Appointment): void;
}

/** The table, or a row saying there is nothing, and the page buttons when there is more than a page. */
export function renderTable(c: TableContext): TemplateResult {
  const { t, query, result } = c;
  const manyDays = spansDays(query);
  const columns = 7 + (c.showQueue ? 1 : 0) + (c.canWrite ? 1 : 0);
  const empty = manyDays ? t.noResults : t.noAppointments;
  return html`<div class="table-wrapper">
      <table part="table" aria-labelledby=${c.titleId} aria-busy=${c.loading ? 'true' : 'false'}>
        <thead>
          <tr>
            ${sortHeader(c, manyDays ? t.columns.dateTime : t.columns.time, 'startsAt')}
            <th scope="col">${t.columns.reference}</th>
            ${sortHeader(c, t.columns.name, 'lastName')}
            ${c.showQueue ? html`<th scope="col">${t.columns.queue}</th>` : nothing}
            <th scope="col">${t.columns.contact}</th>
            <th scope="col">${t.columns.procedure}</th>
            <th scope="col">${t.columns.mode}</th>
            <th scope="col">${t.columns.status}</th>
            ${c.canWrite ? html`<th scope="col"><span class="visually-hidden">${t.columns.actions}</span></th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${result.items.length === 0
            ? html`<tr><td colspan=${columns}>${empty}</td></tr>`
            : repeat(result.items, (a) => a.id, (a) => renderRow(c, a, manyDays))}
        </tbody>
      </table>
    </div>
    ${renderPages(c)}`;
}

/**
 * A column header that sorts: a button inside the `th`, whose `aria-sort` says the current
 * order (ascending first, a second press reverses it).
 */
function sortHeader(c: TableContext, label: string, key: 'startsAt' | 'lastName'): TemplateResult {
  const sort = c.query.sort;
  const current = sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : 'none';
  const next: SortKey = sort === key ? `-${key}` : key;
  return html`<th scope="col" aria-sort=${current}>
    <button type="button" class="sort" @click=${() => c.change({ sort: next })}>
      ${label}<span class="visually-hidden">, ${c.t.sortHint}</span>
      <span aria-hidden="true">${current === 'ascending' ? '▲' : current === 'descending' ? '▼' : '↕'}</span>
    </button>
  </th>`;
}

function renderRow(c: TableContext, a: Appointment, manyDays: boolean): TemplateResult {
  const { t } = c;
  const time = formatTime(a.startsAt);
  const when = manyDays ? `${formatDate(dateInAthens(new Date(a.startsAt)))} ${time}` : time;
  const name = `${a.lastName} ${a.firstName}`;
  const classes = [a.status === 'cancelled' ? 'cancelled' : '', a.needsAttention || videoLate(a) ? 'attention' : ''].join(' ');
  return html`<tr data-id=${a.id} class=${classes}>
    <th scope="row"><time datetime=${a.startsAt}>${when}</time><span class="small">${a.durationMinutes}′</span></th>
    <td class="reference">${renderReference(a.reference)}</td>
    <td>
      <strong>${a.lastName}</strong> ${a.firstName}
      ${a.business ? html`<span class="small">${t.row.representing(a.business.name)}</span>` : nothing}
      ${a.taxId ? html`<span class="small">ΑΦΜ ${a.taxId}</span>` : nothing}
    </td>
    ${c.showQueue ? html`<td>${a.queueName}</td>` : nothing}
    <td>${a.phone ? html`<span>${displayPhone(a.phone)}</span>` : nothing}${a.email ? html`<span class="small">${a.email}</span>` : nothing}</td>
    <td class="notes">${a.procedure ?? ''}${renderProcedureNote(c, a)}${a.notes ? html`<span class="small">${a.notes}</span>` : nothing}</td>
    ${renderModeCell(c, a, `${name}, ${when}`)}
    <td class="state">
      ${t.statuses[a.status] ?? a.status}
      ${a.statusChangedAt && a.status !== 'booked' ? html`<span class="small">${t.row.changedAt(formatTime(a.statusChangedAt))}</span>` : nothing}
      ${c.canWrite && a.status === 'booked' && a.outcomesFrom && !outcomeOpen(a, 'arrived', c.now)
        ? html`<span class="small">${t.row.attendanceFrom(formatTime(a.outcomesFrom.arrived))}</span>`
        : nothing}
      ${renderStateNotes(c, a)}
      ${a.cancelledReason ? html`<span class="small">${t.row.reason(a.cancelledReason)}</span>` : nothing}
    </td>
    ${c.canWrite
      ? html`<td>
          <div class="actions">
            ${renderJoinLink(c, a, `${name}, ${when}`)}${rowActions(c, a).map((action) => actionButton(c, action, a, `${name}, ${when}`))}
          </div>
        </td>`
      : nothing}
  </tr>`;
}

/**
 * The row's buttons: recording the call's start comes first at the time of a video appointment,
 * the polite notice before edit and cancel while it has not gone out.
 */
function rowActions(c: TableContext, a: Appointment): RowAction[] {
  const actions = actionsFor(a).filter((action) => action.kind !== 'status' || outcomeOpen(a, action.status, c.now));
  if (callStartDue(a, c.now)) actions.unshift({ kind: 'call-started' });
  if (noticeDue(a)) {
    const at = actions.findIndex((action) => action.kind === 'edit');
    actions.splice(at < 0 ? actions.length : at, 0, { kind: 'polite-notice' });
  }
  return actions;
}

/**
 * Whether an outcome may be recorded at `now`: the server says from when (`outcomesFrom`, its one
 * rule), the screen's clock says whether that time has come. Undoing a mark is always possible, and
 * so is correcting what the end of the day marked as missed (its day is over).
 */
function outcomeOpen(a: Appointment, status: StaffStatus, now: number): boolean {
  if (status === 'booked' || a.status === 'missed_by_staff') return true;
  const from = a.outcomesFrom?.[status];
  return from === undefined || Date.parse(from) <= now;
}

/**
 * The actions that make sense in each status. `booked` again undoes a mistaken mark; an
 * appointment the end of the day recorded as missed is corrected (with a reason) to what happened.
 */
function actionsFor(a: Appointment): RowAction[] {
  const status = (s: StaffStatus): RowAction => ({ kind: 'status', status: s });
  const edit: RowAction = { kind: 'edit' };
  const cancel: RowAction = { kind: 'cancel' };
  switch (a.status) {
    case 'booked':
      return [status('arrived'), status('served'), status('no_show'), edit, cancel];
    case 'arrived':
      return [status('served'), status('booked'), edit, cancel];
    case 'served':
    case 'no_show':
      return [status('booked'), edit];
    case 'missed_by_staff':
      return [status('arrived'), status('served'), status('no_show'), edit];
    default:
      return [];
  }
}

/**
 * A button whose visible word is short and whose spoken name says which appointment it acts on.
 * While its row waits it is `aria-disabled` rather than `disabled`: a disabled button drops the
 * keyboard focus to the page's start.
 */
function actionButton(c: TableContext, action: RowAction, a: Appointment, whose: string): TemplateResult {
  const r = c.t.row;
  const labels: Record<StaffStatus, string> = { arrived: r.arrived, served: r.served, no_show: r.noShow, booked: r.undo };
  const others: Record<Exclude<RowAction['kind'], 'status'>, string> = { edit: r.edit, cancel: r.cancel, 'call-started': c.t.video.recordStart, 'polite-notice': c.t.notice.button };
  const label = action.kind === 'status' ? labels[action.status] : others[action.kind];
  return html`<button type="button" data-action=${action.kind === 'status' ? action.status : action.kind} aria-disabled=${c.busyId === a.id ? 'true' : 'false'} @click=${() => c.act(action, a)}>
    ${label}<span class="visually-hidden"> — ${whose}</span>
  </button>`;
}

/**
 * The booking reference as the citizen has it written ("K7P-4MX"), and for a screen reader one
 * character at a time, a pause between the groups ("X 3 M, 2 Z A"): as written, eSpeak NG 1.51 (the
 * synthesizer NVDA ships) with a Greek voice reads «X3M-2ZA» as "X τρία M μείον δύο za", the dash
 * a minus and letters run together as a syllable. A hidden text rather than an `aria-label`, which
 * ARIA does not allow on a plain `span`; it is left out of a copy, so the reference copies alone.
 */
function renderReference(reference: string): TemplateResult {
  const spelled = reference
    .split('-')
    .map((group) => [...group].join(' '))
    .join(', ');
  return html`<span aria-hidden="true">${reference}</span><span class="visually-hidden">${spelled}</span>`;
}

/** Greek numbers as people dial them (6912345678); others in full international form. */
function displayPhone(e164: string): string {
  return e164.startsWith('+30') ? e164.slice(3) : e164;
}

function renderPages(c: TableContext): TemplateResult | typeof nothing {
  const { t, result } = c;
  const pages = Math.max(1, Math.ceil(result.total / PAGE_SIZE));
  if (pages === 1) return nothing;
  const page = result.page;
  return html`<nav class="pages" aria-label=${t.pages.label}>
    <button type="button" ?disabled=${page <= 1} @click=${() => c.change({ page: page - 1 })}><span aria-hidden="true">‹</span> ${t.pages.previous}</button>
    <span>${t.pages.page(page, pages)}</span>
    <button type="button" ?disabled=${page >= pages} @click=${() => c.change({ page: page + 1 })}>${t.pages.next} <span aria-hidden="true">›</span></button>
  </nav>`;
}
