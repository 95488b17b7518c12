import { LitElement, type PropertyDeclarations } from 'lit';
import { ApiClient, ProblemError } from '../shared/api.js';
import { appointmentMessages, type AppointmentMessages } from './appointments-i18n.js';
import { dialogStyles } from './dialog.styles.js';
import { deepActiveElement } from './form-fields.js';

/**
 * What the screen's two dialogs share: a native modal `<dialog>` (the browser keeps focus inside
 * it, makes the page behind inert and closes it on Escape), focus returned on close to the
 * control that opened it, and the connection to the API.
 *
 * @fires unauthorized - The session ended while the dialog was open.
 */
export class DialogBase extends LitElement {
  static override styles = dialogStyles;

  static override properties: PropertyDeclarations = {
    api: { attribute: false },
    csrfToken: { attribute: false },
    storeId: { attribute: false },
    lang: {},
    busy: { state: true },
  };

  declare api: ApiClient;
  declare csrfToken: string;
  declare storeId: string;
  declare lang: string;
  /** A request is on its way: a second Enter must not send it twice. */
  protected declare busy: boolean;

  #opener: HTMLElement | null = null;

  constructor() {
    super();
    this.api = new ApiClient('');
    this.csrfToken = '';
    this.storeId = '';
    this.lang = 'el';
    this.busy = false;
  }

  protected get t(): AppointmentMessages {
    return appointmentMessages(this.lang);
  }

  protected get dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog');
  }

  /** Opens the dialog modally, then moves the focus to `focus` (a selector in the dialog). */
  protected async showDialog(focus: string): Promise<void> {
    this.#opener = deepActiveElement();
    await this.updateComplete;
    const dialog = this.dialog;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    this.renderRoot.querySelector<HTMLElement>(focus)?.focus();
  }

  /** Closes the dialog; its `close` event returns the focus. */
  close(): void {
    this.dialog?.close();
  }

  /** Wired to the dialog's `close` event, which Escape also fires. */
  protected onClose(): void {
    const opener = this.#opener;
    this.#opener = null;
    // The opener (a row's button) may be gone: the screen then places the focus itself.
    if (opener?.isConnected) opener.focus();
  }

  /** Moves the focus to the error summary, as GOV.UK does after a failed submit. */
  protected async focusSummary(): Promise<void> {
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('.error-summary')?.focus();
  }

  /** Focuses a field named in the error summary, scrolling its label into view. */
  protected focusField(name: string): void {
    this.renderRoot.querySelector(`label[for="${name}"]`)?.scrollIntoView();
    this.renderRoot.querySelector<HTMLElement>(`#${name}`)?.focus({ preventScroll: true });
  }

  /** True when the error was a lost session, which the screen handles (a sign-in link). */
  protected handledUnauthorized(error: unknown): boolean {
    if (!(error instanceof ProblemError && error.status === 401)) return false;
    this.close();
    this.dispatchEvent(new CustomEvent('unauthorized'));
    return true;
  }
}
