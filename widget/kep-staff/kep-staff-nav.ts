import { html, nothing, type TemplateResult } from 'lit';
import { StaffShellElement } from './staff-element.js';
import { staffMessagesFor } from './staff-i18n.js';
import { defaultStore, isStaffView, routeSearch, viewsFor, type StaffView } from './staff-views.js';
import { navStyles } from './kep-staff.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-staff-navigate': CustomEvent<{ view: StaffView; storeId: string; href: string }>;
  }
}

/**
 * `<kep-staff-nav>`: the intranet's sections, as links: Ραντεβού, Ουρές & ωράριο, Διαδικασίες, Email
 * που δεν στάλθηκαν (the KEP's store administrator only) and Αναφορές, those the person's role at the
 * KEP allows. The current one has `aria-current="page"`. Each link is a real URL of this page
 * (`?view=queues&store=…`, the page's other parameters kept), so a new tab, reload and back work.
 *
 * A click first fires `kep-staff-navigate`; a page that shows the screen itself (as `<kep-staff-app>`
 * does) calls `preventDefault()` on it and the link is not followed; otherwise the browser loads the URL.
 *
 * @example
 * ```html
 * <kep-staff-nav api-base="" lang="el" store-id="8d4e…" view="appointments"></kep-staff-nav>
 * ```
 * @fires kep-staff-navigate - A section was chosen: `{ view, storeId, href }`. Cancelable, bubbles, composed.
 * @csspart nav - The navigation landmark. @csspart link - Each link. @csspart current - The current link.
 * @cssprop --kep-primary - Links and the current section's bar (#003476).
 * @cssprop --kep-focus - The focus highlight (#ffdd00).
 */
export class KepStaffNav extends StaffShellElement {
  static override styles = navStyles;
  static override properties = {
    ...StaffShellElement.properties,
    storeId: { attribute: 'store-id' },
    view: {},
  };

  /** The KEP the sections are about (attribute `store-id`), `all` for every KEP; empty: the person's default. */
  declare storeId: string;
  /** The current section: `appointments`, `live-queue`, `queues`, `procedures`, `outbox` or `reports`. */
  declare view: string;

  constructor() {
    super();
    this.storeId = '';
    this.view = '';
  }

  override render(): TemplateResult | typeof nothing {
    const me = this.person;
    if (!me) return nothing;
    const t = staffMessagesFor(this.lang);
    const storeId = this.storeId || defaultStore(me);
    return html`<nav part="nav" aria-label=${t.navLabel}>
      <ul>${viewsFor(me, storeId).map((view) => {
        const current = view === this.view;
        const href = routeSearch({ view, storeId }, location.search);
        return html`<li><a part=${current ? 'link current' : 'link'} href=${href} aria-current=${current ? 'page' : nothing}
          @click=${(e: MouseEvent) => this.#go(e, view, storeId, href)}>${t.views[view]}</a></li>`;
      })}</ul>
    </nav>`;
  }

  #go(event: MouseEvent, view: StaffView, storeId: string, href: string): void {
    // A new tab or window (middle click, Ctrl, Shift, …) is the browser's business.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey || !isStaffView(view)) return;
    const asked = new CustomEvent('kep-staff-navigate', { detail: { view, storeId, href }, bubbles: true, composed: true, cancelable: true });
    if (!this.dispatchEvent(asked)) event.preventDefault();
  }
}
