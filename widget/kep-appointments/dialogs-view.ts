/**
 * The screen's dialogs that change appointments — add/edit, a reason, the polite notice — each its
 * own element, kept in the screen's shadow root so that row buttons and the toolbar can open them.
 */
import { html, type TemplateResult } from 'lit';
import type { ApiClient, Appointment } from '../shared/api.js';
import type { SavedDetail } from './appointment-dialog.js';
import type { ProcedureSuggestion, QueueSummary } from './appointments-api.js';
import type { NoticeSentDetail } from './notice-dialog.js';
import type { ReasonDoneDetail } from './reason-dialog.js';

/** What the dialogs are given, and who hears what they tell. */
export interface DialogsContext {
  api: ApiClient;
  csrfToken: string;
  storeId: string;
  lang: string;
  queues: QueueSummary[] | null;
  procedures: ProcedureSuggestion[];
  saved(event: CustomEvent<SavedDetail>): void;
  /** Someone else saved the edited appointment first: `detail` is how it is now. */
  refreshed(event: CustomEvent<Appointment>): void;
  reasonDone(event: CustomEvent<ReasonDoneDetail>): void;
  noticeSent(event: CustomEvent<NoticeSentDetail>): void;
  unauthorized(): void;
}

/** The dialogs, closed until a button opens one; a supervisor's screen renders none. Only booking needs the KEP: the others act on an appointment by its id. */
export function renderDialogs(c: DialogsContext): TemplateResult {
  return html`<kep-appointment-dialog
      .api=${c.api}
      .csrfToken=${c.csrfToken}
      .storeId=${c.storeId}
      .queues=${c.queues}
      .procedures=${c.procedures}
      lang=${c.lang}
      @saved=${c.saved}
      @refreshed=${c.refreshed}
      @unauthorized=${c.unauthorized}
    ></kep-appointment-dialog>
    <kep-appointment-reason-dialog
      .api=${c.api}
      .csrfToken=${c.csrfToken}
      lang=${c.lang}
      @done=${c.reasonDone}
      @unauthorized=${c.unauthorized}
    ></kep-appointment-reason-dialog>
    <kep-appointment-notice-dialog
      .api=${c.api}
      .csrfToken=${c.csrfToken}
      lang=${c.lang}
      @sent=${c.noticeSent}
      @unauthorized=${c.unauthorized}
    ></kep-appointment-notice-dialog>`;
}
