import { html, nothing, type TemplateResult } from 'lit';
import { ProblemError, type Appointment } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { sendPoliteNotice } from './appointments-api.js';
import { DialogBase } from './dialog-base.js';
import { errorSummary } from './form-fields.js';

/** `detail` of the `sent` event. */
export interface NoticeSentDetail {
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
export class KepAppointmentNoticeDialog extends DialogBase {
  static override properties = {
    appointment: { state: true },
    procedure: { state: true },
    general: { state: true },
  };

  private declare appointment: Appointment | null;
  private declare procedure: string;
  /** Why the server refused, shown in the error summary. */
  private declare general: string | null;

  constructor() {
    super();
    this.appointment = null;
    this.procedure = '';
    this.general = null;
  }

  /** Opens the confirmation for `appointment`, whose catalogue procedure `procedure` a video call cannot serve. */
  open(appointment: Appointment, procedure: string): Promise<void> {
    this.appointment = appointment;
    this.procedure = procedure;
    this.general = null;
    return this.showDialog('button.back');
  }

  override render(): TemplateResult {
    const n = this.t.notice;
    const a = this.appointment;
    const name = a ? `${a.lastName} ${a.firstName}` : '';
    const when = a ? `${formatDate(dateInAthens(new Date(a.startsAt)))} ${formatTime(a.startsAt)}` : '';
    const common = messagesFor(this.lang);
    return html`<dialog part="dialog" aria-labelledby="notice-title" aria-describedby="notice-what" @close=${this.onClose}>
      <form novalidate @submit=${this.#onSubmit}>
        <h2 id="notice-title">${n.title(name)}</h2>
        ${this.general ? errorSummary(common.errorSummaryTitle, [this.general], [], () => undefined) : nothing}
        <div id="notice-what">
          <p>${n.what(this.procedure)}</p>
          <p>${n.email(a?.email ?? '')}</p>
          <p>${n.stays(when)}</p>
        </div>
        <div class="buttons">
          <button type="submit" class="primary" ?disabled=${this.busy}>${n.submit}</button>
          <button type="button" class="back" @click=${() => this.close()}>${n.back}</button>
        </div>
      </form>
    </dialog>`;
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const a = this.appointment;
    if (this.busy || !a) return;
    this.busy = true;
    this.general = null;
    try {
      await sendPoliteNotice(this.api, a.id, this.csrfToken);
      this.#done(a, true);
    } catch (error) {
      if (this.handledUnauthorized(error)) return;
      if (error instanceof ProblemError && error.problem.type?.endsWith(':already-notified')) return this.#done(a, false);
      this.general = describeError(error, messagesFor(this.lang));
      await this.focusSummary();
    } finally {
      this.busy = false;
    }
  }

  #done(appointment: Appointment, byUs: boolean): void {
    this.dispatchEvent(new CustomEvent<NoticeSentDetail>('sent', { detail: { appointment, byUs } }));
    this.close();
  }
}
