import { html, type TemplateResult } from 'lit';
import { ProblemError, type Appointment } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { sendPoliteNotice } from './appointments-api.js';
import { TaskDialog } from './task-dialog.js';

/** `detail` of the `sent` event. */
export interface NoticeSentDetail {
  /** The appointment as it now is (`politeNoticeSentAt` set), or as it was opened when someone else sent it. */
  appointment: Appointment;
  /** False when the server refused because a notice had already gone out (someone else sent it). */
  byUs: boolean;
}

/**
 * `<kep-appointment-notice-dialog>`: before the polite notice of circular 000 goes out, says what
 * will happen — which procedure a video call cannot serve, that an email goes to the citizen's
 * address with what to do instead, that the booking stays and that it goes only once — and sends
 * it on confirmation. An email to a citizen cannot be taken back, hence the confirmation; the
 * focus starts on «Επιστροφή» for the same reason. An inner part of `<kep-appointments>`.
 *
 * @fires sent - {@link NoticeSentDetail}, once the notice is in the outbox.
 */
export class KepAppointmentNoticeDialog extends TaskDialog {
  /** Opens the confirmation for `appointment`, whose catalogue procedure a video call cannot serve. */
  open(appointment: Appointment): Promise<void> {
    return this.openFor(appointment, 'button.back');
  }

  override render(): TemplateResult {
    const n = this.t.notice;
    const a = this.appointment;
    const when = a ? `${formatDate(dateInAthens(new Date(a.startsAt)))} ${formatTime(a.startsAt)}` : '';
    return this.renderTask({
      id: 'notice',
      title: n.title(this.whose),
      describes: true,
      body: html`<div id="notice-what">
        <p>${n.what(a?.procedure ?? '')}</p>
        <p>${n.email(a?.email ?? '')}</p>
        <p>${n.stays(when)}</p>
      </div>`,
      submit: { label: n.submit, className: 'primary' },
      back: n.back,
    });
  }

  protected override async submitTask(a: Appointment): Promise<boolean> {
    const { appointment } = await sendPoliteNotice(this.api, a.id, this.csrfToken);
    this.#sent(appointment, true);
    return true;
  }

  protected override refused(error: unknown, a: Appointment): boolean {
    if (!(error instanceof ProblemError && error.problem.type?.endsWith(':already-notified'))) return false;
    this.#sent(a, false);
    this.close();
    return true;
  }

  #sent(appointment: Appointment, byUs: boolean): void {
    this.dispatchEvent(new CustomEvent<NoticeSentDetail>('sent', { detail: { appointment, byUs } }));
  }
}
