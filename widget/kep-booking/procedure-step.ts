import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import { BookingStep, describedBy } from './booking-step.js';

/** From this many procedures on, a filter box helps find one. */
const FILTER_FROM = 8;

/**
 * Step 2: what the citizen comes for. When the KEP serves by video, procedures that cannot be
 * served that way say so already here. Fires `procedure-chosen` with the {@link PublicProcedure}.
 */
export class ProcedureStep extends BookingStep {
  static override properties = {
    api: { attribute: false },
    store: { attribute: false },
    selectedId: { attribute: false },
    procedures: { state: true },
    filter: { state: true },
    loadError: { state: true },
  };

  declare api: PublicApiClient | null;
  declare store: PublicStore | null;
  declare selectedId: string | null;
  private declare procedures: PublicProcedure[] | null;
  private declare filter: string;
  private declare loadError: string | null;

  #request: AbortController | null = null;

  constructor() {
    super();
    this.api = null;
    this.store = null;
    this.selectedId = null;
    this.procedures = null;
    this.filter = '';
    this.loadError = null;
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#request?.abort();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    // Names come in the page's language, so a change of language asks again.
    if (changed.has('store') || changed.has('api') || changed.has('t')) void this.#load();
  }

  override render(): TemplateResult {
    const t = this.t;
    if (this.loadError) return html`<p class="problem" role="alert">${this.loadError}</p>`;
    const all = this.procedures;
    if (!all) return html`<p>${t.loading}</p>`;
    if (all.length === 0) return html`<p>${t.noProcedures}</p>`;
    const key = searchKey(this.filter);
    const shown = key ? all.filter((p) => searchKey(p.name).includes(key)) : all;
    const error = this.errorFor('procedure');
    return html`
      <form novalidate @submit=${this.#onContinue}>
        ${this.renderErrorSummary()}
        ${all.length >= FILTER_FROM
          ? html`<div class="form-group">
              <label for="procedure-filter">${t.procedureFilter}</label>
              <input id="procedure-filter" type="search" autocomplete="off" .value=${this.filter} @input=${this.#onFilter} />
              <p class="hint">${t.proceduresShown(shown.length)}</p>
            </div>`
          : nothing}
        <div class="form-group ${error ? 'form-group--error' : ''}">
          <fieldset aria-describedby=${describedBy(error && 'procedure-error')}>
            <legend class="visually-hidden">${t.steps.procedure}</legend>
            ${this.renderFieldError('procedure')}
            <div class="choices">${shown.map((p, i) => this.#renderProcedure(p, i === 0))}</div>
          </fieldset>
        </div>
        <button type="submit" part="button">${t.continue}</button>
      </form>
    `;
  }

  #renderProcedure(procedure: PublicProcedure, first: boolean): TemplateResult {
    const id = first ? 'procedure' : `procedure-${procedure.id}`;
    const inPersonOnly = this.store?.offersVideo && !procedure.videoEligible;
    const hint = `${id}-hint`;
    return html`
      <div class="choice">
        <input
          type="radio"
          name="procedure"
          id=${id}
          .value=${procedure.id}
          .checked=${procedure.id === this.selectedId}
          aria-describedby=${describedBy(inPersonOnly && hint)}
          @change=${() => (this.selectedId = procedure.id)}
        />
        <div class="choice__text">
          <label for=${id} class="choice__label">${procedure.name}</label>
          ${inPersonOnly ? html`<span id=${hint} class="hint">${this.t.inPersonOnly}</span>` : nothing}
        </div>
      </div>
    `;
  }

  #onFilter(event: Event): void {
    this.filter = (event.target as HTMLInputElement).value;
  }

  async #load(): Promise<void> {
    this.#request?.abort();
    if (!this.api || !this.store) return;
    const request = new AbortController();
    this.#request = request;
    try {
      this.procedures = await this.api.procedures(this.store.id, this.t.lang, request.signal);
      this.loadError = null;
    } catch (error) {
      if (!request.signal.aborted) this.loadError = this.problemMessage(error);
    }
  }

  #onContinue(event: SubmitEvent): void {
    event.preventDefault();
    const procedure = this.procedures?.find((p) => p.id === this.selectedId);
    if (!procedure) {
      void this.showErrors([{ field: 'procedure', message: this.t.errors.procedure }]);
      return;
    }
    this.errors = [];
    this.complete('procedure-chosen', procedure);
  }
}

/** Lower case without accents, final sigma as sigma: «Άδεια» is found by «αδεια». */
function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replaceAll('ς', 'σ').trim();
}
