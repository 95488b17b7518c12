import { KepReports } from './kep-reports.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-reports')) customElements.define('kep-reports', KepReports);

declare global {
  interface HTMLElementTagNameMap {
    'kep-reports': KepReports;
  }
}
