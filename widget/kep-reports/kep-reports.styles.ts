import { css } from 'lit';
import { styles as base } from '../kep-appointments/kep-appointments.styles.js';

/**
 * The gov.gr look shared with `<kep-appointments>` (colours, focus ring, tables, forms), plus what the
 * reports screen adds: the period form in one row, numeric columns, the weekly charts and the links.
 */
export const styles = [
  base,
  css`
    .period {
      display: flex;
      flex-wrap: wrap;
      align-items: flex-end;
      gap: 1rem;
      margin-block-end: 1rem;
      border: 0;
      padding: 0;
    }

    .period legend {
      font-weight: bold;
      margin-block-end: 0.5rem;
    }

    .period input[type='date'] {
      font: inherit;
      padding: 0.25rem;
      border: 2px solid var(--_text);
      background: var(--_background);
      color: var(--_text);
      display: block;
    }

    /* The date fields' own border above outranks the shared error border; a field in error shows it. */
    .period .form-group--error input[type='date'] {
      border-color: var(--_error);
    }

    /* Headers wrap (the table must fit 1280 px); the figures themselves stay on their lines. */
    thead th {
      vertical-align: bottom;
      font-size: 0.9375rem;
      hyphens: auto;
    }

    td.number,
    th.number {
      text-align: end;
      font-variant-numeric: tabular-nums;
    }

    td.number {
      white-space: nowrap;
    }

    tbody th {
      white-space: normal;
      min-inline-size: 12rem;
    }

    td.missed .rate {
      font-weight: bold;
    }

    /* The bands: shape and word on a colour, each pair at least 4.5:1 (WCAG AA). */
    .band,
    .highlight {
      display: inline-block;
      margin-block-start: 0.25rem;
      padding: 0 0.375rem;
      border: 1px solid currentColor;
      border-radius: 0.25rem;
      font-size: 0.875rem;
      font-weight: bold;
      white-space: nowrap;
    }

    .band--high,
    .highlight {
      color: #ffffff;
      background: var(--_error);
      border-color: var(--_error);
    }

    .band--medium {
      color: #5c3b00;
      background: #ffe9b3;
    }

    .band--low {
      color: var(--_primary);
      background: #e5eef8;
    }

    .band--none {
      color: #00703c;
      background: #ffffff;
    }

    tr.row--high th,
    tr.row--high td {
      background: #fdeeee;
    }

    tr.row--high th {
      border-inline-start: 5px solid var(--_error);
      padding-inline-start: 0.5rem;
    }

    svg.chart {
      display: block;
      overflow: visible;
    }

    svg.chart .booked {
      fill: #8fa1b3;
    }

    svg.chart .missed {
      fill: var(--_error);
    }

    svg.chart .axis {
      stroke: var(--_text);
      stroke-width: 1;
    }

    svg.chart .value {
      fill: var(--_text);
      font-size: 11px;
      font-variant-numeric: tabular-nums;
    }

    .legend {
      font-size: 0.875rem;
      margin-block: 0 1rem;
    }

    .legend p {
      margin: 0.25rem 0;
    }

    .legend .bands {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin: 0;
      padding: 0;
      list-style: none;
    }

    .legend .swatch {
      display: inline-block;
      inline-size: 0.75rem;
      block-size: 0.75rem;
      vertical-align: middle;
      margin-inline: 0.25rem;
    }

    .swatch--booked {
      background: #8fa1b3;
    }

    .swatch--missed {
      background: var(--_error);
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 1.5rem;
      margin-block: 1rem;
    }

    /* The two views: a pair of toggle buttons, the pressed one filled (its state is aria-pressed, not the colour alone). */
    .views {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      margin-block: 0 1rem;
    }

    .views button.view {
      font: inherit;
      padding: 0.5rem 0.75rem;
      border: 2px solid var(--_primary);
      background: var(--_background);
      color: var(--_primary);
      cursor: pointer;
    }

    .views button.view[aria-pressed='true'] {
      background: var(--_primary);
      color: #ffffff;
      font-weight: bold;
    }

    /* Focused, pressed or not: dark on the yellow focus fill, as gov.gr does. */
    .views button.view:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
      background: var(--_focus);
      color: var(--_text);
    }

    tfoot th,
    tfoot td {
      font-weight: bold;
      border-block-start: 2px solid var(--_text);
    }
  `,
];
