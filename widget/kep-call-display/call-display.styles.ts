import { css } from 'lit';
import { visuallyHidden } from '../shared/styles.js';

/**
 * The waiting-room screen: light text on black (21:1), the current number in yellow (#ffdd00 on
 * black, 15:1), sizes from the viewport so the number reads from across a room (a 20 vw number is
 * about 38 cm high on a 75-inch screen, readable from beyond 10 m), no animation for those who ask
 * for reduced motion. Colours through custom properties for a KEP's own look.
 */
export const styles = css`
  :host {
    --_background: var(--kep-display-background, #0b0c0c);
    --_text: var(--kep-display-text, #ffffff);
    --_accent: var(--kep-display-accent, #ffdd00);
    --_muted: var(--kep-display-muted, #d0d0d0);
    display: block;
    min-height: 100vh;
    color: var(--_text);
    background: var(--_background);
    font-family: var(--kep-font-family, Arial, Helvetica, sans-serif);
    line-height: 1.15;
  }

  .display {
    display: grid;
    grid-template-columns: minmax(0, 3fr) minmax(0, 2fr);
    gap: 3vw;
    min-height: 100vh;
    padding: 3vw;
    box-sizing: border-box;
  }

  @media (orientation: portrait) {
    .display {
      grid-template-columns: 1fr;
    }
  }

  .now-label,
  h2 {
    margin: 0;
    font-size: clamp(1.5rem, 4vw, 4.5rem);
    font-weight: 700;
  }

  .current {
    display: flex;
    flex-direction: column;
    justify-content: center;
    border: 0.6vw solid var(--_accent);
    padding: 2vw 3vw;
  }

  .current-number {
    margin: 0;
    color: var(--_accent);
    font-size: clamp(6rem, 20vw, 24rem);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
    line-height: 1;
  }

  .current-queue {
    margin: 0;
    font-size: clamp(2rem, 5vw, 6rem);
    font-weight: 700;
  }

  .current.fresh {
    animation: flash 1s ease-in-out 3;
  }

  @keyframes flash {
    50% {
      background: #3a3000;
    }
  }

  @media (prefers-reduced-motion: reduce) {
    .current.fresh {
      animation: none;
    }
  }

  .waiting-first {
    margin: 0;
    font-size: clamp(2rem, 5vw, 5rem);
  }

  ol {
    margin: 2vw 0 0;
    padding: 0;
    list-style: none;
  }

  li {
    display: flex;
    gap: 2vw;
    align-items: baseline;
    padding-block: 1vw;
    border-bottom: 2px solid var(--_muted);
  }

  li .number {
    min-width: 2.5ch;
    font-size: clamp(2.5rem, 7vw, 8rem);
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }

  li .queue {
    color: var(--_muted);
    font-size: clamp(1.25rem, 3vw, 3.5rem);
  }

  .problem {
    grid-column: 1 / -1;
    margin: 0;
    padding: 1.5vw;
    border: 0.5vw solid var(--_accent);
    font-size: clamp(1.5rem, 3vw, 3rem);
  }

  button {
    position: fixed;
    right: 1rem;
    bottom: 1rem;
    padding: 0.75rem 1.25rem;
    border: 3px solid var(--_accent);
    color: var(--_background);
    background: var(--_accent);
    font: inherit;
    font-size: 1.25rem;
    font-weight: 700;
    cursor: pointer;
  }

  button:focus-visible {
    outline: 4px solid var(--_text);
    outline-offset: 4px;
  }

  .visually-hidden {
    ${visuallyHidden}
  }
`;
