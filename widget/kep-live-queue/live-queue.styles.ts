import { css } from 'lit';
import { styles as base } from '../kep-queues/kep-queues.styles.js';

/** The gov.gr look of the staff screens, plus the queue's call button, ticket numbers, the alert and its setting. */
export const styles = [
  base,
  css`
    .queue-head {
      display: flex;
      flex-wrap: wrap;
      gap: 1rem;
      align-items: center;
      justify-content: space-between;
    }

    button.call {
      min-width: 10rem;
      padding: 0.75rem 1.5rem;
      font-size: 1.25rem;
      font-weight: 700;
    }

    .ticket-number {
      display: inline-block;
      min-width: 2.5rem;
      padding: 0 0.375rem;
      border: 3px solid var(--_text);
      font-size: 1.25rem;
      font-weight: 700;
      text-align: center;
    }

    /* Not by colour alone: a thick bar, bold text and the words of the alert. */
    tr.alert {
      background: #fbe9e9;
    }

    tr.alert th,
    tr.alert td:first-child {
      border-inline-start: 8px solid var(--_error);
    }

    .alert-text {
      display: block;
      color: var(--_error);
      font-weight: 700;
    }

    .alert-summary {
      padding: 0.75rem 1rem;
      border: 5px solid var(--_error);
      font-weight: 700;
    }

    /* The alert minutes: the heading on a line of its own, the field and its button on the next. */
    .inline-form h3 {
      flex-basis: 100%;
      margin-block-end: 0;
    }

    .inline-form .form-group {
      margin: 0;
    }

    .updated {
      color: var(--_muted);
      font-size: 0.875rem;
    }
  
    /* The administrator's settings forms, one under the other, each with room above its heading. */
    form.inline-form {
      margin-block-start: 2rem;
    }
  `,
];
