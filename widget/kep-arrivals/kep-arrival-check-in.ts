import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { canWriteAppointments, ProblemError } from '../shared/api.js';
import { focusAfterRender } from '../shared/focus.js';
import { StaffSession } from '../shared/session.js';
import { recordArrival, type ArrivalTicket } from './arrivals-api.js';
import { arrivalMessagesFor, type ArrivalMessages } from './arrivals-i18n.js';
import { styles } from './arrivals.styles.js';

declare global {
  interface HTMLElementEventMap {
    'kep-arrival-recorded': CustomEvent<ArrivalTicket>;
  }
}

/**
 * `<kep-arrival-check-in>`: «Άφιξη με κωδικό» at the counter. Staff type the citizen's booking
 * reference, or a scanner types it from the QR code of the email and presses Enter; the appointment
 * is marked arrived (`POST /api/v1/stores/{storeId}/arrivals`, the same call as the KEP's kiosks)
 * and the ticket's queue number is shown and read out (a polite live region). The field is emptied
 * and keeps the focus, ready for the next citizen. A refusal (unknown reference, too early, too
 * late) is shown next to the field, which it describes, and the focus goes back to it.
 *
 * Nothing is shown to a person who only reads the KEP (a supervisor).
 *
 * @fires kep-arrival-recorded - After an arrival; `detail` is the {@link ArrivalTicket}. Bubbles and crosses shadow roots.
 * @csspart arrival - The form.
 */
export class KepArrivalCheckIn extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    ticket: { state: true },
    error: { state: true },
    busy: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  private declare ticket: ArrivalTicket | null;
  private declare error: string | null;
  private declare busy: boolean;
  #session = new StaffSession(this);

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.ticket = null;
    this.error = null;
    this.busy = false;
  }

  get #t(): ArrivalMessages {
    return arrivalMessagesFor(this.lang);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
  }

  override render(): TemplateResult | typeof nothing {
    const store = this.#session.store(this.storeId);
    if (!store || !canWriteAppointments(store.role)) return nothing;
    const t = this.#t.checkIn;
    const describedBy = this.error ? 'arrival-hint arrival-error' : 'arrival-hint';
    return html`<form part="arrival" novalidate @submit=${this.#submit}>
      <div class=${this.error ? 'form-group form-group--error' : 'form-group'}>
        <label for="arrival-reference">${t.label}</label>
        <span id="arrival-hint" class="hint">${t.hint}</span>
        ${this.error ? html`<span id="arrival-error" class="error-message" role="alert">${this.error}</span>` : nothing}
        <div class="arrival-row">
          <input
            id="arrival-reference"
            name="reference"
            type="text"
            maxlength="40"
            autocomplete="off"
            autocapitalize="characters"
            spellcheck="false"
            aria-describedby=${describedBy}
            aria-invalid=${this.error ? 'true' : 'false'}
          />
          <button type="submit" ?disabled=${this.busy}>${this.busy ? t.busy : t.submit}</button>
        </div>
      </div>
      <div class="arrival-result" role="status" aria-live="polite">
        ${this.ticket
          ? html`<p><span class="ticket-number" aria-hidden="true">${this.ticket.number}</span>${t.ticket(this.ticket.number, this.ticket.queue.name, this.ticket.time, this.ticket.reference)}</p>`
          : nothing}
      </div>
    </form>`;
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const input = form.querySelector<HTMLInputElement>('#arrival-reference')!;
    const reference = input.value.trim();
    this.ticket = null;
    if (!reference) return this.#refuse(this.#t.checkIn.empty);
    this.busy = true;
    try {
      const ticket = await recordArrival(this.#session.api, this.storeId, reference, this.#session.csrfToken);
      this.error = null;
      this.ticket = ticket;
      input.value = '';
      this.dispatchEvent(new CustomEvent('kep-arrival-recorded', { detail: ticket, bubbles: true, composed: true }));
    } catch (error) {
      const message = this.#session.failure(error);
      if (message === null) return;
      const field = error instanceof ProblemError ? error.problem.errors?.find((e) => e.path === 'reference')?.message : undefined;
      await this.#refuse(field ?? message);
    } finally {
      this.busy = false;
    }
    await focusAfterRender(this, '#arrival-reference');
  }

  async #refuse(message: string): Promise<void> {
    this.error = message;
    await focusAfterRender(this, '#arrival-reference');
  }
}
