import { css } from 'lit';
import { filledButton, focusedLink, outlinedButton, sharedStyles } from '../shared/styles.js';
import { formStyles } from './booking-form.styles.js';

/**
 * The gov.gr look of every widget ({@link sharedStyles}), as the citizen's widget wears it: plain type,
 * strong borders, large targets. Mobile first: one column, nothing wider than the screen, so that
 * 320 CSS pixels (a phone, or 200% zoom) never scroll sideways.
 * Adopted as constructed stylesheets, so a page's strict `style-src` does not block them.
 */
const baseStyles = css`
  :host {
    --_link: var(--kep-link, #0065b3);

    max-width: 40rem;
    background: var(--_background);
    font-family: var(--kep-font-family, Roboto, system-ui, -apple-system, 'Segoe UI', 'Helvetica Neue', Arial, sans-serif);
    overflow-wrap: break-word;
  }

  :host([hidden]),
  [hidden] {
    display: none !important;
  }

  kep-booking-store,
  kep-booking-procedure,
  kep-booking-mode,
  kep-booking-slot,
  kep-booking-details,
  kep-booking-done {
    display: block;
  }

  p {
    margin: 0 0 1rem;
  }

  h2,
  h3 {
    margin: 0 0 1rem;
    line-height: 1.25;
    font-weight: 700;
  }

  .step-heading {
    font-size: 1.5rem;
  }

  /* Focus sits on the heading only so that reading starts there; it is not a control. */
  .step-heading:focus {
    outline: none;
  }

  .caption {
    display: block;
    margin-bottom: 0.25rem;
    color: var(--_muted);
    font-size: 1rem;
    font-weight: 400;
  }

  h3 {
    font-size: 1.125rem;
  }

  a,
  .link {
    color: var(--_link);
    text-decoration: underline;
    text-underline-offset: 0.1em;
  }

  .break {
    overflow-wrap: anywhere;
  }

  .strong {
    font-weight: 700;
  }

  .pre-line {
    white-space: pre-line;
  }

  .link:focus-visible,
  .back:focus-visible {
    ${focusedLink}
  }

  button {
    font: inherit;
    cursor: pointer;
  }

  button[part='button'] {
    display: inline-block;
    width: 100%;
    min-height: 2.75rem;
    margin: 0.5rem 0 1rem;
    padding: 0.5rem 1.25rem;
    border: 0;
    border-radius: 0;
    box-shadow: 0 2px 0 #001a3a;
    ${filledButton}
  }

  button[part='button']:hover {
    background: #00244f;
  }

  button[part='button'][aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }

  .secondary {
    min-height: 2.75rem;
    ${outlinedButton}
  }

  .secondary:hover {
    background: var(--_tint);
  }

  .link,
  .back {
    padding: 0.25rem 0;
    border: 0;
    background: none;
    text-align: start;
  }

  .back {
    display: inline-block;
    margin-bottom: 1rem;
    color: var(--_text);
    text-decoration: underline;
  }

  .summary-list {
    margin: 0 0 1.5rem;
  }

  .summary-list > div {
    padding: 0.5rem 0;
    border-bottom: 1px solid var(--_border);
  }

  .summary-list dt {
    font-weight: 700;
  }

  .summary-list dd {
    margin: 0;
  }

  /* Check answers: «Αλλαγή» at the end of each row, under the value on narrow screens too. */
  .summary-list--actions > div {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    column-gap: 1rem;
  }

  .summary-list--actions dt,
  .summary-list--actions dd:not(.summary-list__actions) {
    grid-column: 1;
  }

  .summary-list__actions {
    grid-column: 2;
    grid-row: 1 / span 2;
    align-self: center;
  }

  .label {
    margin: 0 0 0.25rem;
    font-weight: 700;
  }

  .countdown {
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_primary);
    background: #f3f2f1;
  }

  /* GOV.UK's notification banner: a coloured title bar over the message. */
  .banner {
    margin-bottom: 1.5rem;
    border: 5px solid var(--_primary);
    background: var(--_primary);
  }

  .banner__title {
    margin: 0;
    padding: 0.125rem 0.75rem 0.375rem;
    color: #ffffff;
    font-size: 1rem;
    font-weight: 700;
  }

  .banner__content {
    padding: 0.75rem;
    background: var(--_background);
  }

  .banner__content p:last-child {
    margin: 0;
  }

  .banner__heading {
    font-size: 1.125rem;
    font-weight: 700;
  }

  .conditional {
    margin: -0.75rem 0 1.5rem 0.85rem;
    padding-left: 1.25rem;
    border-left: 4px solid var(--_border);
  }

  .panel {
    margin-bottom: 1.5rem;
    padding: 1.25rem;
    color: #ffffff;
    background: var(--_primary);
    text-align: center;
  }

  .panel p {
    margin: 0;
  }

  .panel__when {
    font-size: 1.25rem;
    font-weight: 700;
  }

  @media (min-width: 40rem) {
    .step-heading {
      font-size: 2rem;
    }

    button[part='button'] {
      width: auto;
    }

    input:not([type='radio'], [type='checkbox']) {
      max-width: 30rem;
    }

    .conditional input {
      max-width: 20rem;
    }
  }

  @media (forced-colors: active) {
    .slot:has(input:checked) {
      border-color: Highlight;
    }
  }
`;

/** Everything `<kep-booking>` and its steps look like. */
export const styles = [sharedStyles, baseStyles, formStyles];
