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

    td.number,
    th.number {
      text-align: end;
      white-space: nowrap;
      font-variant-numeric: tabular-nums;
    }

    td.worst {
      color: var(--_error);
      font-weight: bold;
    }

    svg.chart {
      display: block;
      max-inline-size: 14rem;
    }

    svg.chart .booked {
      fill: var(--_muted);
    }

    svg.chart .missed {
      fill: var(--_error);
    }

    svg.chart .axis {
      stroke: var(--_text);
      stroke-width: 1;
    }

    .legend {
      color: var(--_muted);
      font-size: 0.875rem;
    }

    .legend .swatch {
      display: inline-block;
      inline-size: 0.75rem;
      block-size: 0.75rem;
      vertical-align: middle;
      margin-inline: 0.25rem;
    }

    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 1.5rem;
      margin-block: 1rem;
    }

    tfoot th,
    tfoot td {
      font-weight: bold;
      border-block-start: 2px solid var(--_text);
    }
  `,
];
