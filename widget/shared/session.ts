/**
 * Who is signed in, for the staff widgets: `GET /api/v1/me` and what a screen shows until it knows.
 */
import { html, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { ApiClient, ProblemError, type Me, type StoreGrant } from './api.js';
import { describeError, messagesFor } from './i18n.js';

/** Who is signed in, as far as the screen knows. */
export type Session<M extends Me = Me> = { state: 'loading' } | { state: 'signed-out' } | { state: 'ready'; me: M } | { state: 'failed'; message: string };

/** The signed-in person and their KEPs; a 401 means nobody is signed in, anything else is a failure to show. */
export async function fetchSession<M extends Me = Me>(api: ApiClient, lang: string): Promise<Session<M>> {
  try {
    return { state: 'ready', me: (await api.me()) as M };
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) return { state: 'signed-out' };
    return { state: 'failed', message: describeError(error, messagesFor(lang)) };
  }
}

/**
 * The session of a staff screen about one KEP, owned by its element: the element calls
 * {@link StaffSession.connect} when its `api-base` changes, renders {@link StaffSession.renderNotice}
 * while {@link StaffSession.store} has no KEP for it, and hands each failed request to
 * {@link StaffSession.failure}. The element re-renders whenever the session changes. (No lifecycle
 * hooks are needed, so it is not added as a Lit controller.)
 *
 * @example
 * ```ts
 * #session = new StaffSession(this, () => this.#load());
 * protected override willUpdate(changed: PropertyValues<this>): void {
 *   if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
 * }
 * override render(): TemplateResult {
 *   const store = this.#session.store(this.storeId);
 *   if (!store) return this.#session.renderNotice();
 *   …
 * }
 * ```
 */
export class StaffSession<M extends Me = Me> {
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #onReady: () => unknown;
  #api = new ApiClient('');
  #state: Session<M> = { state: 'loading' };

  /** @param onReady What to load once someone is signed in (after each {@link connect}). */
  constructor(host: ReactiveControllerHost & HTMLElement, onReady: () => unknown = () => undefined) {
    this.#host = host;
    this.#onReady = onReady;
  }

  /** The plugin's API, as the signed-in person. */
  get api(): ApiClient {
    return this.#api;
  }

  /** The signed-in person, or null before (or without) a sign-in. */
  get me(): M | null {
    return this.#state.state === 'ready' ? this.#state.me : null;
  }

  /** Sent with every write; '' while nobody is signed in. */
  get csrfToken(): string {
    return this.me?.csrfToken ?? '';
  }

  /** The KEP `storeId`, when someone is signed in who works at it or reads it. */
  store(storeId: string): StoreGrant | undefined {
    return this.me?.stores.find((s) => s.id === storeId);
  }

  /** Talks to the plugin under `base` ('' is the page's origin) and asks who is signed in; an answer for an older base is dropped. */
  async connect(base: string): Promise<void> {
    const api = new ApiClient(base);
    this.#api = api;
    const session = await fetchSession<M>(api, this.#host.lang);
    if (api !== this.#api) return;
    this.#set(session);
    if (session.state === 'ready') await this.#onReady();
  }

  /** What a failed request means for the screen: a 401 signs out (null: nothing more to show), anything else is a message. */
  failure(error: unknown): string | null {
    if (!(error instanceof ProblemError && error.status === 401)) return describeError(error, messagesFor(this.#host.lang));
    this.#set({ state: 'signed-out' });
    return null;
  }

  /** What stands in for the screen while there is no KEP to show: loading, a sign-in link, a failure, or a KEP out of reach. */
  renderNotice(): TemplateResult {
    const t = messagesFor(this.#host.lang);
    const s = this.#state;
    if (s.state === 'loading') return html`<p>${t.loading}</p>`;
    if (s.state === 'signed-out') return html`<p>${t.signedOut} <a href=${this.#api.loginUrl(location.href)}>${t.signIn}</a></p>`;
    return html`<p class="problem" role="alert">${s.state === 'failed' ? s.message : t.storeNotFound}</p>`;
  }

  #set(session: Session<M>): void {
    this.#state = session;
    this.#host.requestUpdate();
  }
}
