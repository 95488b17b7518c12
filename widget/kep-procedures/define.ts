import { KepProcedures } from './kep-procedures.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-procedures')) customElements.define('kep-procedures', KepProcedures);

declare global {
  interface HTMLElementTagNameMap {
    'kep-procedures': KepProcedures;
  }
}
