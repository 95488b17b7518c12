import { css } from 'lit';
import { styles as base } from '../kep-queues/kep-queues.styles.js';

/** The gov.gr look of the staff screens, plus the check-in row, the ticket number and the one-time key. */
export const styles = [
  base,
  css`
    .arrival-row {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: stretch;
    }

    .arrival-row input {
      max-width: 14rem;
      text-transform: uppercase;
      letter-spacing: 0.1em;
    }

    .ticket-number {
      display: inline-block;
      min-width: 3rem;
      margin-right: 0.5rem;
      padding: 0 0.5rem;
      border: 3px solid var(--_text);
      font-size: 1.5rem;
      font-weight: 700;
      text-align: center;
    }

    .one-time-key {
      margin-block: 1rem;
      padding: 1rem;
      border: 5px solid var(--_primary);
    }

    .one-time-key input {
      font-family: ui-monospace, monospace;
    }
  `,
];
