import { KepLiveQueue } from './kep-live-queue.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-live-queue')) customElements.define('kep-live-queue', KepLiveQueue);

declare global {
  interface HTMLElementTagNameMap {
    'kep-live-queue': KepLiveQueue;
  }
}
