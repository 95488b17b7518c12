import { css } from 'lit';
import { styles as queues } from '../kep-queues/kep-queues.styles.js';

/**
 * The look of the other admin screens (`<kep-queues>`, itself `<kep-appointments>`'s gov.gr base),
 * plus what the catalogue adds: long names that wrap, what-to-bring lists and the add/edit form.
 */
export const styles = [
  ...queues,
  css`
    tbody th {
      white-space: normal;
      min-inline-size: 12rem;
    }

    .alternative {
      max-inline-size: 28rem;
      white-space: pre-line;
    }

    ul.bring {
      margin: 0;
      padding-inline-start: 1.25rem;
    }

    tr.inactive th,
    tr.inactive td {
      color: var(--_muted);
    }

    .procedure-form {
      border: 2px solid var(--_primary);
      padding: 1rem;
      margin-block: 1rem;
    }

    .procedure-form fieldset {
      border: 0;
      padding: 0;
      margin: 0;
    }

    .procedure-form textarea {
      max-width: 40rem;
    }

    .procedure-form input.medium {
      max-width: 14rem;
    }

    .form-buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
    }
  `,
];
