import { css } from 'lit';
import { baseStyles } from './base.styles.js';

/** The month grid: square day cells, today ringed, the shown day filled. */
export const calendarStyles = [
  baseStyles,
  css`
    :host {
      width: max-content;
    }

    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      margin-bottom: 0.25rem;
    }

    .head h3 {
      margin: 0;
      font-size: 1.125rem;
    }

    .head button {
      min-width: 2.5rem;
      padding: 0.25rem 0.5rem;
    }

    table {
      border-collapse: collapse;
    }

    th {
      width: 2.5rem;
      font-size: 0.875rem;
      color: var(--_muted);
      text-align: center;
    }

    abbr {
      text-decoration: none;
    }

    td {
      width: 2.5rem;
      height: 2.5rem;
      padding: 0;
      text-align: center;
      font-variant-numeric: tabular-nums;
      cursor: pointer;
      border: 1px solid transparent;
    }

    td:empty {
      cursor: default;
    }

    td.weekend {
      color: var(--_muted);
    }

    td:hover:not(:empty) {
      background: var(--_tint);
    }

    td[aria-current='date'] {
      border: 2px solid var(--_primary);
      font-weight: 700;
    }

    td[aria-selected='true'] {
      color: #ffffff;
      background: var(--_primary);
      font-weight: 700;
    }

    .hint {
      max-width: 18rem;
      font-size: 0.875rem;
      margin-top: 0.5rem;
    }
  `,
];
