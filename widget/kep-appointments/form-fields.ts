/**
 * Markup shared by the screen's forms, after GOV.UK Frontend: a label above each field, the hint
 * and the error between label and field (both referenced by `aria-describedby`, so a screen
 * reader reads them on focus), and the error summary whose links lead to the fields.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';

/** What a field needs besides its name: its label, and optionally a hint and an error. */
export interface FieldOptions {
  label: string;
  required?: boolean;
  hint?: string;
  error?: string;
  /** Read out before an error, since the red bar is not seen by everyone. */
  errorPrefix: string;
}

/** A one-line input's options besides its chrome. */
export interface TextOptions extends FieldOptions {
  type?: string;
  inputmode?: string;
  autocomplete?: string;
  /** The id of a `<datalist>` of suggestions. */
  list?: string;
  /** 'short' (a time, a number) or 'medium' (a tax id); full width otherwise. */
  size?: 'short' | 'medium';
}

/** The ids a field's `aria-describedby` lists: its hint and its error, when it has them. */
export function describedBy(name: string, options: Pick<FieldOptions, 'hint' | 'error'>): string | typeof nothing {
  return [options.hint && `${name}-hint`, options.error && `${name}-error`].filter(Boolean).join(' ') || nothing;
}

function hintAndError(name: string, o: FieldOptions): TemplateResult {
  return html`${o.hint ? html`<span id="${name}-hint" class="hint">${o.hint}</span>` : nothing}${o.error
    ? html`<p id="${name}-error" class="error-message"><span class="visually-hidden">${o.errorPrefix}</span> ${o.error}</p>`
    : nothing}`;
}

function label(name: string, o: FieldOptions): TemplateResult {
  return html`<label for=${name}>${o.label}${o.required ? html`<span aria-hidden="true"> *</span>` : nothing}</label>`;
}

/** A one-line input bound to `value` (live, so a reused form shows each new value). */
export function textField(
  name: string,
  value: string,
  o: TextOptions,
): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    ${label(name, o)} ${hintAndError(name, o)}
    <input
      id=${name}
      name=${name}
      type=${o.type ?? 'text'}
      class=${o.size ?? nothing}
      inputmode=${o.inputmode ?? nothing}
      autocomplete=${o.autocomplete ?? 'off'}
      list=${o.list ?? nothing}
      .value=${live(value)}
      aria-required=${o.required ? 'true' : nothing}
      aria-describedby=${describedBy(name, o)}
      aria-invalid=${o.error ? 'true' : nothing}
    />
  </div>`;
}

/** A multi-line input. */
export function textArea(name: string, value: string, o: FieldOptions): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    ${label(name, o)} ${hintAndError(name, o)}
    <textarea id=${name} name=${name} rows="3" .value=${live(value)} aria-describedby=${describedBy(name, o)} aria-invalid=${o.error ? 'true' : nothing}></textarea>
  </div>`;
}

/** A select of `choices` ([value, text]). */
export function selectField(name: string, value: string, choices: [string, string][], o: FieldOptions): TemplateResult {
  return html`<div class="form-group ${o.error ? 'form-group--error' : ''}">
    ${label(name, o)} ${hintAndError(name, o)}
    <!-- ?selected for the first render (the options do not exist yet when .value is set), .value for
         later ones (an option's selected attribute no longer counts once a person has chosen). -->
    <select id=${name} name=${name} .value=${live(value)} aria-describedby=${describedBy(name, o)} aria-invalid=${o.error ? 'true' : nothing}>
      ${choices.map(([v, text]) => html`<option value=${v} ?selected=${v === value}>${text}</option>`)}
    </select>
  </div>`;
}

/**
 * Radios in a fieldset whose legend names the group. The first radio carries the id the error
 * summary links to. `disabled` values are shown but cannot be chosen.
 */
export function radioGroup(
  name: string,
  value: string,
  choices: [string, string][],
  o: FieldOptions & { disabled?: ReadonlySet<string>; inline?: boolean },
): TemplateResult {
  return html`<fieldset class="form-group ${o.error ? 'form-group--error' : ''}" aria-describedby=${describedBy(name, o)}>
    <legend>${o.label}</legend>
    ${hintAndError(name, o)}
    <div class=${o.inline ? 'inline-choices' : ''}>
      ${choices.map(
        ([v, text], i) => html`<label class="choice">
          <input type="radio" id=${i === 0 ? name : `${name}-${v}`} name=${name} value=${v} .checked=${live(v === value)} ?disabled=${o.disabled?.has(v)} />
          ${text}
        </label>`,
      )}
    </div>
  </fieldset>`;
}

/**
 * The GOV.UK error summary: what went wrong, each field's error a link that focuses the field
 * (fragment links cannot reach into a shadow root, so `onLink` does it).
 */
export function errorSummary(
  title: string,
  general: readonly string[],
  fields: readonly [string, string][],
  onLink: (name: string) => void,
): TemplateResult {
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h3 id="error-summary-title">${title}</h3>
    <ul>
      ${general.map((message) => html`<li>${message}</li>`)}
      ${fields.map(
        ([name, message]) => html`<li>
          <a
            href="#${name}"
            @click=${(event: Event) => {
              event.preventDefault();
              onLink(name);
            }}
            >${message}</a
          >
        </li>`,
      )}
    </ul>
  </div>`;
}

/**
 * The focused element, looking into shadow roots (document.activeElement stops at the first
 * host); null when nothing but the page itself has the focus.
 */
export function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement && active !== document.body ? active : null;
}
