import type { ReactiveElement } from 'lit';
import { ProblemError, type ApiClient, type Appointment } from '../shared/api.js';
import type { KepAppointmentDialog } from './appointment-dialog.js';
import { recordCallStart, setStatus } from './appointments-api.js';
import type { AppointmentMessages } from './appointments-i18n.js';
import { deepActiveElement } from './form-fields.js';
import type { AppointmentListController } from './list-controller.js';
import type { KepAppointmentNoticeDialog, NoticeSentDetail } from './notice-dialog.js';
import type { KepAppointmentReasonDialog, ReasonDoneDetail } from './reason-dialog.js';
import type { RowAction } from './table-view.js';

/** The events the screen fires after a change; their names and details are the page's contract. */
export type ChangeEvent = 'kep-appointment-created' | 'kep-appointment-updated' | 'kep-appointment-cancelled';

/** What the row actions need of the screen. */
export interface RowActionsOptions {
  list: AppointmentListController;
  api(): ApiClient;
  /** The session's CSRF token; null when nobody is signed in. */
  csrfToken(): string | null;
  t(): AppointmentMessages;
  /** Puts `message` in the screen's status region; '' empties it first, so that a repeat is read again. */
  say(message: string): void;
  /** Shows a failed request above the table; null clears the last one. */
  problem(error: unknown): void;
}

/**
 * What the buttons of a row do — attendance, the call's start, the polite notice, edit and cancel —
 * and what follows a change: the row shows it at once, the page hears of it (a composed event), the
 * list reloads (order, counts) and the change is announced, with the focus kept in the row whose
 * button went with its old status. One change at a time: the row waits for its answer.
 */
export class RowActions {
  /** The row whose change is on its way. */
  busyId: string | null = null;

  readonly #host: ReactiveElement;
  readonly #o: RowActionsOptions;

  constructor(host: ReactiveElement, options: RowActionsOptions) {
    this.#host = host;
    this.#o = options;
  }

  /** Does what a row's button asks; the dialogs ask first where a reason or a confirmation is due. */
  async act(action: RowAction, a: Appointment): Promise<void> {
    if (action.kind === 'edit') return this.#find<KepAppointmentDialog>('kep-appointment-dialog')?.openEdit(a);
    if (action.kind === 'polite-notice') return this.#find<KepAppointmentNoticeDialog>('kep-appointment-notice-dialog')?.open(a);
    const reasons = this.#find<KepAppointmentReasonDialog>('kep-appointment-reason-dialog');
    if (action.kind === 'cancel') return reasons?.open(a, { kind: 'cancel' });
    const t = this.#o.t();
    if (action.kind === 'call-started') {
      return this.#write(a, (csrf) => recordCallStart(this.#o.api(), a.id, csrf), (saved) => t.video.announceStarted(whose(saved)));
    }
    // Correcting what the end of the day recorded needs a reason, which the server keeps.
    if (a.status === 'missed_by_staff') return reasons?.open(a, { kind: 'correct', status: action.status });
    const { status } = action;
    return this.#write(a, (csrf) => setStatus(this.#o.api(), a.id, status, csrf), (saved) => t.announce.status(whose(saved), t.statuses[saved.status]));
  }

  /** Shows a change at once, tells the page (`type`), and announces `message` once the list has caught up. */
  async changed(type: ChangeEvent | null, a: Appointment, message: string): Promise<void> {
    this.#o.problem(null);
    this.#o.say('');
    this.#o.list.replace(a);
    if (type) this.#host.dispatchEvent(new CustomEvent(type, { detail: a, bubbles: true, composed: true }));
    void this.#o.list.reload();
    await this.#o.list.idle();
    this.#o.say(message);
  }

  /** The reason dialog's `done`: cancelled, or a missed appointment corrected. */
  readonly reasonDone = (event: CustomEvent<ReasonDoneDetail>): void => {
    const { appointment: a, task } = event.detail;
    const t = this.#o.t();
    const changed =
      task.kind === 'cancel'
        ? this.changed('kep-appointment-cancelled', a, t.announce.cancelled(whose(a)))
        : this.changed('kep-appointment-updated', a, t.announce.status(whose(a), t.statuses[a.status]));
    void changed.then(() => this.#keepFocusInRow(a.id));
  };

  /** The notice dialog's `sent`: the notice is not a change of the appointment, so no event for the page. */
  readonly noticeSent = (event: CustomEvent<NoticeSentDetail>): void => {
    const { appointment: a, byUs } = event.detail;
    const t = this.#o.t();
    void this.changed(null, a, byUs ? t.notice.announce(whose(a)) : t.notice.already(whose(a))).then(() => this.#keepFocusInRow(a.id));
  };

  /** One click's change of a row (a status, the call's start): the row waits, then shows and announces the result. */
  async #write(a: Appointment, send: (csrfToken: string) => Promise<Appointment>, message: (saved: Appointment) => string): Promise<void> {
    const csrfToken = this.#o.csrfToken();
    if (csrfToken === null || this.busyId) return;
    this.#busy(a.id);
    this.#o.say('');
    try {
      const saved = await send(csrfToken);
      await this.changed('kep-appointment-updated', saved, message(saved));
      await this.#focusRow(a.id);
    } catch (error) {
      this.#o.problem(error);
      // Refused because someone changed it meanwhile (cancelled, say): show how it is now.
      if (error instanceof ProblemError && error.status !== 401) void this.#o.list.reload();
    } finally {
      this.#busy(null);
    }
  }

  #busy(id: string | null): void {
    this.busyId = id;
    this.#host.requestUpdate();
  }

  /**
   * The button that opened a dialog went with the row's old status (or the notice sent): without
   * this the focus would fall back to the top of the page.
   */
  async #keepFocusInRow(id: string): Promise<void> {
    if (!deepActiveElement()) await this.#focusRow(id);
  }

  /** After a row's status changed its buttons did too: focus its first one, or the list's heading if it left the list. */
  async #focusRow(id: string): Promise<void> {
    await this.#host.updateComplete;
    const root = this.#host.renderRoot;
    const target = root.querySelector<HTMLElement>(`tr[data-id="${id}"] .actions button`) ?? root.querySelector<HTMLElement>('#list-title');
    target?.focus();
  }

  #find<T extends Element>(tag: string): T | null {
    return this.#host.renderRoot.querySelector<T>(tag);
  }
}

/** The person as rows and announcements name them. */
function whose(a: Appointment): string {
  return `${a.lastName} ${a.firstName}`;
}
