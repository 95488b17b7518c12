import { css } from 'lit';

/**
 * Close to the gov.gr design system (itself derived from GOV.UK Frontend): plain
 * type, strong borders, a yellow focus ring that shows on any background.
 * Host pages restyle through the `--kep-*` custom properties and the parts
 * `table`, `form` and `submit`.
 */
export const styles = css`
  :host {
    --_primary: var(--kep-primary, #003476);
    --_text: var(--kep-text, #0b0c0c);
    --_error: var(--kep-error, #b60202);
    --_success: var(--kep-success, #00703c);
    --_focus: var(--kep-focus, #ffdd00);
    --_border: var(--kep-border, #b1b4b6);
    --_muted: var(--kep-muted, #505a5f);
    --_background: var(--kep-background, #ffffff);

    display: block;
    color: var(--_text);
    background: var(--_background);
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
  textarea:focus-visible,
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

  .day {
    display: flex;
    flex-wrap: wrap;
    align-items: end;
    gap: 0.5rem 1rem;
    margin-bottom: 1.5rem;
  }

  .day label {
    display: block;
    font-weight: 700;
  }

  button {
    font: inherit;
    cursor: pointer;
    min-height: 2.5rem;
    padding: 0.375rem 1rem;
    border: 2px solid var(--_primary);
    border-radius: 0;
    color: var(--_primary);
    background: var(--_background);
  }

  button:hover {
    background: #e8edf4;
  }

  button[type='submit'] {
    color: #ffffff;
    background: var(--_primary);
    font-weight: 700;
  }

  button[type='submit']:hover {
    background: #00244f;
  }

  input,
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

  input[type='time'],
  input[type='date'] {
    width: auto;
  }

  textarea {
    min-height: 5rem;
    resize: vertical;
  }

  .table-wrapper {
    overflow-x: auto;
    margin-bottom: 2rem;
  }

  table {
    width: 100%;
    border-collapse: collapse;
  }

  table[aria-busy='true'] {
    opacity: 0.6;
  }

  caption {
    text-align: start;
    font-weight: 700;
    font-size: 1.125rem;
    padding-bottom: 0.5rem;
  }

  th,
  td {
    text-align: start;
    vertical-align: top;
    padding: 0.5rem 1rem 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }

  thead th {
    font-weight: 700;
  }

  tbody th {
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  .notes {
    white-space: pre-line;
  }

  form {
    max-width: 40rem;
  }

  .form-group {
    margin-bottom: 1.25rem;
  }

  .form-group label {
    display: block;
    font-weight: 700;
  }

  .form-group--error {
    padding-left: 0.75rem;
    border-left: 5px solid var(--_error);
  }

  .form-group--error input,
  .form-group--error textarea {
    border-color: var(--_error);
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
    margin: 0 0 1.5rem;
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_success);
    font-weight: 700;
  }

  .problem {
    color: var(--_error);
    font-weight: 700;
  }
`;
