import { type TemplateResult } from 'lit';
import { ProblemError, type Appointment } from '../shared/api.js';
import { messagesFor } from '../shared/i18n.js';
import { cancelAppointment, setStatus, type StaffStatus } from './appointments-api.js';
import { textArea } from './form-fields.js';
import { TaskDialog } from './task-dialog.js';

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
export class KepAppointmentReasonDialog extends TaskDialog {
  static override properties = {
    task: { state: true },
    error: { state: true },
  };

  private declare task: ReasonTask;
  /** The reason field's error. */
  private declare error: string | null;

  constructor() {
    super();
    this.task = { kind: 'cancel' };
    this.error = null;
  }

  /** Opens the dialog for `appointment`, with an empty reason. */
  open(appointment: Appointment, task: ReasonTask): Promise<void> {
    this.task = task;
    this.error = null;
    const field = this.renderRoot.querySelector('textarea');
    if (field) field.value = '';
    return this.openFor(appointment, '#reason');
  }

  override render(): TemplateResult {
    const t = this.t;
    const r = t.reason;
    const task = this.task;
    const cancel = task.kind === 'cancel';
    return this.renderTask({
      id: 'reason',
      title: task.kind === 'cancel' ? r.cancelTitle(this.whose) : r.correctTitle(this.whose, t.statuses[task.status]),
      fieldErrors: this.error ? [['reason', this.error]] : [],
      body: textArea('reason', '', {
        label: cancel ? r.cancelLabel : r.correctLabel,
        required: true,
        hint: cancel ? r.cancelHint : r.correctHint,
        error: this.error ?? undefined,
        errorPrefix: messagesFor(this.lang).errorPrefix,
      }),
      submit: { label: cancel ? r.cancelSubmit : r.correctSubmit, className: cancel ? 'warning' : 'primary' },
      back: r.back,
    });
  }

  protected override async submitTask(a: Appointment, form: HTMLFormElement): Promise<boolean> {
    const task = this.task;
    const reason = (new FormData(form).get('reason') ?? '').toString().trim();
    this.error = reason ? null : task.kind === 'cancel' ? this.t.reason.cancelRequired : this.t.reason.correctRequired;
    if (this.error) return false;
    const appointment =
      task.kind === 'cancel'
        ? await cancelAppointment(this.api, a.id, reason, this.csrfToken)
        : await setStatus(this.api, a.id, task.status, this.csrfToken, reason);
    this.dispatchEvent(new CustomEvent<ReasonDoneDetail>('done', { detail: { appointment, task } }));
    return true;
  }

  /** The server's objection to the reason goes next to the field, like the browser's own. */
  protected override refused(error: unknown): boolean {
    const reasonError = error instanceof ProblemError ? error.problem.errors?.find((e) => e.path === 'reason') : undefined;
    if (!reasonError) return false;
    this.error = reasonError.message;
    void this.focusSummary();
    return true;
  }
}
