import { html, type TemplateResult } from 'lit';
import type { LiveQueueMessages } from './live-queue-i18n.js';

/** One number of minutes in a settings form: its label and hint, its range, and the server's error next to it. */
export interface MinutesField {
  /** The field's id, and its name in the form. */
  id: string;
  label: string;
  hint: string;
  value: number;
  min: number;
  max: number;
  error: string | null;
}

/**
 * A store administrator's small settings form of minutes (GOV.UK: each field with its hint and its
 * error next to it). The element owns the state and saves it; the server checks the values and
 * answers in Greek on the field, so no range is enforced here beyond the input's own hints.
 */
export function renderMinutesForm(formId: string, title: string, fields: MinutesField[], save: string, onSubmit: (event: SubmitEvent) => void): TemplateResult {
  return html`<form class="inline-form" aria-labelledby="${formId}-title" novalidate @submit=${onSubmit}>
    <h3 id="${formId}-title">${title}</h3>
    ${fields.map((f) => {
      const describedBy = f.error ? `${f.id}-hint ${f.id}-error` : `${f.id}-hint`;
      return html`<div class=${f.error ? 'form-group form-group--error' : 'form-group'}>
        <label for=${f.id}>${f.label}</label>
        <span id="${f.id}-hint" class="hint">${f.hint}</span>
        ${f.error ? html`<span id="${f.id}-error" class="error-message">${f.error}</span>` : ''}
        <input id=${f.id} name=${f.id} type="number" inputmode="numeric" min=${f.min} max=${f.max} step="1" .value=${String(f.value)} aria-describedby=${describedBy} aria-invalid=${f.error ? 'true' : 'false'} />
      </div>`;
    })}
    <button type="submit" class="secondary">${save}</button>
  </form>`;
}

/** The KEP's call alert minutes, under the queues of `<kep-live-queue>`, saved with `PUT /live-queue/settings`. */
export function renderAlertSetting(t: LiveQueueMessages, minutes: number, error: string | null, onSubmit: (event: SubmitEvent) => void): TemplateResult {
  const field = { id: 'alert-minutes', label: t.settingLabel, hint: t.settingHint, value: minutes, min: 1, max: 120, error };
  return renderMinutesForm('alert-setting', t.settingTitle, [field], t.settingSave, onSubmit);
}
