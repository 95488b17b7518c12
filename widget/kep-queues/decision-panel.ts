/**
 * The question a change asks when it would leave future appointments outside the hours: which
 * appointments, and keep / cancel with notice / move to another queue. Nothing is saved until the
 * administrator answers.
 */
import { html, type TemplateResult } from 'lit';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import type { AffectedAppointment, FutureDecision, Queue } from './queues-api.js';
import type { QueueMessages } from './queues-i18n.js';

/** A change waiting for the decision: `retry` sends it again with the decision added. */
export interface PendingChange {
  kind: 'queue' | 'exception';
  affected: AffectedAppointment[];
  /** Queues the appointments may move to (active, other than the one changed). */
  targets: Queue[];
  retry(decision: FutureDecision): Promise<void>;
}

export function renderDecisionPanel(
  pending: PendingChange,
  t: QueueMessages,
  on: { confirm(event: SubmitEvent): void; cancel(): void },
  error: string | null,
): TemplateResult {
  return html`
    <form class="decision" part="decision" role="group" aria-labelledby="decision-title" novalidate @submit=${on.confirm}>
      <h3 id="decision-title" tabindex="-1">${t.decisionTitle(pending.affected.length)}</h3>
      <p>${t.decisionHint}</p>
      <ul>
        ${pending.affected.map(
          (a) => html`<li>
            <time datetime=${a.startsAt}>${formatDate(dateInAthens(new Date(a.startsAt)))} ${formatTime(a.startsAt)}</time>
            — ${a.firstName} ${a.lastName} (${a.hasEmail ? t.withEmail : t.withoutEmail})
          </li>`,
        )}
      </ul>
      ${error ? html`<p class="error-message" role="alert">${error}</p>` : ''}
      <fieldset>
        <legend class="visually-hidden">${t.decisionHint}</legend>
        <label class="choice"><input type="radio" name="decision" value="keep" checked /> ${t.keep}</label>
        <label class="choice"><input type="radio" name="decision" value="cancel" /> ${t.cancelWithNotice}</label>
        <label class="choice"><input type="radio" name="decision" value="move" ?disabled=${pending.targets.length === 0} /> ${t.move}</label>
      </fieldset>
      ${pending.targets.length
        ? html`<div class="form-group">
            <label for="move-to">${t.moveTo}</label>
            <select id="move-to" name="moveToQueueId">
              ${pending.targets.map((q) => html`<option value=${q.id}>${q.name}</option>`)}
            </select>
          </div>`
        : ''}
      <div class="actions">
        <button type="submit">${t.confirm}</button>
        <button type="button" class="secondary" @click=${on.cancel}>${t.cancel}</button>
      </div>
    </form>
  `;
}

/** The decision the panel's form holds. */
export function readDecision(form: HTMLFormElement): FutureDecision {
  const data = new FormData(form);
  const choice = String(data.get('decision') ?? 'keep') as FutureDecision['onFutureAppointments'];
  return choice === 'move' ? { onFutureAppointments: 'move', moveToQueueId: String(data.get('moveToQueueId') ?? '') } : { onFutureAppointments: choice };
}
