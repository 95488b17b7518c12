import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { live } from 'lit/directives/live.js';
import { ProblemError, type Appointment, type AppointmentMode } from '../shared/api.js';
import { formatDate, isIsoDate } from '../shared/dates.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { FIELDS, draftOf, emptyDraft, formErrorsFrom, toCreateBody, toPatchBody, validate, type Draft, type FormErrors } from './appointment-form.js';
import { createAppointment, freeSlots, getAppointment, getHistory, updateAppointment, type FreeSlot, type HistoryEntry, type ProcedureSuggestion, type QueueSummary } from './appointments-api.js';
import type { FormField } from './appointments-i18n.js';
import { DialogBase } from './dialog-base.js';
import { renderHistory, renderSlots } from './dialog-parts.js';
import { errorSummary, radioGroup, selectField, textArea, textField, type TextOptions } from './form-fields.js';

/** `detail` of the `saved` event. */
export interface SavedDetail {
  appointment: Appointment;
  created: boolean;
}

/**
 * `<kep-appointment-dialog>`: the add/edit form in a modal dialog, with every field of an
 * appointment, the free times of the chosen day and queue, and (when editing) its history.
 * An inner part of `<kep-appointments>`.
 *
 * @fires saved - {@link SavedDetail}, after the server accepted the booking or the change.
 * @fires refreshed - `detail` is the appointment as someone else saved it meanwhile (a 412).
 */
export class KepAppointmentDialog extends DialogBase {
  static override properties = {
    queues: { attribute: false },
    procedures: { attribute: false },
    original: { state: true },
    draft: { state: true },
    errors: { state: true },
    slots: { state: true },
    history: { state: true },
  };

  /** The KEP's queues, the default first; null when the server cannot list them (no queue choice then). */
  declare queues: QueueSummary[] | null;
  /** Catalogue procedures offered as suggestions; a picked one is sent by its id too. */
  declare procedures: ProcedureSuggestion[];
  /** The appointment being edited; null for a new one. */
  private declare original: Appointment | null;
  private declare draft: Draft;
  private declare errors: FormErrors | null;
  /** Free times of the draft's day and queue: null while unknown, 'failed' when they cannot be had. */
  private declare slots: FreeSlot[] | null | 'failed';
  private declare history: HistoryEntry[] | null;

  #slotsKey = '';
  #slotsRequest: AbortController | null = null;

  constructor() {
    super();
    this.queues = null;
    this.procedures = [];
    this.original = null;
    this.draft = emptyDraft('');
    this.errors = null;
    this.slots = null;
    this.history = null;
  }

  /** Opens an empty form for a booking on `date`, in the KEP's default queue. */
  openNew(date: string): Promise<void> {
    const queue = this.queues?.find((q) => q.active);
    this.#reset(null, emptyDraft(date, queue));
    return this.showDialog('#firstName');
  }

  /** Opens the form filled with `appointment`, and loads its history. */
  openEdit(appointment: Appointment): Promise<void> {
    this.#reset(appointment, draftOf(appointment));
    void this.#loadHistory(appointment.id);
    return this.showDialog('#firstName');
  }

