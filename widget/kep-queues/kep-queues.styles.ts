import { css } from 'lit';
import { styles as base } from '../kep-appointments/kep-appointments.styles.js';

/**
 * The gov.gr look shared with `<kep-appointments>` (colours, focus ring, tables, forms), plus what
 * the queues screen adds: the hours editor, the decision panel, inline forms and tags.
 */
export const styles = [
  base,
  css`
    section {
      margin-block: 1.5rem;
    }

    /* Compact fields: the hours editor puts a whole day on one line. */
    select,
    input[type='time'],
    input[type='number'],
    input[type='text'] {
      padding: 0.25rem;
    }

    /* A heading that focus is moved to shows it even after a click. */
    h3:focus,
    h4:focus {
      outline: 3px solid var(--_focus);
      outline-offset: 0;
    }

    .tag {
      display: inline-block;
      padding: 0 0.375rem;
      border: 1px solid var(--_muted);
      color: var(--_muted);
      font-size: 0.875rem;
    }

    td .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
    }

    .hours-editor,
    .decision {
      border: 2px solid var(--_primary);
      padding: 1rem;
      margin-block: 1rem;
    }

    .decision {
      border-inline-start: 8px solid var(--_error);
    }

    fieldset {
      border: 1px solid var(--_border);
      margin: 0 0 0.75rem;
      padding: 0.5rem 0.75rem;
    }

    .interval,
    .row,
    .actions {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
      margin-block: 0.25rem;
    }

    .interval input,
    .row input,
    .inline-form input,
    input[type='number'] {
      width: auto;
    }

    .choice {
      display: flex;
      gap: 0.5rem;
      align-items: center;
      margin-block: 0.375rem;
    }

    .inline-form {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: end;
    }

    /* A form's own heading takes its line, above the fields it names. */
    .inline-form h3,
    .inline-form h4 {
      flex-basis: 100%;
    }
  `,
];
