import { KepAppointments } from './kep-appointments.js';

// Two copies of the bundle on one page (say, two versions from different URLs) must not
// throw on the second definition.
if (!customElements.get('kep-appointments')) customElements.define('kep-appointments', KepAppointments);

declare global {
  interface HTMLElementTagNameMap {
    'kep-appointments': KepAppointments;
  }
}
