import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { renderErrorSummary, type FieldProblem } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { describeError, messagesFor } from '../shared/i18n.js';
import { StaffSession } from '../shared/session.js';
import { draftOf, draftProblems, emptyDraft, fieldOfPath, readDraft, renderProcedureForm, toInput, type ProcedureDraft } from './procedure-form.js';
import * as api from './procedures-api.js';
import { procedureMessagesFor, type ProcedureMessages } from './procedures-i18n.js';
import { styles } from './kep-procedures.styles.js';

/** One row: a procedure, and whether this KEP offers it (`null`: retired, so it cannot be offered). */
type Row = Omit<api.StoreProcedure, 'offered'> & { offered: boolean | null; full: api.CatalogueProcedure | null };

declare global {
  interface HTMLElementEventMap {
    'kep-procedures-changed': CustomEvent<{ kind: 'offer' | 'catalogue'; procedureId: string }>;
  }
}

/**
 * `<kep-procedures>`: the procedures catalogue as one KEP sees it. Its store administrator chooses
 * which procedures the KEP offers for online booking; the catalogue editors the directorate named
 * also add procedures, change them and deactivate them (never delete: appointments refer to them).
 * Everyone else sees the list read-only.
 *
 * @example
 * ```html
 * <kep-procedures store-id="8d4e…" api-base="" lang="el"></kep-procedures>
 * ```
 * @fires kep-procedures-changed - After an offer or a catalogue change is saved. Bubbles, composed.
 * @csspart table - The procedures. @csspart form - The add/edit form.
 * @cssprop --kep-primary, --kep-text, --kep-error, --kep-focus, --kep-border, --kep-muted, --kep-background
 */
