import { html, nothing, type TemplateResult } from 'lit';
import type { Me } from '../shared/api.js';
import { messagesFor } from '../shared/i18n.js';
import { StaffShellElement } from './staff-element.js';
import { staffMessagesFor, type StaffMessages } from './staff-i18n.js';
import { ALL_STORES, defaultStore, grantOf, offersAllStores } from './staff-views.js';
import { headerStyles } from './kep-staff.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-staff-store-change': CustomEvent<{ storeId: string }>;
    'kep-staff-sign-out': CustomEvent<Record<string, never>>;
  }
}

/** With every KEP chosen, the person's roles in this order. */
const ROLE_ORDER = ['store_admin', 'operator', 'supervisor'] as const;

/** Set in `sessionStorage` as the sign-out leaves, so that the page it comes back to can say so. */
export const SIGNED_OUT_FLAG = 'rantevou.signed-out';

/**
 * `<kep-staff-header>`: the intranet's top bar. The signed-in person's name, their role and KEP, a
 * KEP switcher for people with several KEPs (a supervisor reads all, and may choose «Όλα τα ΚΕΠ» for
 * the reports), and «Αποσύνδεση», a form posted to the plugin's `/auth/logout`: the server ends the
 * session and sends the browser to the identity provider's sign-out where it has one (OIDC
 * end-session, SAML single logout), which sends it back to the plugin's `/`. Nobody signed in: a
 * «Σύνδεση» link that comes back to this page.
 *
 * @example
 * ```html
 * <kep-staff-header api-base="" lang="el" store-id="8d4e…"></kep-staff-header>
 * ```
 * @fires kep-staff-store-change - The person chose another KEP (`{ storeId }`, `all` for every KEP);
 *   the element shows it at once, the page sets `store-id` on its screens. Bubbles, composed.
 * @fires kep-staff-sign-out - «Αποσύνδεση» was pressed; cancelable: a host that signs out its own
 *   way calls `preventDefault()` and nothing is posted. Bubbles, composed.
 * @csspart header - The bar. @csspart brand - The name of the intranet. @csspart person - Name, role and KEP.
 * @csspart switcher - The KEP switcher's form. @csspart sign-out - The «Αποσύνδεση» button.
 * @cssprop --kep-primary - The bar's background (gov.gr blue, #003476).
 * @cssprop --kep-focus - The focus ring (#ffdd00).
 */
export class KepStaffHeader extends StaffShellElement {
  static override styles = headerStyles;
  static override properties = {
    ...StaffShellElement.properties,
    storeId: { attribute: 'store-id' },
    brand: {},
  };

  /** The KEP shown (attribute `store-id`), `all` for every KEP; empty: the person's default. */
  declare storeId: string;
  /** The intranet's name at the left; «Ενδοδίκτυο ΚΕΠ» unless said. */
  declare brand: string;

  constructor() {
    super();
    this.storeId = '';
    this.brand = '';
  }

  get #t(): StaffMessages {
    return staffMessagesFor(this.lang);
  }

  override render(): TemplateResult {
    const t = this.#t;
    const me = this.person;
    return html`<header part="header">
      <span class="brand" part="brand">${this.brand || t.brand}</span>
      ${me ? this.#renderPerson(me) : this.session.state === 'signed-out'
        ? html`<a class="sign-in" href=${this.api.loginUrl(location.href)}>${messagesFor(this.lang).signIn}</a>`
        : nothing}
    </header>`;
  }

  #renderPerson(me: Me): TemplateResult {
    const t = this.#t;
    const storeId = this.storeId || defaultStore(me);
    const grant = grantOf(me, storeId);
    const roles = grant ? [grant.role] : me.user.supervisor ? (['supervisor'] as const) : ROLE_ORDER.filter((r) => me.stores.some((s) => s.role === r));
    const role = roles.map((r) => (r === 'supervisor' ? `${t.roles[r]} (${t.readOnly})` : t.roles[r])).join(', ');
    const store = grant ? grant.name : offersAllStores(me) ? t.allStores(me.stores.length) : '';
    return html`
      <p class="person" part="person">
        <span class="name">${me.user.name}</span>
        <span class="role">${role}${store ? html` · <span class="store">${store}</span>` : nothing}</span>
      </p>
      ${offersAllStores(me) ? this.#renderSwitcher(me, storeId) : nothing}
      <form class="sign-out" method="post" action=${this.api.href('/auth/logout')} @submit=${this.#signOut}>
        <button type="submit" part="sign-out">${t.signOut}</button>
      </form>`;
  }

  // A select and a button, not a select that acts on change: arrowing through a closed select would
  // otherwise reload the screens at every KEP it passes (WCAG 3.2.2).
  #renderSwitcher(me: Me, storeId: string): TemplateResult {
    const t = this.#t;
    return html`<form class="switcher" part="switcher" @submit=${this.#switch}>
      <label for="store">${t.storeLabel}</label>
      <select id="store" name="store">
        <option value=${ALL_STORES} ?selected=${storeId === ALL_STORES}>${t.allStores(me.stores.length)}</option>
        ${me.stores.map((s) => html`<option value=${s.id} ?selected=${s.id === storeId}>${s.name}</option>`)}
      </select>
      <button type="submit">${t.switchStore}<span class="visually-hidden"> ${t.storeLabel}</span></button>
    </form>`;
  }

  #switch(event: SubmitEvent): void {
    event.preventDefault();
    const select = (event.currentTarget as HTMLFormElement).elements.namedItem('store') as HTMLSelectElement;
    if (select.value === (this.storeId || defaultStore(this.person!))) return;
    this.storeId = select.value;
    this.dispatchEvent(new CustomEvent('kep-staff-store-change', { detail: { storeId: select.value }, bubbles: true, composed: true }));
  }

  #signOut(event: SubmitEvent): void {
    const asked = new CustomEvent('kep-staff-sign-out', { detail: {}, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(asked)) return void event.preventDefault();
    try {
      sessionStorage.setItem(SIGNED_OUT_FLAG, '1');
    } catch {
      // Storage refused (a locked-down browser): the page then says only that nobody is signed in.
    }
  }
}
