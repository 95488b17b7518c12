import { css } from 'lit';
import { baseStyles } from './base.styles.js';

/**
 * The staff screen's own layout: the toolbar and day buttons on one line (the calendar folds out), the search beside the status counts, the
 * table with its row actions and pages. Host pages restyle through the `--kep-*` custom
 * properties and the parts `table`, `toolbar`, `filters`, `calendar`, `dialog` and `submit`.
 */
export const styles = [
  baseStyles,
  css`
    :host {
      background: var(--_background);
    }

    /* The first screen at 1366×768 holds the day's first appointments: one line of actions and
       day buttons, the search beside the status counts, the rarer filters folded away. */
    .bar {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 0.75rem 2rem;
      margin-bottom: 1rem;
    }

    .top {
      display: grid;
      grid-template-columns: minmax(16rem, 2fr) minmax(0, 3fr);
      gap: 0 2rem;
      align-items: start;
      margin-bottom: 0.5rem;
    }

    .top > .more-filters,
    .top > .clear-filters {
      grid-column: 1 / -1;
    }

    @media (max-width: 48rem) {
      .top {
        grid-template-columns: minmax(0, 1fr);
      }
    }

    .top .form-group {
      margin-bottom: 0.75rem;
    }

    .day-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .calendar-panel {
      margin-top: 0.75rem;
    }

    .more-filters {
      margin-bottom: 0.75rem;
    }

    .more-filters > summary {
      cursor: pointer;
      color: var(--_primary);
      font-weight: 700;
      text-decoration: underline;
      padding: 0.25rem 0;
    }

    .more-filters > summary:focus-visible {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
      background: var(--_focus);
      color: var(--_text);
    }

    .clear-filters {
      margin: 0 0 0.75rem;
    }

    .filters {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(11rem, 1fr));
      gap: 0 1rem;
      margin-top: 0.75rem;
    }

    .statuses {
      display: flex;
      flex-wrap: wrap;
      gap: 0 1.25rem;
    }

    .statuses .count {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
    }

    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
      margin: 0;
    }

    .toolbar a {
      font-weight: 700;
    }

    /* Out of sight until focused, then in place at the top of the screen. */
    .skip-link:not(:focus) {
      position: absolute;
      width: 1px;
      height: 1px;
      overflow: hidden;
      clip-path: inset(50%);
      white-space: nowrap;
    }

    .skip-link:focus {
      display: inline-block;
      margin-bottom: 0.75rem;
    }

    .list-title:focus {
      outline: none;
    }

    .table-wrapper {
      overflow-x: auto;
      margin-bottom: 1rem;
    }

    table {
      width: 100%;
      border-collapse: collapse;
    }

    /* Loading is shown by a bar above the rows, not by dimming them: dimmed grey text fell below
       AA contrast (axe caught it between two keystrokes of a search). */
    table[aria-busy='true'] {
      cursor: progress;
      box-shadow: 0 -4px 0 var(--_primary);
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
      padding: 0.5rem 0.75rem 0.5rem 0;
      border-bottom: 1px solid var(--_border);
    }

    tbody th {
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
    }

    /* A fixed-width face keeps 2 and Z, 5 and S, 8 and B apart, and the two groups on one line. */
    td.reference {
      font-family: var(--kep-monospace-font-family, ui-monospace, 'Cascadia Mono', 'DejaVu Sans Mono', 'Courier New', monospace);
      letter-spacing: 0.05em;
      white-space: nowrap;
    }

    td.reference .visually-hidden {
      user-select: none;
    }

    th button.sort {
      min-height: 0;
      padding: 0;
      border: 0;
      font-weight: 700;
      color: var(--_primary);
      background: none;
      text-decoration: underline;
      white-space: nowrap;
    }

    tr.cancelled td,
    tr.cancelled th {
      color: var(--_muted);
    }

    tr.attention {
      background: #fff7bf;
    }

    .flag {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
      padding: 0 0.375rem;
      border: 2px solid var(--_text);
      font-size: 0.875rem;
      font-weight: 700;
    }

    .icon {
      flex: none;
      width: 1.125em;
      height: 1.125em;
      vertical-align: -0.1875em;
    }

    .video,
    .note {
      display: inline-flex;
      gap: 0.25rem;
      align-items: center;
    }

    .note {
      display: flex;
      font-size: 0.875rem;
      font-weight: 700;
    }

    /* The one thing to do at the time of a video appointment: filled, like GOV.UK's start button. */
    .actions a.join {
      display: inline-flex;
      align-items: center;
      color: #ffffff;
      background: var(--_primary);
      font-weight: 700;
    }

    .actions a.join:hover {
      background: #00244f;
    }

    .actions a.join:focus-visible {
      color: var(--_text);
      background: var(--_focus);
    }

    /* A GOV.UK notification banner: what needs someone now, above the list. */
    .attention-summary {
      display: flex;
      gap: 0.5rem;
      align-items: flex-start;
      margin: 0 0 1rem;
      padding: 0.75rem 1rem;
      border: 3px solid var(--_text);
      background: #fff7bf;
      font-weight: 700;
    }

    .read-only {
      margin: 0 0 1rem;
      padding: 0.5rem 1rem;
      border-left: 5px solid var(--_border);
    }

    /* A closed day: the read-only notice's shape, the error colour's rule so that it is not missed. */
    .closed-day {
      margin: 0 0 1rem;
      padding: 0.5rem 1rem;
      border-left: 5px solid var(--_error);
    }

    .closed-day p {
      margin: 0.25rem 0;
    }

    .closed-kep {
      font-weight: 700;
    }

    .closed-queue {
      font-size: 0.875rem;
    }

    .small {
      display: block;
      font-size: 0.875rem;
      color: var(--_muted);
    }

    .notes {
      white-space: pre-line;
    }

    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem;
      min-width: 12rem;
    }

    .actions button,
    .actions .button {
      min-height: 2.25rem;
      padding: 0.125rem 0.5rem;
      font-size: 0.9375rem;
    }

    .pages {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem 1rem;
      align-items: center;
    }
  `,
];
