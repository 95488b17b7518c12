import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import type { ApiClient } from './api.js';
import { focusAfterRender } from './focus.js';
import { refusalMessages } from './refusal.js';
import { StaffSession } from './session.js';

/**
 * What the store administrator's list screens share (`<kep-devices>`, `<kep-webhooks>`): the KEP
 * (`store-id`), `api-base` and `lang`, the signed-in session, the KEP's list loaded once someone is
 * signed in and again when the KEP changes (for its store administrator only: the server refuses
 * anyone else too), a polite announcement, and refusals shown in the error summary, which takes
 * the focus. A screen says how its list is read ({@link fetchItems}) and renders the rest.
 */
export abstract class StoreAdminListElement<T> extends LitElement {
  // Typed as declarations so that each screen adds its own state (Lit merges a subclass's with these).
  static override properties: PropertyDeclarations = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    items: { state: true },
    errors: { state: true },
    announcement: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  /** The KEP's list; null until loaded. */
  protected declare items: T[] | null;
  protected declare errors: string[];
  protected declare announcement: string;
  protected readonly session = new StaffSession(this, () => this.load());

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.items = null;
    this.errors = [];
    this.announcement = '';
  }

  /** Reads the KEP's list. */
  protected abstract fetchItems(api: ApiClient, storeId: string): Promise<T[]>;

  /** Whether the signed-in person administers this KEP (the only one the screen shows anything to). */
  protected get administers(): boolean {
    return this.session.store(this.storeId)?.role === 'store_admin';
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.session.connect(this.apiBase ?? '');
    else if (changed.has('storeId')) void this.load();
  }

  protected async load(): Promise<void> {
    const storeId = this.storeId;
    if (!storeId || !this.administers) return;
    try {
      const items = await this.fetchItems(this.session.api, storeId);
      if (storeId === this.storeId) this.items = items;
    } catch (error) {
      const message = this.session.failure(error);
      if (message !== null) this.errors = [message];
    }
  }

  /** A refused request: its messages go to the error summary (a lost session to the session's notice). */
  protected async failed(error: unknown): Promise<void> {
    const message = this.session.failure(error);
    if (message !== null) await this.showErrors(refusalMessages(message, error));
  }

  protected async showErrors(messages: string[]): Promise<void> {
    this.errors = messages;
    await focusAfterRender(this, '.error-summary');
  }
}
