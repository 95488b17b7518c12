import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import type { BookingMode, PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import { BookingStep } from './booking-step.js';
import { SignInError, signInProblem, type CitizenSession } from './citizen-session.js';
import { SlotChoice } from './slot-choice.js';

/**
 * Step 4: a day and a free time; continuing signs the citizen in (a popup, the first time) and
 * holds the time for them. Fires `slot-held` with the {@link Hold}.
 */
export class SlotStep extends BookingStep {
  static override properties = {
    api: { attribute: false },
    session: { attribute: false },
    citizenName: { attribute: false },
    store: { attribute: false },
    procedure: { attribute: false },
    mode: { attribute: false },
    selected: { attribute: false },
    notice: { attribute: false },
  };

  declare api: PublicApiClient | null;
  declare session: CitizenSession | null;
  /** Set while a citizen is signed in: the button then just continues. */
  declare citizenName: string | null;
  declare store: PublicStore | null;
  declare procedure: PublicProcedure | null;
  declare mode: BookingMode;
  /** The time chosen before (its `startsAt`), when the citizen comes back to this step. */
  declare selected: string | null;
  /** Why the citizen is back here (their hold lapsed), shown above the choice. */
  declare notice: string | null;

  readonly #choice = new SlotChoice(this, {
    source: () => (this.api && this.store ? { api: this.api, storeId: this.store.id, mode: this.mode, token: this.session?.citizen?.token } : null),
    t: () => this.t,
    problem: (error) => this.problemMessage(error),
    announce: (text) => this.announce(text),
  });
  #busy = false;

  constructor() {
    super();
    this.api = null;
    this.session = null;
    this.citizenName = null;
    this.store = null;
    this.procedure = null;
    this.mode = 'in_person';
    this.selected = null;
    this.notice = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Coming back to this step: open the window on the day chosen before.
    this.#choice.startAt(this.selected);
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('store') || changed.has('mode') || changed.has('api')) void this.#choice.load();
  }

  override render(): TemplateResult {
    const t = this.t;
    const signedIn = Boolean(this.citizenName);
    return html`
      <form novalidate @submit=${this.#onContinue}>
        ${this.notice ? html`<div class="inset inset--warning"><p class="strong">${this.notice}</p></div>` : nothing}
        ${this.renderErrorSummary()} ${this.#choice.renderNearest(t)} ${this.#choice.renderPeriod(t)} ${this.#choice.renderDays(t, this.errorFor('time'))}
        <p class="hint">${signedIn ? t.signedInAs(this.citizenName!) : t.signInNote}</p>
        <button type="submit" part="button">${signedIn ? t.continue : t.signInAndContinue}</button>
      </form>
      ${this.#choice.days?.length === 0 ? this.#renderWaitlist() : nothing}
    `;
  }

  /** No free time in the days shown: the citizen may ask to be told when one frees up (outside the step's form: forms do not nest). */
  #renderWaitlist(): TemplateResult {
    return html`<kep-booking-waitlist .t=${this.t} .api=${this.api} .session=${this.session} .store=${this.store} .procedure=${this.procedure} .mode=${this.mode} .from=${this.#choice.from}></kep-booking-waitlist>`;
  }

  async #onContinue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#busy || !this.api || !this.session || !this.store || !this.procedure) return;
    const startsAt = this.#choice.selected;
    if (!startsAt || !this.#choice.selectedIsFree) return this.showErrors([{ field: 'time', message: this.t.errors.time }]);
    this.#busy = true;
    try {
      // No await before this point: the popup must open within the citizen's click.
      const citizen = this.session.citizen ?? (await this.session.signIn());
      const body = { storeId: this.store.id, startsAt, mode: this.mode, procedureId: this.procedure.id };
      const hold = await this.api.hold(citizen.token, body);
      this.errors = [];
      this.#choice.nearest = [];
      this.complete('slot-held', hold);
    } catch (error) {
      await this.#failed(error);
    } finally {
      this.#busy = false;
    }
  }

  async #failed(error: unknown): Promise<void> {
    const t = this.t;
    if (error instanceof SignInError) return this.showErrors([{ field: null, message: signInProblem(error, t) }]);
    if (error instanceof ProblemError && error.status === 401) {
      this.session?.forget();
      return this.showErrors([{ field: null, message: t.signInAgain }]);
    }
    if (error instanceof ProblemError && error.status === 409) {
      this.#choice.taken(error.problem.nextFreeSlots);
      return this.showErrors([{ field: 'time', message: t.slotTaken }]);
    }
    return this.showErrors([{ field: null, message: this.problemMessage(error) }]);
  }
}
