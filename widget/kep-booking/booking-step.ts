import { LitElement, html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { renderErrorSummary, type FieldProblem } from '../shared/error-summary.js';
import { bookingMessagesFor, type BookingMessages } from './booking-i18n.js';

/** One problem of a step: the id of the control it is about (null: the step as a whole) and what to do. */
export type StepError = FieldProblem;

/**
 * The base of `<kep-booking>`'s steps. A step renders into its own light DOM, so it lives in the
 * booking element's shadow root: the root's styles apply, and ids (the error summary's links, a
 * hint's `aria-describedby`) resolve across the steps and the heading that introduces them.
 */
export class BookingStep extends LitElement {
  // Typed wide so that each step declares its own; Lit adds them to these inherited ones.
  static override properties: PropertyDeclarations = {
    t: { attribute: false },
    errors: { state: true },
  };

  /** The words of the element's language. */
  declare t: BookingMessages;
  /** What went wrong at the last attempt to continue, in the order of the fields. */
  protected declare errors: StepError[];

  constructor() {
    super();
    this.t = bookingMessagesFor('el');
    this.errors = [];
  }

  protected override createRenderRoot(): HTMLElement {
    return this;
  }

  /** Tells the booking element's live region something a sighted user sees change. */
  protected announce(text: string): void {
    this.dispatchEvent(new CustomEvent('step-announce', { detail: text, bubbles: true }));
  }

  /** Hands the step's result to the booking element. */
  protected complete<T>(name: string, detail: T): void {
    this.dispatchEvent(new CustomEvent(name, { detail }));
  }

  /**
   * Shows the errors and moves focus to their summary, as GOV.UK does after a failed submit; the
   * booking element then names the step «Σφάλμα: …» in its step event (the page's title).
   */
  protected async showErrors(errors: StepError[]): Promise<void> {
    this.errors = errors;
    this.dispatchEvent(new CustomEvent('step-errors', { detail: errors.length, bubbles: true }));
    await this.updateComplete;
    this.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** The message about `field`, if any. */
  protected errorFor(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.message;
  }

  /**
   * The GOV.UK error summary (the shared one). role="alert" with focus moved to it: NVDA and JAWS
   * read the title and the list at once, VoiceOver on iOS reads it as focus lands.
   */
  protected renderErrorSummary(): TemplateResult | typeof nothing {
    return renderErrorSummary(this.errors, { id: 'error-summary', title: this.t.errorSummaryTitle, part: 'error-summary' });
  }

  /** The message shown next to a field (its id is what the field's aria-describedby names). */
  protected renderFieldError(field: string): TemplateResult | typeof nothing {
    const message = this.errorFor(field);
    if (!message) return nothing;
    return html`<p id="${field}-error" class="error-message"><span class="visually-hidden">${this.t.errorPrefix}</span> ${message}</p>`;
  }

  /** What to tell a citizen about a failed request. */
  protected problemMessage(error: unknown): string {
    return citizenProblem(error, this.t);
  }
}

/** What to tell a citizen about a failed request (the booking and the manage widget alike). */
export function citizenProblem(error: unknown, t: BookingMessages): string {
  if (error instanceof ProblemError) {
    if (error.status === 429) return t.tooManyRequests;
    if (error.status >= 500) return t.unexpectedError;
    return error.problem.detail ?? error.problem.title ?? t.unexpectedError;
  }
  // fetch rejects with a TypeError when the network, CORS or the server is down.
  return error instanceof TypeError ? t.networkError : t.unexpectedError;
}

/** `aria-describedby` from the ids that exist (a hint, an error), or nothing. */
export function describedBy(...ids: (string | false | undefined)[]): string | typeof nothing {
  const list = ids.filter(Boolean).join(' ');
  return list || nothing;
}
