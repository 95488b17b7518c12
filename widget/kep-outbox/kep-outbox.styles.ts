import { css } from 'lit';
import { styles as base } from '../kep-appointments/kep-appointments.styles.js';

/** The gov.gr look shared with `<kep-appointments>`, plus the per-row resend form. */
export const styles = [
  base,
  css`
    .toolbar {
      display: flex;
      flex-wrap: wrap;
      gap: 0.75rem;
      align-items: center;
      margin-block: 0.75rem;
    }

    .resend {
      display: flex;
      flex-wrap: wrap;
      gap: 0.5rem;
      align-items: center;
      margin: 0;
    }

    .resend .error-message {
      flex-basis: 100%;
      margin: 0;
    }

    .resend input {
      inline-size: auto;
      min-inline-size: 16rem;
    }

    .reason {
      font-family: var(--kep-mono-font-family, ui-monospace, 'DejaVu Sans Mono', monospace);
      font-size: 0.875rem;
      overflow-wrap: anywhere;
    }
  `,
];
