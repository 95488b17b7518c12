import { KepWebhooks } from './kep-webhooks.js';

// Two copies of the bundle on one page must not throw on the second definition.
if (!customElements.get('kep-webhooks')) customElements.define('kep-webhooks', KepWebhooks);

declare global {
  interface HTMLElementTagNameMap {
    'kep-webhooks': KepWebhooks;
  }
}
