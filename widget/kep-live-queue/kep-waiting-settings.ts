import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { focusAfterRender } from '../shared/focus.js';
import { StaffSession } from '../shared/session.js';
import { renderMinutesForm } from './alert-setting.js';
import { loadArrivalWindow, loadVideoAlertMinutes, saveArrivalWindow, saveVideoAlertMinutes, type ArrivalWindow } from './live-queue-api.js';
import { liveQueueMessagesFor, type LiveQueueMessages } from './live-queue-i18n.js';
import { styles } from './live-queue.styles.js';

type FieldErrors = Record<string, string | null>;

/**
 * `<kep-waiting-settings>`: the KEP's other waiting rules, for its store administrator, under the
 * call alert of «Ουρά αναμονής»: the arrival window (how early and how late a kiosk or the counter
 * takes an arrival) and the video waiting room's alert minutes. Each is its own small form, saved
 * with its own request; the server checks the values and its Greek message goes next to the field,
 * which takes the focus; a save is announced in a polite live region. Nothing is shown to anyone else.
 */
export class KepWaitingSettings extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    window: { state: true },
    videoMinutes: { state: true },
    errors: { state: true },
    announcement: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  private declare window: ArrivalWindow | null;
  private declare videoMinutes: number | null;
  private declare errors: FieldErrors;
  private declare announcement: string;
  #session = new StaffSession(this, () => this.#load());

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.window = null;
    this.videoMinutes = null;
    this.errors = {};
    this.announcement = '';
  }

  get #t(): LiveQueueMessages['waitingSettings'] {
    return liveQueueMessagesFor(this.lang).waitingSettings;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
    else if (changed.has('storeId')) void this.#load();
  }

  override render(): TemplateResult | typeof nothing {
    if (this.#session.store(this.storeId)?.role !== 'store_admin' || !this.window || this.videoMinutes === null) return nothing;
    const t = this.#t;
    const e = this.errors;
    return html`<div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderMinutesForm(
        'arrival-window',
        t.windowTitle,
        [
          { id: 'arrival-early', label: t.earlyLabel, hint: t.earlyHint, value: this.window.earlyMinutes, min: 0, max: 30, error: e['earlyMinutes'] ?? null },
          { id: 'arrival-late', label: t.lateLabel, hint: t.lateHint, value: this.window.lateMinutes, min: 0, max: 240, error: e['lateMinutes'] ?? null },
        ],
        t.save,
        this.#saveWindow,
      )}
      ${renderMinutesForm(
        'video-alert',
        t.videoTitle,
        [{ id: 'video-alert-minutes', label: t.videoLabel, hint: t.videoHint, value: this.videoMinutes, min: 1, max: 60, error: e['alertMinutes'] ?? null }],
        t.save,
        this.#saveVideo,
      )}`;
  }

  readonly #saveWindow = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    await this.#save(['earlyMinutes', 'lateMinutes'], async () => {
      this.window = await saveArrivalWindow(this.#session.api, this.storeId, { earlyMinutes: minutes(form, 'arrival-early'), lateMinutes: minutes(form, 'arrival-late') }, this.#session.csrfToken);
      return this.#t.windowSaved(this.window.earlyMinutes, this.window.lateMinutes);
    });
  };

  readonly #saveVideo = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    await this.#save(['alertMinutes'], async () => {
      const saved = await saveVideoAlertMinutes(this.#session.api, this.storeId, minutes(form, 'video-alert-minutes'), this.#session.csrfToken);
      this.videoMinutes = saved.alertMinutes;
      return this.#t.videoSaved(saved.alertMinutes);
    });
  };

  /** Saves one form: its fields' errors cleared on success, the server's put next to them (the first takes the focus) on a refusal. */
  async #save(fields: string[], save: () => Promise<string>): Promise<void> {
    this.announcement = '';
    const cleared = { ...this.errors };
    for (const f of fields) cleared[f] = null;
    try {
      const said = await save();
      this.errors = cleared;
      this.announcement = said;
    } catch (error) {
      const message = this.#session.failure(error);
      if (message === null) return;
      const problems = error instanceof ProblemError ? (error.problem.errors ?? []) : [];
      for (const f of fields) cleared[f] = problems.find((p) => p.path === f)?.message ?? null;
      // A refusal that names no field (a lost right, say) goes on the form's first field.
      if (fields.every((f) => !cleared[f])) cleared[fields[0]!] = message;
      this.errors = cleared;
      const first = fields.find((f) => cleared[f]);
      await focusAfterRender(this, `#${FIELD_IDS[first!]}`);
    }
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    if (!storeId || this.#session.store(storeId)?.role !== 'store_admin') return;
    try {
      const [window, video] = await Promise.all([loadArrivalWindow(this.#session.api, storeId), loadVideoAlertMinutes(this.#session.api, storeId)]);
      if (storeId !== this.storeId) return;
      this.window = { earlyMinutes: window.earlyMinutes, lateMinutes: window.lateMinutes };
      this.videoMinutes = video.alertMinutes;
    } catch (error) {
      this.#session.failure(error);
    }
  }
}

/** The input of each field the server may name. */
const FIELD_IDS: Record<string, string> = { earlyMinutes: 'arrival-early', lateMinutes: 'arrival-late', alertMinutes: 'video-alert-minutes' };

/** A typed number of minutes; empty is null, which the server refuses with its message. */
function minutes(form: FormData, name: string): number | null {
  const typed = String(form.get(name) ?? '').trim();
  return typed === '' ? null : Number(typed);
}
