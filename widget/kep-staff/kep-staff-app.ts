import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { keyed } from 'lit/directives/keyed.js';
import type { Me } from '../shared/api.js';
import { focusAfterRender } from '../shared/focus.js';
import { messagesFor } from '../shared/i18n.js';
import { SIGNED_OUT_FLAG } from './kep-staff-header.js';
import { StaffShellElement } from './staff-element.js';
import { staffMessagesFor, type StaffMessages } from './staff-i18n.js';
import { ALL_STORES, grantOf, needsOneStore, readRoute, routeSearch, viewsFor, type StaffRoute, type StaffView } from './staff-views.js';
import { renderScreen } from './staff-screens.js';
import { appStyles } from './kep-staff.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-staff-view': CustomEvent<{ view: StaffView | null; storeId: string; title: string }>;
  }
}

/**
 * `<kep-staff-app>`: the whole staff intranet in one element. `<kep-staff-header>` (person, role, KEP,
 * switcher, «Αποσύνδεση»), `<kep-staff-nav>`, and the screen chosen, each the existing element
 * (`<kep-appointments>`, `<kep-queues>`, `<kep-procedures>`, `<kep-outbox>`, `<kep-reports>`) under a
 * heading that takes the focus when the screen changes. Where the person is lives in the page's URL
 * (`?view=queues&store=…`, plus `date` for the appointments), so reload, back and forward work. The
 * supervisor lands on the reports of every KEP; everyone else on the appointments of their first KEP.
 * Nobody signed in: a «Σύνδεση» link; just signed out: a page that says so.
 *
 * A host platform with its own header adds `no-header`, and sets `store-id` itself when its person
 * changes KEP (or uses `<kep-staff-nav>` and the screens alone; see the README).
 *
 * @example
 * ```html
 * <kep-staff-app api-base="" lang="el"></kep-staff-app>
 * ```
 * @fires kep-staff-view - After a screen is shown: `{ view, storeId, title }` (`view` null when nobody
 *   is signed in); a page may put `title` in its `<title>`. Bubbles, composed.
 * @csspart header - The `<kep-staff-header>`. @csspart nav - The `<kep-staff-nav>`.
 * @csspart main - The screen's area. @csspart heading - The screen's heading.
 * @cssprop --kep-primary, --kep-text, --kep-focus, --kep-border, --kep-muted, --kep-background
 */
export class KepStaffApp extends StaffShellElement {
  static override styles = appStyles;
  static override properties = {
    ...StaffShellElement.properties,
    storeId: { attribute: 'store-id' },
    view: {},
    date: {},
    brand: {},
    noHeader: { attribute: 'no-header', type: Boolean },
    announcement: { state: true },
  };

  /** The KEP shown (attribute `store-id`), `all` for every KEP; from the URL unless the host sets it. */
  declare storeId: string;
  /** The screen shown; from the URL unless the host sets it. */
  declare view: string;
  /** The day of the appointments' screen (YYYY-MM-DD); from the URL's `date`. */
  declare date: string;
  /** The intranet's name in the header. */
  declare brand: string;
  /** Leave the header out: the host's own header shows the person and signs out. */
  declare noHeader: boolean;
  private declare announcement: string;
  #routed = false;
  #justSignedOut = false;
  readonly #onPopState = () => this.#show(this.#routeFromUrl(), { focus: true });

  constructor() {
    super();
    this.storeId = '';
    this.view = '';
    this.date = '';
    this.brand = '';
    this.noHeader = false;
    this.announcement = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.#onPopState);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.#onPopState);
    super.disconnectedCallback();
  }

