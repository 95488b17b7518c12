import { KepCallDisplay } from './kep-call-display.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-call-display')) customElements.define('kep-call-display', KepCallDisplay);

declare global {
  interface HTMLElementTagNameMap {
    'kep-call-display': KepCallDisplay;
  }
}