  #reset(original: Appointment | null, draft: Draft): void {
    this.original = original;
    this.draft = draft;
    this.errors = null;
    this.history = null;
    this.#slotsKey = '';
  }

  protected override updated(changed: PropertyValues): void {
    if (changed.has('draft') || changed.has('queues')) void this.#loadSlots();
  }

  override render(): TemplateResult {
    const t = this.t;
    const d = this.draft;
    const editing = this.original;
    const title = editing ? t.form.editTitle(`${editing.lastName} ${editing.firstName}`) : t.form.newTitle;
    return html`<dialog part="dialog" aria-labelledby="dialog-title" @close=${this.onClose}>
      <form novalidate autocomplete="off" @input=${this.#onInput} @change=${this.#onInput} @submit=${this.#onSubmit}>
        <h2 id="dialog-title">${title}</h2>
        ${this.#renderSummary()}
        <p class="hint">${t.form.requiredNote}</p>
        <div class="columns">
          ${textField('firstName', d.firstName, this.#o('firstName', { required: true }))}
          ${textField('lastName', d.lastName, this.#o('lastName', { required: true }))}
        </div>
        ${this.#renderModeAndQueue()}
        ${textField('date', d.date, this.#o('date', { required: true, type: 'date' }))}
        ${renderSlots(t, d, this.slots, isIsoDate(d.date) ? formatDate(d.date) : '')}
        <div class="columns">
          ${textField('time', d.time, this.#o('time', { required: true, type: 'time', size: 'short', hint: t.form.hints.time }))}
          ${textField('durationMinutes', d.durationMinutes, this.#o('durationMinutes', { type: 'number', size: 'short', inputmode: 'numeric', hint: t.form.hints.duration(this.#queue()?.slotMinutes ?? null) }))}
        </div>
        ${textField('email', d.email, this.#o('email', { type: 'email', hint: t.form.hints.email }))}
        <div class="columns">
          ${textField('phone', d.phone, this.#o('phone', { type: 'tel', hint: t.form.hints.phone }))}
          ${textField('taxId', d.taxId, this.#o('taxId', { inputmode: 'numeric', size: 'medium', hint: t.form.hints.taxId }))}
        </div>
        <div class="form-group">
          <label class="choice">
            <!-- No aria-expanded: GOV.UK Frontend dropped it from conditional reveals, as screen readers
                 read "collapsed" on a checkbox in confusing ways. -->
            <input type="checkbox" name="business" .checked=${live(d.business)} aria-controls="business-fields" />
            ${t.form.business}
          </label>
        </div>
        <div id="business-fields" class="conditional" ?hidden=${!d.business}>
          ${textField('businessName', d.businessName, this.#o('businessName'))}
          ${textField('businessTaxId', d.businessTaxId, this.#o('businessTaxId', { inputmode: 'numeric', size: 'medium', hint: t.form.hints.taxId }))}
        </div>
        ${textField('procedure', d.procedure, this.#o('procedure', { list: 'procedures', hint: t.form.hints.procedure }))}
        <datalist id="procedures">${this.procedures.map((p) => html`<option value=${p.name}></option>`)}</datalist>
        ${radioGroup('source', d.source, this.#sourceChoices(), { ...this.#o('source'), inline: true })}
        ${textArea('notes', d.notes, this.#o('notes'))}
        ${editing ? renderHistory(t, this.history) : nothing}
        <div class="buttons">
          <button part="submit" type="submit" ?disabled=${this.busy}>${editing ? t.form.submitEdit : t.form.submitNew}</button>
          <button type="button" @click=${() => this.close()}>${t.form.close}</button>
        </div>
      </form>
    </dialog>`;
  }

  /** A field's label and error, plus `extra` (hint, type…), for the helpers in `form-fields.ts`. */
  #o(name: FormField, extra: Omit<TextOptions, 'label' | 'errorPrefix'> = {}): TextOptions {
    return { label: this.t.form.labels[name], error: this.errors?.fields[name], errorPrefix: messagesFor(this.lang).errorPrefix, ...extra };
  }

  #renderSummary(): TemplateResult | typeof nothing {
    const errors = this.errors;
    if (!errors) return nothing;
    const fields = FIELDS.filter((f) => errors.fields[f]).map((f): [string, string] => [f, errors.fields[f]!]);
    return errorSummary(messagesFor(this.lang).errorSummaryTitle, errors.general, fields, (name) => this.focusField(name));
  }

  /** Mode first, then the queues of that mode: a queue serves one mode only, so the two must agree. */
  #renderModeAndQueue(): TemplateResult {
    const t = this.t;
    const d = this.draft;
    const modes: AppointmentMode[] = ['in_person', 'video'];
    const usable = this.#usableQueues();
    const missing = new Set(this.queues ? modes.filter((m) => !usable.some((q) => q.mode === m)) : []);
    const mode = radioGroup('mode', d.mode, modes.map((m) => [m, t.modes[m]]), {
      ...this.#o('mode'),
      inline: true,
      disabled: missing,
      hint: missing.size ? t.form.noQueueOfMode([...missing].map((m) => t.modes[m]).join(', ')) : undefined,
    });
    if (!this.queues) return mode;
    const choices = usable.filter((q) => q.mode === d.mode).map((q): [string, string] => [q.id, q.name]);
    return html`${mode}${selectField('queueId', d.queueId, choices, this.#o('queueId'))}`;
  }

  /** Active queues, and the edited appointment's own queue even when it has been deactivated since. */
  #usableQueues(): QueueSummary[] {
    return (this.queues ?? []).filter((q) => q.active || q.id === this.original?.queueId);
  }

  #queue(): QueueSummary | undefined {
    return this.queues?.find((q) => q.id === this.draft.queueId);
  }

  #sourceChoices(): [string, string][] {
    const sources = this.t.sources;
    const choices: [string, string][] = [['phone', sources.phone], ['email', sources.email], ['walk_in', sources.walk_in]];
    // A citizen's own online booking keeps its source; staff cannot set it.
    if (this.draft.source === 'online') choices.push(['online', sources.online]);
    return choices;
  }

  #onInput(event: Event): void {
    const target = event.target as HTMLInputElement;
    const { name } = target;
    let draft: Draft = this.draft;
    if (name === 'business') draft = { ...draft, business: target.checked };
    else if (name === 'slot') draft = { ...draft, time: target.value };
    else if (name === 'mode') {
      const mode = target.value as AppointmentMode;
      const queue = this.#usableQueues().find((q) => q.mode === mode);
      draft = { ...draft, mode, queueId: queue?.id ?? draft.queueId };
    } else if (name in draft) draft = { ...draft, [name]: target.value };
    if (draft !== this.draft) this.draft = draft;
  }

  async #loadSlots(): Promise<void> {
    const { date, queueId } = this.draft;
    const key = `${date}|${queueId}`;
    if (key === this.#slotsKey) return;
    this.#slotsKey = key;
    this.#slotsRequest?.abort();
    this.slots = null;
    // Without the KEP's queues there is nothing to ask for: the time is typed.
    if (!this.queues || !queueId || !isIsoDate(date)) return void (this.slots = this.queues ? null : 'failed');
    const request = new AbortController();
    this.#slotsRequest = request;
    try {
      const slots = await freeSlots(this.api, this.storeId, date, queueId, request.signal);
      if (!request.signal.aborted) this.slots = slots;
    } catch {
      if (!request.signal.aborted) this.slots = 'failed';
    }
  }

  async #loadHistory(id: string): Promise<void> {
    try {
      const { items } = await getHistory(this.api, id);
      if (this.original?.id === id) this.history = items;
    } catch {
      // The history is a help, not the task: without it the form still works.
    }
  }

  async #onSubmit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    if (this.busy) return;
    const t = this.t;
    const fields = validate(this.draft, t);
    if (Object.keys(fields).length) return this.#showErrors({ fields, general: [] });
    const original = this.original;
    this.busy = true;
    try {
      let saved: Appointment;
      if (original) {
        const body = toPatchBody(this.draft, original, this.procedures);
        saved = Object.keys(body).length ? await updateAppointment(this.api, original.id, original.version, body, this.csrfToken) : original;
      } else saved = await createAppointment(this.api, this.storeId, toCreateBody(this.draft, this.procedures), this.csrfToken);
      this.errors = null;
      this.dispatchEvent(new CustomEvent<SavedDetail>('saved', { detail: { appointment: saved, created: !original } }));
      this.close();
    } catch (error) {
      await this.#onFailure(error, original);
    } finally {
      this.busy = false;
    }
  }

  async #onFailure(error: unknown, original: Appointment | null): Promise<void> {
    if (this.handledUnauthorized(error)) return;
    const t = this.t;
    if (error instanceof ProblemError && error.status === 412 && original) {
      // Someone else saved first: show their version, never overwrite it with ours.
      try {
        const fresh = await getAppointment(this.api, original.id);
        this.#reset(fresh, draftOf(fresh));
        void this.#loadHistory(fresh.id);
        this.dispatchEvent(new CustomEvent('refreshed', { detail: fresh }));
        return this.#showErrors({ fields: {}, general: [`${t.form.stale} ${t.form.staleReloaded}`] });
      } catch (reloadError) {
        return this.#showErrors({ fields: {}, general: [t.form.stale, describeError(reloadError, messagesFor(this.lang))] });
      }
    }
    if (error instanceof ProblemError) {
      // A taken time: the free times shown may be stale too.
      if (error.status === 409) {
        this.#slotsKey = '';
        void this.#loadSlots();
      }
      return this.#showErrors(formErrorsFrom(error, t, this.draft.date));
    }
    return this.#showErrors({ fields: {}, general: [describeError(error, messagesFor(this.lang))] });
  }

  #showErrors(errors: FormErrors): Promise<void> {
    this.errors = errors;
    return this.focusSummary();
  }
}
