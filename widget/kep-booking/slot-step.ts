import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import type { AvailabilityDay, BookingMode, Nearby, PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import type { BookingMessages } from './booking-i18n.js';
import { todayInAthens } from '../shared/dates.js';
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
    searchId: { attribute: false },
    nearby: { state: true },
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
  /** The booking flow's random id (unmet demand counts a flow once); never tied to the citizen. */
  declare searchId: string | null;
  /** Nearby KEPs with a time, when this one has none within the unmet-demand days. */
  private declare nearby: Nearby | null;

  readonly #choice = new SlotChoice(this, {
    source: () =>
      this.api && this.store
        ? { api: this.api, storeId: this.store.id, mode: this.mode, token: this.session?.citizen?.token, search: { procedureId: this.procedure?.id, searchId: this.searchId ?? undefined } }
        : null,
    t: () => this.t,
    problem: (error) => this.problemMessage(error),
    announce: (text) => this.announce(text),
    loaded: (days, from) => void this.#suggest(days, from),
  });
  #busy = false;
  #nearbyRequest: AbortController | null = null;

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
    this.searchId = null;
    this.nearby = null;
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
        ${this.renderErrorSummary()} ${this.#choice.renderNearest(t)} ${this.#choice.renderPeriod(t)} ${this.#choice.renderDays(t, this.errorFor('time'))} ${this.#renderNearby(t)}
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
      const body = { storeId: this.store.id, startsAt, mode: this.mode, procedureId: this.procedure.id, ...(this.searchId ? { searchId: this.searchId } : {}) };
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

  /** The first two weeks are empty: ask which nearby KEPs have a time within the unmet-demand days. */
  async #suggest(days: readonly AvailabilityDay[], from: string): Promise<void> {
    this.#nearbyRequest?.abort();
    this.nearby = null;
    if (days.length > 0 || from !== todayInAthens() || !this.api || !this.store) return;
    const request = new AbortController();
    this.#nearbyRequest = request;
    // Suggestions are a help, not the step: a failure leaves the step as it is.
    const nearby = await this.api.nearby(this.store.id, this.mode, this.procedure?.id, request.signal).catch(() => null);
    if (!request.signal.aborted && nearby && nearby.firstFree === null && nearby.stores.length > 0) this.nearby = nearby;
  }

  #renderNearby(t: BookingMessages): TemplateResult | typeof nothing {
    const nearby = this.nearby;
    if (!nearby || !this.store) return nothing;
    return html`
      <div class="inset" part="nearby">
        <p class="strong" id="nearby-title">${t.nearbyTitle(this.store.name, nearby.days)}</p>
        <ul class="plain" aria-labelledby="nearby-title">
          ${nearby.stores.map(
            (s) => html`<li><button type="button" class="link" @click=${() => this.#switchTo(s)}>${t.nearbyStore(s.name, t.when(s.firstFree.startsAt), s.distanceKm)}</button></li>`,
          )}
        </ul>
        <p class="hint">${t.nearbyHint}</p>
      </div>
    `;
  }

  /** Another KEP, with its first free time chosen: the booking element keeps the procedure and the mode. */
  #switchTo(s: Nearby['stores'][number]): void {
    const { distanceKm: _km, firstFree, ...store } = s;
    this.nearby = null;
    this.#choice.startAt(firstFree.startsAt);
    this.complete('store-switched', store);
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
