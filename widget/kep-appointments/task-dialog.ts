import { html, nothing, type PropertyDeclarations, type TemplateResult } from 'lit';
import type { Appointment } from '../shared/api.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { DialogBase } from './dialog-base.js';
import { errorSummary } from './form-fields.js';

/** What a task dialog shows between its title and its buttons. */
export interface TaskDialogParts {
  /** Prefix of the dialog's ids (`…-title`, `…-what`): two dialogs of the screen never share one. */
  id: string;
  title: string;
  /** The field errors of the error summary, `[field id, message]`; the server's refusal is added. */
  fieldErrors?: [string, string][];
  /** What the task is about; with `describes`, the dialog's description (`…-what`). */
  body: TemplateResult;
  describes?: boolean;
  submit: { label: string; className: string };
  back: string;
}

/**
 * A dialog that does one thing to one appointment after asking (a reason, a confirmation): the
 * frame of title, GOV.UK error summary and the submit and back buttons; the request sent once (a
 * second Enter waits), the server's refusal shown in the summary, a lost session handed to the
 * screen. Subclasses say what they ask and send.
 */
export abstract class TaskDialog extends DialogBase {
  static override properties: PropertyDeclarations = {
    appointment: { state: true },
    general: { state: true },
  };

  protected declare appointment: Appointment | null;
  /** Why the server refused, shown in the error summary. */
  protected declare general: string | null;

  constructor() {
    super();
    this.appointment = null;
    this.general = null;
  }

  /** The appointment's person as lists show them, '' before one is opened. */
  protected get whose(): string {
    const a = this.appointment;
    return a ? `${a.lastName} ${a.firstName}` : '';
  }

  /** Opens the dialog for `appointment`, focusing `focus` (a selector in the dialog). */
  protected openFor(appointment: Appointment, focus: string): Promise<void> {
    this.appointment = appointment;
    this.general = null;
    return this.showDialog(focus);
  }

  /** The dialog's frame around `parts`; the submit button sends through {@link submitTask}. */
  protected renderTask(parts: TaskDialogParts): TemplateResult {
    const common = messagesFor(this.lang);
    const fields = parts.fieldErrors ?? [];
    const summary =
      this.general || fields.length
        ? errorSummary(common.errorSummaryTitle, this.general ? [this.general] : [], fields, (n) => this.focusField(n))
        : nothing;
    return html`<dialog
      part="dialog"
      aria-labelledby="${parts.id}-title"
      aria-describedby=${parts.describes ? `${parts.id}-what` : nothing}
      @close=${this.onClose}
    >
      <form novalidate @submit=${this.#onSubmit}>
        <h2 id="${parts.id}-title">${parts.title}</h2>
        ${summary} ${parts.body}
        <div class="buttons">
          <button type="submit" class=${parts.submit.className} ?disabled=${this.busy}>${parts.submit.label}</button>
          <button type="button" class="back" @click=${() => this.close()}>${parts.back}</button>
        </div>
      </form>
    </dialog>`;
  }

  /**
   * Checks and sends the task for `appointment` (the form's data at hand); resolves once it is
   * done. Returns false when the form itself is not ready (its errors already shown).
   */
  protected abstract submitTask(appointment: Appointment, form: HTMLFormElement): Promise<boolean>;

  /** A refusal the task explains better than the general message; true when it did. */
  protected refused(_error: unknown, _appointment: Appointment): boolean {
    return false;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const a = this.appointment;
    if (this.busy || !a) return;
    this.general = null;
    this.busy = true;
    try {
      if (await this.submitTask(a, event.currentTarget as HTMLFormElement)) this.close();
      else await this.focusSummary();
    } catch (error) {
      if (this.handledUnauthorized(error) || this.refused(error, a)) return;
      this.general = describeError(error, messagesFor(this.lang));
      await this.focusSummary();
    } finally {
      this.busy = false;
    }
  }
}
