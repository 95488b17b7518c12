import { html, nothing, type TemplateResult } from 'lit';
import type { BookingMode, PublicProcedure, PublicStore } from './booking-api.js';
import { BookingStep, describedBy } from './booking-step.js';

/**
 * Step 3: in person or by video call. Video is offered only when the KEP has a public video queue
 * and the procedure may be served remotely; otherwise the step says why, with the procedure's
 * alternative (a visit, or the ΕΛΤΑ arrangement), before the citizen chooses any time.
 * Fires `mode-chosen` with the {@link BookingMode}.
 */
export class ModeStep extends BookingStep {
  static override properties = {
    store: { attribute: false },
    procedure: { attribute: false },
    selected: { attribute: false },
  };

  declare store: PublicStore | null;
  declare procedure: PublicProcedure | null;
  declare selected: BookingMode | null;

  constructor() {
    super();
    this.store = null;
    this.procedure = null;
    this.selected = null;
  }

  /** Whether a video call is possible for this KEP and procedure. */
  get videoPossible(): boolean {
    return Boolean(this.store?.offersVideo && this.procedure?.videoEligible);
  }

  override render(): TemplateResult {
    const t = this.t;
    return html`
      <form novalidate @submit=${this.#onContinue}>
        ${this.renderErrorSummary()} ${this.videoPossible ? this.#renderChoice() : this.#renderInPersonOnly()}
        <button type="submit" part="button">${t.continue}</button>
      </form>
    `;
  }

  #renderChoice(): TemplateResult {
    const t = this.t;
    const error = this.errorFor('mode');
    const option = (mode: BookingMode, id: string, hint: string) => html`
      <div class="choice">
        <input
          type="radio"
          name="mode"
          id=${id}
          .value=${mode}
          .checked=${this.selected === mode}
          aria-describedby="${id}-hint"
          @change=${() => (this.selected = mode)}
        />
        <div class="choice__text">
          <label for=${id} class="choice__label">${t.modes[mode]}</label>
          <span id="${id}-hint" class="hint">${hint}</span>
        </div>
      </div>
    `;
    return html`
      <div class="form-group ${error ? 'form-group--error' : ''}">
        <fieldset aria-describedby=${describedBy(error && 'mode-error')}>
          <legend class="visually-hidden">${t.steps.mode}</legend>
          ${this.renderFieldError('mode')}
          <div class="choices">
            ${option('in_person', 'mode', t.modeHints.in_person(this.store?.address ?? ''))} ${option('video', 'mode-video', t.modeHints.video)}
          </div>
        </fieldset>
      </div>
    `;
  }

  /** No choice to make: say how the citizen will be served and, when video was ruled out by the procedure, why and what instead. */
  #renderInPersonOnly(): TemplateResult {
    const t = this.t;
    const procedure = this.procedure;
    const ruledOutByProcedure = Boolean(this.store?.offersVideo && procedure && !procedure.videoEligible);
    return html`
      <div class="inset" part="notice">
        ${ruledOutByProcedure && procedure
          ? html`<p class="strong">${t.notEligible(procedure.name)}</p>
              <p class="pre-line">${procedure.alternative ?? t.defaultAlternative}</p>`
          : html`<p>${t.noVideoAtStore}</p>`}
      </div>
      <p><span class="strong">${t.modes.in_person}</span>${this.store ? html`<br /><span class="hint">${t.modeHints.in_person(this.store.address)}</span>` : nothing}</p>
    `;
  }

  #onContinue(event: SubmitEvent): void {
    event.preventDefault();
    const mode: BookingMode | null = this.videoPossible ? this.selected : 'in_person';
    if (!mode) {
      void this.showErrors([{ field: 'mode', message: this.t.errors.mode }]);
      return;
    }
    this.errors = [];
    this.complete('mode-chosen', mode);
  }
}
