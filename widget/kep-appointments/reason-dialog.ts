import { html, nothing, type TemplateResult } from 'lit';
import { ProblemError, type Appointment } from '../shared/api.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { cancelAppointment, setStatus, type StaffStatus } from './appointments-api.js';
import { DialogBase } from './dialog-base.js';
import { errorSummary, textArea } from './form-fields.js';

/** Why the dialog asks for a reason: to cancel, or to correct an appointment marked missed by staff. */
export type ReasonTask = { kind: 'cancel' } | { kind: 'correct'; status: StaffStatus };

/** `detail` of the `done` event. */
export interface ReasonDoneDetail {
  appointment: Appointment;
  task: ReasonTask;
}

/**
 * `<kep-appointment-reason-dialog>`: asks for the reason (required) before cancelling an
 * appointment, or before correcting one the end of the day recorded as missed by staff, and
 * sends it. An inner part of `<kep-appointments>`.
 *
 * @fires done - {@link ReasonDoneDetail}, after the server accepted it.
 */
export class KepAppointmentReasonDialog extends DialogBase {
  static override properties = {
    appointment: { state: true },
    task: { state: true },
    error: { state: true },
    general: { state: true },
  };

  private declare appointment: Appointment | null;
  private declare task: ReasonTask;
  /** The reason field's error. */
  private declare error: string | null;
  /** A server problem that is not about the reason (say, someone cancelled it meanwhile). */
  private declare general: string | null;

  constructor() {
    super();
    this.appointment = null;
    this.task = { kind: 'cancel' };
    this.error = null;
    this.general = null;
  }

  /** Opens the dialog for `appointment`, with an empty reason. */
  open(appointment: Appointment, task: ReasonTask): Promise<void> {
    this.appointment = appointment;
    this.task = task;
    this.error = null;
    this.general = null;
    const field = this.renderRoot.querySelector('textarea');
    if (field) field.value = '';
    return this.showDialog('#reason');
  }

  override render(): TemplateResult {
    const t = this.t;
    const r = t.reason;
    const a = this.appointment;
    const name = a ? `${a.lastName} ${a.firstName}` : '';
    const task = this.task;
    const cancel = task.kind === 'cancel';
    const title = task.kind === 'cancel' ? r.cancelTitle(name) : r.correctTitle(name, t.statuses[task.status]);
    const common = messagesFor(this.lang);
    const summary =
      this.error || this.general
        ? errorSummary(common.errorSummaryTitle, this.general ? [this.general] : [], this.error ? [['reason', this.error]] : [], (n) => this.focusField(n))
        : nothing;
    return html`<dialog part="dialog" aria-labelledby="reason-title" @close=${this.onClose}>
      <form novalidate @submit=${this.#onSubmit}>
        <h2 id="reason-title">${title}</h2>
        ${summary}
        ${textArea('reason', '', {
          label: cancel ? r.cancelLabel : r.correctLabel,
          required: true,
          hint: cancel ? r.cancelHint : r.correctHint,
          error: this.error ?? undefined,
          errorPrefix: common.errorPrefix,
        })}
        <div class="buttons">
          <button type="submit" class=${cancel ? 'warning' : 'primary'} ?disabled=${this.busy}>${cancel ? r.cancelSubmit : r.correctSubmit}</button>
          <button type="button" @click=${() => this.close()}>${r.back}</button>
        </div>
      </form>
    </dialog>`;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const a = this.appointment;
    if (this.busy || !a) return;
    const task = this.task;
    const reason = (new FormData(event.currentTarget as HTMLFormElement).get('reason') ?? '').toString().trim();
    this.general = null;
    this.error = reason ? null : task.kind === 'cancel' ? this.t.reason.cancelRequired : this.t.reason.correctRequired;
    if (this.error) return this.focusSummary();
    this.busy = true;
    try {
      const appointment =
        task.kind === 'cancel'
          ? await cancelAppointment(this.api, a.id, reason, this.csrfToken)
          : await setStatus(this.api, a.id, task.status, this.csrfToken, reason);
      this.dispatchEvent(new CustomEvent<ReasonDoneDetail>('done', { detail: { appointment, task } }));
      this.close();
    } catch (error) {
      if (this.handledUnauthorized(error)) return;
      const reasonError = error instanceof ProblemError ? error.problem.errors?.find((e) => e.path === 'reason') : undefined;
      if (reasonError) this.error = reasonError.message;
      else this.general = describeError(error, messagesFor(this.lang));
      await this.focusSummary();
    } finally {
      this.busy = false;
    }
  }
}