export class KepProcedures extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    lang: { reflect: true },
    rows: { state: true },
    loadError: { state: true },
    problems: { state: true },
    draft: { state: true },
    formProblems: { state: true },
    announcement: { state: true },
    busy: { state: true },
  };

  declare storeId: string;
  declare apiBase: string;
  declare lang: string;
  private declare rows: Row[] | null;
  private declare loadError: string | null;
  private declare problems: string[];
  private declare draft: ProcedureDraft | null;
  private declare formProblems: FieldProblem[];
  private declare announcement: string;
  private declare busy: boolean;
  #session = new StaffSession<api.CatalogueMe>(this, () => this.#load());

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.lang = 'el';
    this.rows = null;
    this.loadError = null;
    this.problems = [];
    this.draft = null;
    this.formProblems = [];
    this.announcement = '';
    this.busy = false;
  }

  get #t(): ProcedureMessages {
    return procedureMessagesFor(this.lang);
  }

  get #editor(): boolean {
    return this.#session.me?.canEditCatalogue === true;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('apiBase')) void this.#session.connect(this.apiBase ?? '');
    else if (changed.has('storeId') && this.#session.me) void this.#load();
  }

  override render(): TemplateResult {
    const store = this.#session.store(this.storeId);
    if (!store) return this.#session.renderNotice();
    const t = this.#t;
    const admin = store.role === 'store_admin';
    return html`
      <h2>${t.title(store.name)}</h2>
      <p class="hint">${admin ? t.introAdmin : t.readOnly}</p>
      ${this.#editor ? html`<p class="hint">${t.introEditor}</p>` : nothing}
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderErrorSummary(this.problems, { id: 'page-errors', title: t.errorSummaryTitle, className: 'page-problems' })}
      ${this.loadError ? html`<p class="problem" role="alert">${this.loadError}</p>` : nothing}
      ${this.#editor ? this.#renderEditorTools() : nothing}
      ${this.rows === null ? html`<p>${messagesFor(this.lang).loading}</p>` : this.#renderTable(this.rows, admin)}
    `;
  }

  #renderEditorTools(): TemplateResult {
    const t = this.#t;
    if (!this.draft) return html`<p><button type="button" id="new-procedure" class="primary" @click=${() => this.#openForm(emptyDraft())}>${t.newProcedure}</button></p>`;
    const title = this.draft.id ? t.editTitle(this.rows?.find((r) => r.id === this.draft!.id)?.name ?? this.draft.name) : t.newProcedure;
    return renderProcedureForm(this.draft, this.formProblems, t, title, {
      input: (e) => (this.draft = readDraft(e.currentTarget as HTMLFormElement, this.draft!)),
      submit: (e) => void this.#submit(e),
      cancel: () => this.#closeForm(this.draft?.id ?? null),
    });
  }

  #renderTable(rows: Row[], admin: boolean): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    const editor = this.#editor;
    return html`<p>${t.count(rows.length)}</p>
      <div class="table-wrapper"><table part="table" aria-busy=${this.busy ? 'true' : 'false'}>
        <caption>${t.caption}</caption>
        <thead><tr><th scope="col">${c.procedure}</th><th scope="col">${c.video}</th><th scope="col">${c.bring}</th><th scope="col">${c.offered}</th>${editor ? html`<th scope="col">${c.actions}</th>` : nothing}</tr></thead>
        <tbody>${rows.map((r) => {
          const name = this.#nameOf(r);
          return html`<tr data-id=${r.id} class=${r.active ? '' : 'inactive'}>
            <th scope="row">${name}<span class="small">${r.code}</span>${r.active ? nothing : html` <span class="tag">${t.inactive}</span>`}</th>
            <td>${r.videoEligible ? t.yes : html`${t.no}${r.alternativeText ? html`<span class="small alternative">${r.alternativeText}</span>` : nothing}`}</td>
            <td>${r.bring.length ? html`<ul class="bring">${r.bring.map((b) => html`<li>${b}</li>`)}</ul>` : t.nothingToBring}</td>
            <td>${r.offered === null
              ? html`<span class="small">${t.notOffered}</span>`
              : html`<input type="checkbox" .checked=${r.offered} ?disabled=${!admin} aria-label=${t.offeredLabel(name)} @change=${(e: Event) => this.#toggle(e, r, name)} />`}</td>
            ${editor && r.full ? html`<td><div class="buttons">
              <button type="button" class="edit" aria-label=${`${t.edit}: ${name}`} aria-expanded=${this.draft?.id === r.id ? 'true' : 'false'} @click=${() => this.#openForm(draftOf(r.full!))}>${t.edit}</button>
              <button type="button" class="activation" aria-label=${`${r.active ? t.deactivate : t.reactivate}: ${name}`} @click=${() => void this.#setActive(r, name)}>${r.active ? t.deactivate : t.reactivate}</button>
            </div></td>` : editor ? html`<td></td>` : nothing}
          </tr>`;
        })}</tbody>
      </table></div>`;
  }

  #nameOf(r: Row): string {
    return /^en\b/i.test(this.lang ?? '') ? r.nameEn : r.name;
  }

  #toggle(event: Event, row: Row, name: string): void {
    const box = event.target as HTMLInputElement;
    const offered = box.checked;
    // The box shows the stored state until the server agrees.
    box.checked = Boolean(row.offered);
    void this.#run(() => api.setOffered(this.#session.api, this.storeId, row.id, offered, this.#session.csrfToken), offered ? this.#t.offeredNow(name) : this.#t.withdrawnNow(name), 'offer', row.id);
  }

  async #setActive(row: Row, name: string): Promise<void> {
    const full = row.full!;
    const active = !full.active;
    const done = await this.#run(() => api.updateProcedure(this.#session.api, full.id, full.version, { active }, this.#session.csrfToken), active ? this.#t.reactivated(name) : this.#t.deactivated(name), 'catalogue', row.id);
    // The button now says the opposite: keep the keyboard on it.
    if (done) this.renderRoot.querySelector<HTMLElement>(`tr[data-id="${row.id}"] button.activation`)?.focus();
  }

  /** Runs a change, then reloads and announces it; a failure goes to the summary at the top. */
  async #run(change: () => Promise<unknown>, done: string, kind: 'offer' | 'catalogue', procedureId: string): Promise<boolean> {
    this.problems = [];
    this.announcement = '';
    this.busy = true;
    try {
      await change();
    } catch (error) {
      this.busy = false;
      this.problems = [describeError(error, messagesFor(this.lang))];
      await focusAfterRender(this, '.page-problems');
      return false;
    }
    await this.#load();
    this.busy = false;
    this.announcement = done;
    this.dispatchEvent(new CustomEvent('kep-procedures-changed', { detail: { kind, procedureId }, bubbles: true, composed: true }));
    await this.updateComplete;
    return true;
  }

  #openForm(draft: ProcedureDraft): void {
    this.draft = this.draft?.id === draft.id && draft.id !== null ? null : draft;
    this.formProblems = [];
    void focusAfterRender(this, '#procedure-form-title');
  }

  #closeForm(id: string | null): void {
    this.draft = null;
    this.formProblems = [];
    // Focus goes back to what opened the form (or to the saved procedure's row).
    void focusAfterRender(this, id ? `tr[data-id="${id}"] button.edit` : '#new-procedure');
  }

  async #submit(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const t = this.#t;
    const draft = readDraft(event.currentTarget as HTMLFormElement, this.draft!);
    this.draft = draft;
    const missing = draftProblems(draft, t);
    if (missing.length) return this.#showFormProblems(missing);
    let saved: api.CatalogueProcedure;
    try {
      saved = draft.id
        ? await api.updateProcedure(this.#session.api, draft.id, draft.version, toInput(draft), this.#session.csrfToken)
        : await api.createProcedure(this.#session.api, toInput(draft), this.#session.csrfToken);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 412 && draft.id) {
        this.draft = draftOf(await api.getProcedure(this.#session.api, draft.id));
        return this.#showFormProblems([{ field: null, message: t.stale }]);
      }
      const fields = error instanceof ProblemError ? (error.problem.errors ?? []).map((e) => ({ field: fieldOfPath(e.path), message: e.message })) : [];
      return this.#showFormProblems(fields.length ? fields : [{ field: null, message: describeError(error, messagesFor(this.lang)) }]);
    }
    this.announcement = '';
    await this.#load();
    this.#closeForm(saved.id);
    this.announcement = t.saved(/^en\b/i.test(this.lang ?? '') ? saved.nameEn : saved.name);
    this.dispatchEvent(new CustomEvent('kep-procedures-changed', { detail: { kind: 'catalogue', procedureId: saved.id }, bubbles: true, composed: true }));
  }

  async #showFormProblems(problems: FieldProblem[]): Promise<void> {
    this.formProblems = problems;
    await focusAfterRender(this, '.procedure-form .error-summary');
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    if (!storeId || !this.#session.store(storeId)) return;
    try {
      const [forStore, catalogue] = await Promise.all([api.listForStore(this.#session.api, storeId), this.#editor ? api.listCatalogue(this.#session.api) : null]);
      if (storeId !== this.storeId) return;
      const offered = new Map(forStore.items.map((p) => [p.id, p.offered]));
      const rows: Row[] = catalogue
        ? catalogue.items.map((p) => ({ ...p, offered: p.active ? (offered.get(p.id) ?? false) : null, full: p }))
        : forStore.items.map((p) => ({ ...p, full: null }));
      const locale = messagesFor(this.lang).locale;
      this.rows = rows.sort((a, b) => this.#nameOf(a).localeCompare(this.#nameOf(b), locale));
      this.loadError = null;
    } catch (error) {
      this.loadError = this.#session.failure(error);
    }
  }
}
