/**
 * The exceptions and holidays of the coming months, and the form that adds an exception.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { formatDate, formatWeekday } from '../shared/dates.js';
import type { Holiday, NewException, Queue, ScheduleException } from './queues-api.js';
import type { QueueMessages } from './queues-i18n.js';

const longDate = (date: string, t: QueueMessages) => `${formatWeekday(date, t.locale)} ${formatDate(date)}`;

export function renderExceptions(
  items: ScheduleException[],
  queues: Queue[],
  t: QueueMessages,
  admin: boolean,
  remove: (e: ScheduleException) => void,
): TemplateResult {
  const c = t.exceptionColumns;
  const queueName = (id: string | null) => (id ? (queues.find((q) => q.id === id)?.name ?? '—') : t.wholeKep);
  return html`
    <table part="exceptions">
      <caption>${t.exceptionsCaption}</caption>
      <thead><tr><th scope="col">${c.dates}</th><th scope="col">${c.scope}</th><th scope="col">${c.hours}</th><th scope="col">${c.reason}</th>${admin ? html`<th scope="col">${c.actions}</th>` : nothing}</tr></thead>
      <tbody>
        ${items.length === 0
          ? html`<tr><td colspan=${admin ? 5 : 4}>${t.noExceptions}</td></tr>`
          : items.map(
              (e) => html`<tr data-id=${e.id}>
                <th scope="row">${formatDate(e.startDate)}${e.endDate !== e.startDate ? ` – ${formatDate(e.endDate)}` : ''}${e.recursYearly ? ` (${t.yearly})` : ''}</th>
                <td>${queueName(e.queueId)}</td>
                <td>${e.hours ? e.hours.map(([a, b]) => `${a}–${b}`).join(', ') : t.closed}</td>
                <td>${e.reason}</td>
                ${admin ? html`<td><button type="button" class="secondary" @click=${() => remove(e)}>${t.deleteException(e.reason)}</button></td>` : nothing}
              </tr>`,
            )}
      </tbody>
    </table>
  `;
}

export function renderHolidays(items: Holiday[], t: QueueMessages): TemplateResult {
  const c = t.holidayColumns;
  const en = t.locale.startsWith('en');
  return html`
    <table part="holidays">
      <caption>${t.holidaysCaption}</caption>
      <thead><tr><th scope="col">${c.date}</th><th scope="col">${c.name}</th><th scope="col">${c.kind}</th></tr></thead>
      <tbody>
        ${items.map(
          (h) => html`<tr><th scope="row"><time datetime=${h.date}>${longDate(h.date, t)}</time></th><td>${en ? h.nameEn : h.nameEl}</td><td>${h.kind === 'national' ? t.national : t.local}</td></tr>`,
        )}
      </tbody>
    </table>
  `;
}

/** The add-exception form; field names match {@link readExceptionForm}. */
export function renderExceptionForm(queues: Queue[], t: QueueMessages, submit: (event: SubmitEvent) => void): TemplateResult {
  return html`
    <form part="exception-form" aria-labelledby="new-exception" novalidate @submit=${submit}>
      <h4 id="new-exception">${t.newException}</h4>
      <div class="row">
        <div class="form-group"><label for="ex-start">${t.startDate}</label><input id="ex-start" name="startDate" type="date" required /></div>
        <div class="form-group"><label for="ex-end">${t.endDate}</label><input id="ex-end" name="endDate" type="date" required /></div>
      </div>
      <div class="form-group">
        <label for="ex-scope">${t.scope}</label>
        <select id="ex-scope" name="queueId">
          <option value="">${t.wholeKep}</option>
          ${queues.map((q) => html`<option value=${q.id}>${q.name}</option>`)}
        </select>
      </div>
      <label class="choice"><input type="checkbox" name="closed" checked /> ${t.closedAllDay}</label>
      <div class="row">
        <div class="form-group"><label for="ex-open">${t.openFrom}</label><input id="ex-open" name="open" type="time" step="300" /></div>
        <div class="form-group"><label for="ex-close">${t.openTo}</label><input id="ex-close" name="close" type="time" step="300" /></div>
      </div>
      <div class="form-group">
        <label for="ex-reason">${t.reason}</label>
        <span id="ex-reason-hint" class="hint">${t.reasonHint}</span>
        <input id="ex-reason" name="reason" type="text" maxlength="200" aria-describedby="ex-reason-hint" required />
      </div>
      <label class="choice"><input type="checkbox" name="recursYearly" /> ${t.recursYearly}</label>
      <div class="actions"><button type="submit">${t.add}</button></div>
    </form>
  `;
}

/** The exception the form describes, or the messages of what is missing. */
export function readExceptionForm(form: HTMLFormElement, t: QueueMessages): { value: NewException } | { errors: string[] } {
  const data = new FormData(form);
  const get = (k: string) => String(data.get(k) ?? '').trim();
  const errors: string[] = [];
  const startDate = get('startDate');
  const endDate = get('endDate') || startDate;
  if (!startDate || endDate < startDate) errors.push(t.errors.dates);
  if (!get('reason')) errors.push(t.errors.reason);
  const closed = data.get('closed') !== null;
  const open = get('open').slice(0, 5);
  const close = get('close').slice(0, 5);
  if (!closed && (!open || !close)) errors.push(t.errors.time);
  else if (!closed && close <= open) errors.push(t.errors.order);
  if (errors.length) return { errors };
  return {
    value: {
      queueId: get('queueId') || null,
      startDate,
      endDate,
      hours: closed ? null : [[open, close]],
      reason: get('reason'),
      recursYearly: data.get('recursYearly') !== null,
    },
  };
}