  get #t(): StaffMessages {
    return staffMessagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    if (!sessionChanged(changed) || this.#routed) return;
    if (this.session.state === 'ready') {
      // The host's attributes win over the URL's parameters.
      const route = this.#routeFromUrl();
      this.view ||= route.view;
      this.storeId ||= route.storeId;
      this.date ||= route.date ?? '';
      this.#routed = true;
      this.#forgetSignOut();
    } else if (this.session.state === 'signed-out') {
      this.#justSignedOut = this.#forgetSignOut();
      this.#routed = true;
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('view') || changed.has('storeId') || sessionChanged(changed) || changed.has('lang')) {
      const detail = { view: this.person ? (this.view as StaffView) : null, storeId: this.storeId, title: this.#title() };
      if (this.session.state !== 'loading') this.dispatchEvent(new CustomEvent('kep-staff-view', { detail, bubbles: true, composed: true }));
    }
  }

  override render(): TemplateResult {
    const me = this.person;
    const common = messagesFor(this.lang);
    if (this.session.state === 'loading') return html`<p class="loading">${common.loading}</p>`;
    return html`
      ${this.noHeader ? nothing : html`<kep-staff-header part="header" .me=${me} api-base=${this.apiBase} lang=${this.lang} store-id=${this.storeId}
        brand=${this.brand} @kep-staff-store-change=${this.#onStoreChange}></kep-staff-header>`}
      ${me ? html`<kep-staff-nav part="nav" .me=${me} api-base=${this.apiBase} lang=${this.lang} store-id=${this.storeId} view=${this.view}
        @kep-staff-navigate=${this.#onNavigate}></kep-staff-nav>` : nothing}
      <main part="main">
        <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
        <h1 part="heading" tabindex="-1">${this.#heading()}</h1>
        ${me ? this.#renderScreen(me) : this.#renderSignedOut()}
      </main>`;
  }

  #heading(): string {
    const t = this.#t;
    if (this.session.state === 'failed') return t.brand;
    if (!this.person) return this.#justSignedOut ? t.signedOutTitle : t.notSignedInTitle;
    return t.views[this.view as StaffView] ?? t.brand;
  }

  #title(): string {
    const me = this.person;
    if (!me) return this.#heading();
    const store = grantOf(me, this.storeId)?.name ?? (this.storeId === ALL_STORES ? this.#t.allStores(me.stores.length) : '');
    return store ? this.#t.showing(this.#heading(), store) : this.#heading();
  }

  #renderScreen(me: Me): TemplateResult | ReturnType<typeof keyed> {
    const t = this.#t;
    const view = this.view as StaffView;
    if (!me.stores.length) return html`<p>${t.noStores}</p>`;
    if (needsOneStore(view) && this.storeId === ALL_STORES) {
      const stores = me.stores.filter((s) => viewsFor(me, s.id).includes(view));
      return html`<p>${t.chooseStore(t.views[view])}</p>
        <ul class="store-list">${stores.map((s) => {
          const route = { view, storeId: s.id };
          return html`<li><a href=${routeSearch(route, location.search)} @click=${(e: MouseEvent) => this.#follow(e, route)}>${s.name}</a></li>`;
        })}</ul>`;
    }
    return keyed(`${view}:${this.storeId}`, renderScreen(view, { storeId: this.storeId, apiBase: this.apiBase, lang: this.lang, date: this.date }));
  }

  #renderSignedOut(): TemplateResult {
    const t = this.#t;
    const common = messagesFor(this.lang);
    if (this.session.state === 'failed') return html`<p class="problem" role="alert">${this.session.message}</p>`;
    return html`${this.#justSignedOut ? html`<p>${t.signedOut}</p>` : html`<p>${common.signedOut}</p>`}
      <p><a class="sign-in" href=${this.api.loginUrl(location.href)}>${common.signIn}</a></p>`;
  }

  #routeFromUrl(): StaffRoute {
    return readRoute(location.search, this.person!);
  }

  #onNavigate(event: CustomEvent<{ view: StaffView; storeId: string }>): void {
    event.preventDefault();
    this.#go({ view: event.detail.view, storeId: event.detail.storeId });
  }

  #onStoreChange(event: CustomEvent<{ storeId: string }>): void {
    const me = this.person!;
    const storeId = event.detail.storeId;
    const view = viewsFor(me, storeId).includes(this.view as StaffView) ? (this.view as StaffView) : 'appointments';
    this.#go({ view, storeId }, { focus: false });
    const store = grantOf(me, storeId)?.name ?? this.#t.allStores(me.stores.length);
    this.announcement = this.#t.showing(this.#t.views[view], store);
  }

  #follow(event: MouseEvent, route: StaffRoute): void {
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    this.#go(route);
  }

  /** Shows `route` and writes it in the URL as a new history entry. */
  #go(route: StaffRoute, { focus = true } = {}): void {
    history.pushState(null, '', `${routeSearch(route, location.search)}${location.hash}`);
    this.#show(route, { focus });
  }

  #show(route: StaffRoute, { focus }: { focus: boolean }): void {
    if (!this.person) return;
    this.view = route.view;
    this.storeId = route.storeId;
    this.date = route.date ?? '';
    this.announcement = '';
    // The heading names the new screen for a screen reader, and Tab goes on from there.
    if (focus) void focusAfterRender(this, 'h1');
  }

  /** Clears the flag «Αποσύνδεση» left; whether it was there. */
  #forgetSignOut(): boolean {
    try {
      const was = sessionStorage.getItem(SIGNED_OUT_FLAG) === '1';
      sessionStorage.removeItem(SIGNED_OUT_FLAG);
      return was;
    } catch {
      return false;
    }
  }
}

/** `session` is protected, so it is not among the typed keys of the changes. */
function sessionChanged(changed: PropertyValues): boolean {
  return changed.has('session');
}
