import { KepOutbox } from './kep-outbox.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-outbox')) customElements.define('kep-outbox', KepOutbox);

declare global {
  interface HTMLElementTagNameMap {
    'kep-outbox': KepOutbox;
  }
}
