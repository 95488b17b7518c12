import { KepArrivalCheckIn } from './kep-arrival-check-in.js';
import { KepDevices } from './kep-devices.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-arrival-check-in')) customElements.define('kep-arrival-check-in', KepArrivalCheckIn);
if (!customElements.get('kep-devices')) customElements.define('kep-devices', KepDevices);

declare global {
  interface HTMLElementTagNameMap {
    'kep-arrival-check-in': KepArrivalCheckIn;
    'kep-devices': KepDevices;
  }
}
