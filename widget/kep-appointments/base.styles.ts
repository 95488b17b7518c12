import { css } from 'lit';

/**
 * What `<kep-appointments>` and its inner parts (calendar, dialogs) share, close to the gov.gr
 * design system (itself derived from GOV.UK Frontend): plain type, strong borders, a yellow
 * focus ring that shows on any background, labels above fields, a red bar beside a field in
 * error. Each part's host reads the page's `--kep-*` custom properties, which inherit into
 * shadow roots.
 */
export const baseStyles = css`
  :host {
    --_primary: var(--kep-primary, #003476);
    --_text: var(--kep-text, #0b0c0c);
    --_error: var(--kep-error, #b60202);
    --_success: var(--kep-success, #00703c);
    --_focus: var(--kep-focus, #ffdd00);
    --_border: var(--kep-border, #b1b4b6);
    --_muted: var(--kep-muted, #505a5f);
    --_background: var(--kep-background, #ffffff);
    --_tint: #e8edf4;

    display: block;
    color: var(--_text);
    font-family: var(--kep-font-family, 'Roboto', 'Helvetica Neue', Arial, sans-serif);
    font-size: 1rem;
    line-height: 1.5;
  }

  :host([hidden]) {
    display: none;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  h2,
  h3,
  h4 {
    margin: 0 0 0.75rem;
    line-height: 1.25;
  }

  h2 {
    font-size: 1.5rem;
  }

  h3 {
    font-size: 1.25rem;
  }

  h4 {
    font-size: 1.125rem;
  }

  a {
    color: var(--_primary);
  }

  /* A focus ring on every control: keyboard users must always see where they are. */
  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  summary:focus-visible,
  [tabindex]:focus-visible,
  .error-summary:focus {
    outline: 3px solid var(--_focus);
    outline-offset: 0;
    box-shadow: inset 0 0 0 2px var(--_text);
  }

  /* Links highlight like gov.gr's: yellow fill, dark underline bar. */
  a:focus-visible {
    background: var(--_focus);
    color: var(--_text);
    box-shadow: 0 4px var(--_text);
    outline: none;
    text-decoration: none;
  }

  .visually-hidden {
    position: absolute !important;
    width: 1px !important;
    height: 1px !important;
    margin: 0 !important;
    padding: 0 !important;
    overflow: hidden !important;
    clip-path: inset(50%) !important;
    white-space: nowrap !important;
    border: 0 !important;
  }

  button,
  .button {
    display: inline-block;
    font: inherit;
    cursor: pointer;
    min-height: 2.5rem;
    padding: 0.375rem 1rem;
    border: 2px solid var(--_primary);
    border-radius: 0;
    color: var(--_primary);
    background: var(--_background);
    text-decoration: none;
  }

  button:hover,
  .button:hover {
    background: var(--_tint);
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: 0.5;
  }

  button.primary,
  button[type='submit'] {
    color: #ffffff;
    background: var(--_primary);
    font-weight: 700;
  }

  button.primary:hover,
  button[type='submit']:hover {
    background: #00244f;
  }

  button.warning {
    color: #ffffff;
    background: var(--_error);
    border-color: var(--_error);
    font-weight: 700;
  }

  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    font: inherit;
    color: var(--_text);
    background: var(--_background);
    min-height: 2.5rem;
    padding: 0.3125rem;
    border: 2px solid var(--_text);
    border-radius: 0;
    width: 100%;
    max-width: 30rem;
  }

  input[type='radio'],
  input[type='checkbox'] {
    width: 1.5rem;
    height: 1.5rem;
    margin: 0 0.5rem 0 0;
    accent-color: var(--_primary);
    flex: none;
  }

  textarea {
    min-height: 5rem;
    resize: vertical;
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  legend,
  .form-group > label {
    display: block;
    padding: 0;
    font-weight: 700;
  }

  .form-group {
    margin-bottom: 1.25rem;
  }

  .form-group--error {
    padding-left: 0.75rem;
    border-left: 5px solid var(--_error);
  }

  .form-group--error input:not([type='radio'], [type='checkbox']),
  .form-group--error select,
  .form-group--error textarea {
    border-color: var(--_error);
  }

  .choice {
    display: flex;
    align-items: center;
    min-height: 2.5rem;
  }

  .hint {
    display: block;
    color: var(--_muted);
    margin: 0 0 0.25rem;
  }

  .error-message {
    display: block;
    color: var(--_error);
    font-weight: 700;
    margin: 0 0 0.25rem;
  }

  .error-summary {
    padding: 1rem;
    margin-bottom: 1.5rem;
    border: 5px solid var(--_error);
  }

  .error-summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }

  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }

  .status:not(:empty) {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_success);
    font-weight: 700;
  }

  .problem {
    color: var(--_error);
    font-weight: 700;
  }
`;
