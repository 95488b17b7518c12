import { css } from 'lit';

/** The focus ring of a control: yellow, with a dark inner edge, so that it shows on any background. */
export const focusRing = css`
  outline: 3px solid var(--_focus);
  outline-offset: 0;
  box-shadow: inset 0 0 0 2px var(--_text);
`;

/**
 * A link with the keyboard on it, as on gov.gr: a yellow fill over a dark bar instead of a ring.
 * Declarations, for a widget whose buttons dressed as links want the same.
 */
export const focusedLink = css`
  outline: none;
  color: var(--_text);
  background: var(--_focus);
  box-shadow: 0 4px var(--_text);
  text-decoration: none;
`;

/** The outlined button (GOV.UK's secondary one): declarations, each widget choosing its height. */
export const outlinedButton = css`
  padding: 0.375rem 1rem;
  border: 2px solid var(--_primary);
  border-radius: 0;
  color: var(--_primary);
  background: var(--_background);
`;

/** The filled button (GOV.UK's primary one): declarations; under the pointer its background is #00244f. */
export const filledButton = css`
  color: #ffffff;
  background: var(--_primary);
  font-weight: 700;
`;

/** Text for screen readers only (GOV.UK's visually-hidden): declarations, for a widget with styles of its own. */
export const visuallyHidden = css`
  position: absolute !important;
  width: 1px !important;
  height: 1px !important;
  margin: 0 !important;
  padding: 0 !important;
  overflow: hidden !important;
  clip-path: inset(50%) !important;
  white-space: nowrap !important;
  border: 0 !important;
`;

/**
 * What every widget looks like, the staff screens and the citizen's `<kep-booking>` alike: the gov.gr
 * design system, itself GOV.UK Frontend's. The private colour names each sheet reads (from the page's
 * `--kep-*` custom properties, which inherit into shadow roots), a focus ring on every control
 * (keyboard users must always see where they are), text for screen readers only,
 * the text fields (each widget sets their height: a phone wants larger targets than a desk), and
 * GOV.UK's error summary and field errors. The summary comes after the link focus on purpose: its
 * focused links stay red on the yellow unless a widget says otherwise.
 *
 * A widget lists it first and adds its own sheet after it: `static styles = [sharedStyles, own]`.
 * Only what both families use belongs here, and its explanations stay out of the CSS text:
 * `kep-booking.js` carries every byte of that text to gov.gr pages.
 */
export const sharedStyles = css`
  :host {
    --_primary: var(--kep-primary, #003476);
    --_text: var(--kep-text, #0b0c0c);
    --_error: var(--kep-error, #b60202);
    --_focus: var(--kep-focus, #ffdd00);
    --_border: var(--kep-border, #b1b4b6);
    --_muted: var(--kep-muted, #505a5f);
    --_background: var(--kep-background, #ffffff);
    --_tint: #e8edf4;

    display: block;
    color: var(--_text);
    font-size: 1rem;
    line-height: 1.5;
  }

  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }

  button:focus-visible,
  input:focus-visible,
  select:focus-visible,
  textarea:focus-visible,
  .error-summary:focus {
    ${focusRing}
  }

  a:focus-visible {
    ${focusedLink}
  }

  .visually-hidden {
    ${visuallyHidden}
  }

  input:not([type='radio'], [type='checkbox']),
  select,
  textarea {
    width: 100%;
    padding: 0.3125rem;
    border: 2px solid var(--_text);
    border-radius: 0;
    color: var(--_text);
    background: var(--_background);
    font: inherit;
  }

  fieldset {
    min-width: 0;
    margin: 0;
    padding: 0;
    border: 0;
  }

  .form-group--error {
    padding-left: 0.75rem;
    border-left: 5px solid var(--_error);
  }

  .form-group--error input:not([type='radio'], [type='checkbox']),
  .form-group--error select,
  .form-group--error textarea {
    border-color: var(--_error);
  }

  .hint {
    display: block;
    margin: 0 0 0.25rem;
    color: var(--_muted);
  }

  .error-message {
    display: block;
    margin: 0 0 0.25rem;
    color: var(--_error);
    font-weight: 700;
  }

  .error-summary {
    margin-bottom: 1.5rem;
    padding: 1rem;
    border: 5px solid var(--_error);
  }

  .error-summary ul {
    margin: 0;
    padding-left: 1.25rem;
  }

  .error-summary a {
    color: var(--_error);
    font-weight: 700;
  }

  .error-summary a:focus-visible {
    color: var(--_text);
  }

  .problem {
    color: var(--_error);
    font-weight: 700;
  }
`;
