import { html, nothing, type TemplateResult } from 'lit';
import type { PublicApiClient, PublicStore } from './booking-api.js';
import { BookingStep, describedBy } from './booking-step.js';

/** At most this many KEPs are listed; a search narrows the rest (Greece has about a thousand). */
const SHOWN = 25;

/**
 * Step 1: find and choose a KEP. Fires `store-chosen` with the {@link PublicStore}.
 */
export class StoreStep extends BookingStep {
  static override properties = {
    api: { attribute: false },
    selectedId: { attribute: false },
    stores: { state: true },
    loadError: { state: true },
  };

  declare api: PublicApiClient | null;
  /** The KEP chosen earlier, if the citizen came back to this step. */
  declare selectedId: string | null;
  private declare stores: PublicStore[] | null;
  private declare loadError: string | null;

  #request: AbortController | null = null;
  #typing: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.api = null;
    this.selectedId = null;
    this.stores = null;
    this.loadError = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.#search('', false);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.#typing);
    this.#request?.abort();
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <form class="search" role="search" @submit=${this.#onSearch}>
        <div class="form-group">
          <label for="store-q">${t.storeSearch}</label>
          <span id="store-q-hint" class="hint">${t.storeSearchHint}</span>
          <div class="search__row">
            <input id="store-q" name="q" type="search" aria-describedby="store-q-hint" @input=${this.#onType} />
            <button type="submit" class="secondary">${t.search}</button>
          </div>
        </div>
      </form>
      ${this.#renderResults()}
    `;
  }

  #renderResults(): TemplateResult {
    const t = this.t;
    if (this.loadError) return html`<p class="problem" role="alert">${this.loadError}</p>`;
    const stores = this.stores;
    if (!stores) return html`<p>${t.loading}</p>`;
    const error = this.errorFor('store');
    return html`
      <p class="result-count">${t.storesFound(stores.length)}</p>
      <form novalidate @submit=${this.#onContinue}>
        ${this.renderErrorSummary()}
        ${stores.length === 0
          ? nothing
          : html`<div class="form-group ${error ? 'form-group--error' : ''}">
              <fieldset aria-describedby=${describedBy(error && 'store-error')}>
                <legend class="visually-hidden">${t.steps.store}</legend>
                ${this.renderFieldError('store')}
                <div class="choices">${stores.slice(0, SHOWN).map((s, i) => this.#renderStore(s, i === 0))}</div>
              </fieldset>
            </div>
            <button type="submit" part="button">${t.continue}</button>`}
      </form>
    `;
  }

  #renderStore(store: PublicStore, first: boolean): TemplateResult {
    const hint = `store-${store.id}-hint`;
    // The first radio carries the id the error summary links to.
    const id = first ? 'store' : `store-${store.id}`;
    return html`
      <div class="choice">
        <input
          type="radio"
          name="store"
          id=${id}
          .value=${store.id}
          .checked=${store.id === this.selectedId}
          aria-describedby=${hint}
          @change=${() => (this.selectedId = store.id)}
        />
        <div class="choice__text">
          <label for=${id} class="choice__label">${store.name}</label>
          <span id=${hint} class="hint">
            ${store.address}${store.offersVideo ? html`<br /><span class="tag">${this.t.alsoVideo}</span>` : nothing}
          </span>
        </div>
      </div>
    `;
  }

  #onType(event: Event): void {
    const q = (event.target as HTMLInputElement).value;
    clearTimeout(this.#typing);
    // Wait for a pause in typing: one request per word, not per letter.
    this.#typing = setTimeout(() => void this.#search(q, true), 350);
  }

  #onSearch(event: SubmitEvent): void {
    event.preventDefault();
    clearTimeout(this.#typing);
    const q = new FormData(event.currentTarget as HTMLFormElement).get('q');
    void this.#search(typeof q === 'string' ? q : '', true);
  }

  async #search(q: string, announce: boolean): Promise<void> {
    if (!this.api) return;
    this.#request?.abort();
    const request = new AbortController();
    this.#request = request;
    try {
      const stores = await this.api.stores(q.trim(), request.signal);
      this.stores = stores;
      this.loadError = null;
      this.errors = [];
      // Sighted users see the list change under the search box; screen reader users hear the count.
      if (announce) this.announce(this.t.storesFound(stores.length));
    } catch (error) {
      if (request.signal.aborted) return;
      this.loadError = this.problemMessage(error);
    }
  }

  #onContinue(event: SubmitEvent): void {
    event.preventDefault();
    const store = this.stores?.find((s) => s.id === this.selectedId);
    if (!store) {
      void this.showErrors([{ field: 'store', message: this.t.errors.store }]);
      return;
    }
    this.errors = [];
    this.complete('store-chosen', store);
  }
}
