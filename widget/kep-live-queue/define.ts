import { KepLiveQueue } from './kep-live-queue.js';
import { KepWaitingSettings } from './kep-waiting-settings.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-live-queue')) customElements.define('kep-live-queue', KepLiveQueue);
if (!customElements.get('kep-waiting-settings')) customElements.define('kep-waiting-settings', KepWaitingSettings);

declare global {
  interface HTMLElementTagNameMap {
    'kep-live-queue': KepLiveQueue;
    'kep-waiting-settings': KepWaitingSettings;
  }
}
