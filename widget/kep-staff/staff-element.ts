import { LitElement, type PropertyValues } from 'lit';
import { ApiClient, type Me } from '../shared/api.js';
import { fetchSession, type Session } from '../shared/session.js';

/**
 * What the three elements of the staff shell share: `api-base`, `lang`, and who is signed in. The
 * person comes from the `me` property when the element is part of `<kep-staff-app>` (one request for
 * the whole page), or else from `GET /api/v1/me`, so that each element also works alone on a host's page.
 */
export class StaffShellElement extends LitElement {
  static override properties = {
    apiBase: { attribute: 'api-base' },
    // Reflected so that screen readers pronounce the content in its language.
    lang: { reflect: true },
    me: { attribute: false },
    session: { state: true },
  };

  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  /** The signed-in person, when the page already knows them; otherwise the element asks the server. */
  declare me: Me | null;
  protected declare session: Session;
  protected api = new ApiClient('');

  constructor() {
    super();
    this.apiBase = '';
    this.lang = 'el';
    this.me = null;
    this.session = { state: 'loading' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('me') && this.me) this.session = { state: 'ready', me: this.me };
    if (changed.has('apiBase')) {
      this.api = new ApiClient(this.apiBase ?? '');
      if (!this.me) void this.#connect();
    }
  }

  /** The signed-in person, or null while loading, signed out or failed. */
  protected get person(): Me | null {
    return this.session.state === 'ready' ? this.session.me : null;
  }

  async #connect(): Promise<void> {
    const api = this.api;
    const session = await fetchSession(api, this.lang);
    // A newer base, or a person handed over meanwhile, wins over this answer.
    if (api === this.api && !this.me) this.session = session;
  }
}
