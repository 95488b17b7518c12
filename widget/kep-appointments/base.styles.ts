import { css } from 'lit';
import { filledButton, focusRing, outlinedButton, sharedStyles } from '../shared/styles.js';

/**
 * What the staff widgets share — `<kep-appointments>` and its inner parts (calendar, dialogs), and
 * through its sheet the admin screens — on top of every widget's {@link sharedStyles}: plain type,
 * outlined buttons by default, labels above fields of desk size. Each part's host reads the page's
 * `--kep-*` custom properties, which inherit into shadow roots.
 */
const staffStyles = css`
  :host {
    --_success: var(--kep-success, #00703c);

    font-family: var(--kep-font-family, 'Roboto', 'Helvetica Neue', Arial, sans-serif);
  }

  :host([hidden]) {
    display: none;
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

  /* As every control: the history's summary, the calendar's days, a table that scrolls. */
  summary:focus-visible,
  [tabindex]:focus-visible {
    ${focusRing}
  }

  /* Every button is the outlined one unless it is primary, a submit or a warning. */
  button,
  .button {
    display: inline-block;
    font: inherit;
    cursor: pointer;
    min-height: 2.5rem;
    ${outlinedButton}
    text-decoration: none;
  }

  button:hover,
  .button:hover {
    background: var(--_tint);
  }

  /* The admin screens' secondary buttons: outlined, and no tint under the pointer. */
  button.secondary {
    border: 2px solid var(--_primary);
    color: var(--_primary);
    background: var(--_background);
  }

  button[disabled] {
    cursor: not-allowed;
    opacity: 0.5;
  }

  button.primary,
  button[type='submit'] {
    ${filledButton}
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
    min-height: 2.5rem;
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

  legend,
  .form-group > label {
    display: block;
    padding: 0;
    font-weight: 700;
  }

  .form-group {
    margin-bottom: 1.25rem;
  }

  .choice {
    display: flex;
    align-items: center;
    min-height: 2.5rem;
  }

  .status:not(:empty) {
    margin: 0 0 1rem;
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_success);
    font-weight: 700;
  }
`;

/** The staff widgets' base: every widget's {@link sharedStyles}, then the staff look. */
export const baseStyles = [sharedStyles, staffStyles];
