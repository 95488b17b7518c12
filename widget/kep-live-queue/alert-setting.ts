import { html, type TemplateResult } from 'lit';
import type { LiveQueueMessages } from './live-queue-i18n.js';

/**
 * The store administrator's form of the KEP's call alert minutes, under the queues of
 * `<kep-live-queue>`: one number field with its hint and its error next to it (GOV.UK), saved with
 * `PUT /live-queue/settings`. The element owns the state; this only draws it.
 */
export function renderAlertSetting(t: LiveQueueMessages, minutes: number, error: string | null, onSubmit: (event: SubmitEvent) => void): TemplateResult {
  const describedBy = error ? 'alert-minutes-hint alert-minutes-error' : 'alert-minutes-hint';
  return html`<form class="inline-form" aria-labelledby="alert-setting-title" novalidate @submit=${onSubmit}>
    <h3 id="alert-setting-title">${t.settingTitle}</h3>
    <div class=${error ? 'form-group form-group--error' : 'form-group'}>
      <label for="alert-minutes">${t.settingLabel}</label>
      <span id="alert-minutes-hint" class="hint">${t.settingHint}</span>
      ${error ? html`<span id="alert-minutes-error" class="error-message">${error}</span>` : ''}
      <input id="alert-minutes" name="minutes" type="number" inputmode="numeric" min="1" max="120" step="1" .value=${String(minutes)} aria-describedby=${describedBy} aria-invalid=${error ? 'true' : 'false'} />
    </div>
    <button type="submit" class="secondary">${t.settingSave}</button>
  </form>`;
}
