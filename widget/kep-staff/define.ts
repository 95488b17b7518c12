import { KepStaffApp } from './kep-staff-app.js';
import { KepStaffHeader } from './kep-staff-header.js';
import { KepStaffNav } from './kep-staff-nav.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-staff-header')) customElements.define('kep-staff-header', KepStaffHeader);
if (!customElements.get('kep-staff-nav')) customElements.define('kep-staff-nav', KepStaffNav);
if (!customElements.get('kep-staff-app')) customElements.define('kep-staff-app', KepStaffApp);

declare global {
  interface HTMLElementTagNameMap {
    'kep-staff-app': KepStaffApp;
    'kep-staff-header': KepStaffHeader;
    'kep-staff-nav': KepStaffNav;
  }
}
