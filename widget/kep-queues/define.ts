import { KepQueues } from './kep-queues.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-queues')) customElements.define('kep-queues', KepQueues);

declare global {
  interface HTMLElementTagNameMap {
    'kep-queues': KepQueues;
  }
}
