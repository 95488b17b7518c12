import { html, nothing, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { addDays, formatDate, todayInAthens } from '../shared/dates.js';
import type { BookingMode, PublicApiClient, PublicProcedure, PublicStore } from './booking-api.js';
import { BookingStep, describedBy } from './booking-step.js';
import { SignInError, signInProblem, type CitizenSession } from './citizen-session.js';
import { errorsFromProblem } from './details-form.js';

/** The body of `POST /public/waitlist`. */
export interface WaitlistRequest {
  storeId: string;
  procedureId: string;
  mode: BookingMode;
  from: string;
  to: string;
  email: string;
  language: 'el' | 'en';
}

/** What joining answers. */
export interface WaitlistJoined {
  id: string;
  position: number;
  from: string;
  to: string;
  /** The link to see the entry and leave the list (DELETE). */
  linkUrl: string;
  offerMinutes: number;
}

const WORDS = {
  el: {
    title: 'Δεν βρήκατε ώρα; Ενημερωθείτε όταν ελευθερωθεί',
    intro: (minutes: number) =>
      `Αν ελευθερωθεί ώρα στις ημέρες που σας βολεύουν (μια ακύρωση, νέο ωράριο), θα την κρατήσουμε για εσάς για ${minutes} λεπτά και θα σας στείλουμε email με σύνδεσμο για να την κλείσετε.`,
    from: 'Από',
    to: 'Έως',
    email: 'Email',
    emailHint: 'Εκεί θα σας στείλουμε την ώρα που ελευθερώθηκε.',
    join: 'Ενημερώστε με',
    joined: (position: number, from: string, to: string) => `Είστε στη λίστα αναμονής (θέση ${position}) για ώρα από ${from} έως ${to}. Θα σας στείλουμε email μόλις ελευθερωθεί.`,
    leave: 'Αποχώρηση από τη λίστα',
    left: 'Αποχωρήσατε από τη λίστα αναμονής.',
    errors: { email: 'Συμπληρώστε το email σας, π.χ. onoma@example.gr.', from: 'Γράψτε την ημερομηνία «από».', to: 'Γράψτε την ημερομηνία «έως».' },
  },
  en: {
    title: 'No time found? Be told when one frees up',
    intro: (minutes: number) =>
      `If a time frees up on the days that suit you (a cancellation, new hours), we will hold it for you for ${minutes} minutes and email you a link to book it.`,
    from: 'From',
    to: 'To',
    email: 'Email',
    emailHint: 'Where we send the time that freed up.',
    join: 'Tell me',
    joined: (position: number, from: string, to: string) => `You are on the waiting list (place ${position}) for a time from ${from} to ${to}. We will email you as soon as one frees up.`,
    leave: 'Leave the list',
    left: 'You have left the waiting list.',
    errors: { email: 'Enter your email, like name@example.com.', from: 'Enter the “from” date.', to: 'Enter the “to” date.' },
  },
} as const;

/** The default minutes an offer is held, shown before the server has said (it answers its own with the join). */
const OFFER_MINUTES = 30;
/** The longest range the server takes. */
const MAX_DAYS = 62;

/**
 * The small step `<kep-booking>`'s time step shows when the KEP has no free time in the days shown:
 * the citizen asks to be told when a time frees up between two dates (the waitlist, issue 17), signs
 * in if they have not (the popup opens within the click), and may leave the list again at once.
 */
export class WaitlistJoin extends BookingStep {
  static override properties = {
    api: { attribute: false },
    session: { attribute: false },
    store: { attribute: false },
    procedure: { attribute: false },
    mode: { attribute: false },
    from: { attribute: false },
    joined: { state: true },
    left: { state: true },
  };

  declare api: PublicApiClient | null;
  declare session: CitizenSession | null;
  declare store: PublicStore | null;
  declare procedure: PublicProcedure | null;
  declare mode: BookingMode;
  /** The first day the citizen looked at (YYYY-MM-DD): the range starts there. */
  declare from: string;
  private declare joined: WaitlistJoined | null;
  private declare left: boolean;
  #busy = false;

  constructor() {
    super();
    this.api = null;
    this.session = null;
    this.store = null;
    this.procedure = null;
    this.mode = 'in_person';
    this.from = todayInAthens();
    this.joined = null;
    this.left = false;
  }

  override render(): TemplateResult {
    const w = WORDS[this.t.lang];
    // Told through the booking element's live region (announce), so shown here without a live region of its own.
    if (this.left) return html`<div class="inset" part="waitlist"><p>${w.left}</p></div>`;
    if (this.joined) {
      const j = this.joined;
      return html`<div class="inset" part="waitlist">
        <p class="strong">${w.joined(j.position, formatDate(j.from), formatDate(j.to))}</p>
        <button type="button" class="link" @click=${this.#onLeave}>${w.leave}</button>
      </div>`;
    }
    const from = this.from < todayInAthens() ? todayInAthens() : this.from;
    const field = (id: 'waitlist-from' | 'waitlist-to' | 'waitlist-email', label: string, type: string, value: string, hint?: string) => {
      const error = this.errorFor(id);
      return html`<div class="form-group ${error ? 'form-group--error' : ''}">
        <label for=${id}>${label}</label>
        ${hint ? html`<p id="${id}-hint" class="hint">${hint}</p>` : nothing} ${this.renderFieldError(id)}
        <input id=${id} name=${id} type=${type} .value=${value} class="input" aria-describedby=${describedBy(hint && `${id}-hint`, error && `${id}-error`)} />
      </div>`;
    };
    return html`
      <section class="inset" part="waitlist" aria-labelledby="waitlist-title">
        <h3 id="waitlist-title">${w.title}</h3>
        <p>${w.intro(OFFER_MINUTES)}</p>
        <form novalidate @submit=${this.#onJoin}>
          ${renderErrorSummary(this.errors, { id: 'waitlist-errors', title: this.t.errorSummaryTitle, heading: 'h4' })} ${field('waitlist-from', w.from, 'date', from)} ${field('waitlist-to', w.to, 'date', addDays(from, 13))}
          ${field('waitlist-email', w.email, 'email', this.session?.citizen?.email ?? '', w.emailHint)}
          <button type="submit" part="button">${w.join}</button>
        </form>
      </section>
    `;
  }

  async #onJoin(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.#busy || !this.api || !this.session || !this.store || !this.procedure) return;
    const w = WORDS[this.t.lang];
    const value = (id: string) => (this.querySelector<HTMLInputElement>(`#${id}`)?.value ?? '').trim();
    const [from, to, email] = [value('waitlist-from'), value('waitlist-to'), value('waitlist-email')];
    const errors = [
      ...(from ? [] : [{ field: 'waitlist-from', message: w.errors.from }]),
      ...(to ? [] : [{ field: 'waitlist-to', message: w.errors.to }]),
      ...(email.includes('@') ? [] : [{ field: 'waitlist-email', message: w.errors.email }]),
    ];
    if (errors.length) return this.showErrors(errors);
    this.#busy = true;
    try {
      // No await before this point: the popup must open within the citizen's click.
      const citizen = this.session.citizen ?? (await this.session.signIn());
      const body = { storeId: this.store.id, procedureId: this.procedure.id, mode: this.mode, from, to: to > addDays(from, MAX_DAYS - 1) ? addDays(from, MAX_DAYS - 1) : to, email, language: this.t.lang };
      this.joined = await this.api.joinWaitlist(citizen.token, body);
      this.errors = [];
      this.announce(w.joined(this.joined.position, formatDate(this.joined.from), formatDate(this.joined.to)));
    } catch (error) {
      if (error instanceof SignInError) return this.showErrors([{ field: null, message: signInProblem(error, this.t) }]);
      if (error instanceof ProblemError && error.status === 400) {
        const fields: Record<string, string> = { from: 'waitlist-from', to: 'waitlist-to', email: 'waitlist-email' };
        const listed = (error.problem.errors ?? []).map((e) => ({ field: fields[e.path] ?? null, message: e.message }));
        return this.showErrors(listed.length ? listed : errorsFromProblem(error, this.t.unexpectedError));
      }
      return this.showErrors([{ field: null, message: this.problemMessage(error) }]);
    } finally {
      this.#busy = false;
    }
  }

  async #onLeave(): Promise<void> {
    if (!this.joined) return;
    const res = await fetch(this.joined.linkUrl, { method: 'DELETE', credentials: 'omit', referrerPolicy: 'strict-origin' }).catch(() => null);
    if (res && (res.status === 204 || res.status === 404)) {
      this.left = true;
      this.announce(WORDS[this.t.lang].left);
    } else void this.showErrors([{ field: null, message: this.t.networkError }]);
  }
}
