import { css } from 'lit';
import { styles as base } from '../kep-queues/kep-queues.styles.js';

/** The gov.gr look of the staff screens, plus the check-in row, the ticket number, the one-time key and the device's kind. */
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

    .one-time-key input,
    .one-time-key textarea {
      /* The key is case-sensitive: shown as it must be typed, not in the reference field's capitals. */
      text-transform: none;
      letter-spacing: normal;
      font-family: ui-monospace, monospace;
    }

    .one-time-key textarea {
      box-sizing: border-box;
      width: 100%;
      max-width: 60rem;
    }

    /* The kind of a new device: a line of its own between the name and the button. */
    .inline-form fieldset {
      flex-basis: 100%;
      margin: 0;
    }

    .inline-form fieldset .hint {
      display: block;
      margin: 0 0 0.5rem 1.75rem;
    }
  `,
];
