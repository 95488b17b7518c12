/**
 * Two pieces of the add/edit dialog that are not plain fields: the free times of the chosen
 * day and queue, and an appointment's history of changes.
 */
import { html, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import type { Draft } from './appointment-form.js';
import type { FreeSlot, HistoryEntry } from './appointments-api.js';
import type { AppointmentMessages, FormField } from './appointments-i18n.js';

/**
 * The free times as radios styled as tiles: one Tab stop for the whole group, arrows between
 * times. Choosing one fills the time field, which stays the value that is sent, so any other
 * time can still be typed.
 */
export function renderSlots(t: AppointmentMessages, d: Draft, slots: FreeSlot[] | null | 'failed', day: string): TemplateResult {
  let body: TemplateResult;
  if (slots === 'failed') body = html`<p class="hint">${t.form.slotsUnavailable}</p>`;
  else if (slots === null) body = html`<p class="hint">${day ? t.form.slotsLoading : ''}</p>`;
  else if (slots.length === 0) body = html`<p class="hint">${t.form.noSlots}</p>`;
  else {
    body = html`<div class="slot-list">
      ${slots.map(
        (slot) => html`<label class="slot"><input type="radio" name="slot" value=${slot.label} .checked=${live(slot.label === d.time.slice(0, 5))} />${slot.label}</label>`,
      )}
    </div>`;
  }
  return html`<fieldset class="form-group" aria-busy=${slots === null && day ? 'true' : 'false'}>
    <legend>${t.form.slots(day)}</legend>
    ${body}
  </fieldset>`;
}

/** Which form label names a field the history lists (the audit names a few differently). */
const HISTORY_FIELDS: Record<string, FormField | 'status' | 'cancelledReason'> = {
  startsAt: 'time', endsAt: 'durationMinutes', queueId: 'queueId', firstName: 'firstName', lastName: 'lastName', email: 'email', phone: 'phone',
  taxId: 'taxId', businessName: 'businessName', businessTaxId: 'businessTaxId', procedure: 'procedure', notes: 'notes', mode: 'mode',
  source: 'source', status: 'status', cancelledReason: 'cancelledReason',
};

/** Who changed what and when, oldest first, inside a disclosure so that it does not lengthen the form. */
export function renderHistory(t: AppointmentMessages, items: HistoryEntry[] | null): TemplateResult {
  const line = (entry: HistoryEntry) => {
    const action = t.form.historyActions[entry.action] ?? entry.action;
    const fields = new Set(
      Object.keys(entry.changes)
        .map((key) => HISTORY_FIELDS[key])
        .filter((f) => f !== undefined)
        .map((f) => (f === 'status' ? t.columns.status : f === 'cancelledReason' ? t.reason.cancelLabel : t.form.labels[f])),
    );
    const status = entry.changes.status?.to as keyof AppointmentMessages['statuses'] | undefined;
    const detail = entry.action === 'appointment.status' && status ? t.statuses[status] ?? status : [...fields].join(', ');
    const when = `${formatDate(dateInAthens(new Date(entry.at)))} ${formatTime(entry.at)}`;
    return html`<li><time datetime=${entry.at}>${when}</time> — ${entry.actor} — ${action}${detail ? `: ${detail}` : ''}</li>`;
  };
  return html`<details>
    <summary>${t.form.history}</summary>
    ${items === null ? html`<p class="hint">…</p>` : items.length === 0 ? html`<p class="hint">${t.form.historyEmpty}</p>` : html`<ol class="history">${items.map(line)}</ol>`}
  </details>`;
}
