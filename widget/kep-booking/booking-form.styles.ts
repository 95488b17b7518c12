import { css } from 'lit';

/**
 * The forms of `<kep-booking>`, after GOV.UK Frontend as gov.gr uses it, on top of the fields, field
 * errors and error summary of every widget (`../shared/styles.ts`): labels above fields, tall fields,
 * large radios and checkboxes (easier to hit on a phone and for unsteady hands), free times as tiles
 * that wrap. It uses the custom properties that the shared sheet defines on the host.
 */
export const formStyles = css`
  .form-group {
    margin-bottom: 1.5rem;
  }

  .form-group > label,
  .legend {
    display: block;
    margin-bottom: 0.25rem;
    font-weight: 700;
  }

  .error-message {
    margin-bottom: 0.5rem;
  }

  input:not([type='radio'], [type='checkbox']),
  select {
    min-height: 2.75rem;
  }

  .input--short {
    max-width: 12ch;
  }

  .search__row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .search__row input {
    flex: 1 1 12rem;
  }

  .choices {
    display: grid;
    gap: 0.75rem;
  }

  .choice {
    display: flex;
    align-items: flex-start;
    gap: 0.75rem;
  }

  input[type='radio'],
  input[type='checkbox'] {
    flex: none;
    width: 1.75rem;
    height: 1.75rem;
    margin: 0;
    accent-color: var(--_primary);
  }

  .choice__text {
    min-width: 0;
    padding-top: 0.125rem;
  }

  .choice__label {
    display: block;
    cursor: pointer;
  }

  .tag {
    display: inline-block;
    margin-top: 0.25rem;
    padding: 0 0.375rem;
    color: var(--_primary);
    background: var(--_tint);
    font-weight: 700;
  }

  .slots {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(6.5rem, 1fr));
    gap: 0.5rem;
  }

  .slot {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.375rem 0.5rem;
    border: 2px solid var(--_border);
  }

  .slot:has(input:checked) {
    border-color: var(--_primary);
    background: var(--_tint);
  }

  .slot label {
    flex: 1;
    font-variant-numeric: tabular-nums;
    cursor: pointer;
  }

  .period {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    justify-content: space-between;
    gap: 0.5rem 1rem;
    margin-bottom: 1rem;
  }

  .period p {
    margin: 0;
  }

  .pager {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
  }

  .inset {
    margin: 0 0 1.5rem;
    padding: 0.75rem 1rem;
    border-left: 5px solid var(--_border);
  }

  .inset--warning {
    border-left-color: var(--_error);
  }

  .inset p:last-child {
    margin-bottom: 0;
  }

  .plain {
    margin: 0;
    padding: 0;
    list-style: none;
  }

  .list {
    margin: 0 0 1rem;
    padding-left: 1.25rem;
  }
`;
