import { css } from 'lit';
import { baseStyles } from './base.styles.js';

/** The add/edit and reason dialogs: a modal panel that scrolls on its own, free times as tiles. */
export const dialogStyles = [
  baseStyles,
  css`
    dialog {
      width: min(44rem, calc(100vw - 2rem));
      max-height: calc(100vh - 2rem);
      padding: 1.5rem;
      border: 3px solid var(--_primary);
      color: var(--_text);
      background: var(--_background);
    }

    dialog::backdrop {
      background: rgb(11 12 12 / 0.6);
    }

    input.short {
      max-width: 8rem;
    }

    input.medium {
      max-width: 14rem;
    }

    .columns {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
      gap: 0 1.5rem;
    }

    .inline-choices {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.5rem;
    }

    .conditional {
      margin: 0 0 1.25rem 0.75rem;
      padding-left: 1.25rem;
      border-left: 4px solid var(--_border);
    }

    .slot-list {
      display: flex;
      flex-wrap: wrap;
      gap: 0.375rem;
      max-height: 11rem;
      overflow-y: auto;
      padding: 0.25rem;
    }

    .slot {
      display: inline-flex;
      align-items: center;
      padding: 0.25rem 0.625rem 0.25rem 0.375rem;
      border: 2px solid var(--_primary);
      font-variant-numeric: tabular-nums;
      cursor: pointer;
    }

    .slot input {
      width: 1.125rem;
      height: 1.125rem;
      margin-right: 0.375rem;
    }

    .slot:has(input:checked) {
      color: #ffffff;
      background: var(--_primary);
    }

    .slot:has(input:focus-visible) {
      outline: 3px solid var(--_focus);
    }

    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      margin-top: 1.5rem;
    }

    details {
      margin-top: 1rem;
    }

    summary {
      color: var(--_primary);
      cursor: pointer;
      text-decoration: underline;
    }

    .history {
      margin: 0.5rem 0 0;
      padding-left: 1.25rem;
      font-size: 0.9375rem;
    }
  `,
];
