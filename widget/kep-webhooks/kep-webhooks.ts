import { html, nothing, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { copyToClipboard } from '../shared/refusal.js';
import { StoreAdminListElement } from '../shared/store-admin-element.js';
import { styles } from '../kep-arrivals/arrivals.styles.js';
import {
  createWebhook,
  deleteWebhook,
  EVENT_TYPES,
  listDeliveries,
  listWebhooks,
  replayDelivery,
  updateWebhook,
  type CreatedWebhook,
  type Delivery,
  type EventType,
  type Webhook,
} from './webhooks-api.js';
import { webhookMessagesFor, type WebhookMessages } from './webhooks-i18n.js';

/**
 * `<kep-webhooks>`: «Webhooks», the KEP's signed webhook subscriptions, for its store administrator
 * (nothing is shown to anyone else: the server refuses them too). Adding a URL shows its signing
 * secret once, with a copy button, in a panel that takes the focus. Each URL can be paused, resumed
 * or deleted, and its delivery log read, where a delivery is sent again with «Αποστολή ξανά».
 * Changes are announced in a polite live region; a refusal goes to the error summary.
 *
 * @csspart webhooks - The table of subscriptions.
 * @csspart deliveries - The delivery log.
 */
export class KepWebhooks extends StoreAdminListElement<Webhook> {
  static override styles = styles;
  static override properties = { created: { state: true }, log: { state: true } };

  /** The subscription just created, whose secret is shown until the administrator closes the panel. */
  private declare created: CreatedWebhook | null;
  /** The subscription whose log is open, and its lines. */
  private declare log: { webhook: Webhook; items: Delivery[] } | null;

  constructor() {
    super();
    this.created = null;
    this.log = null;
  }

  protected override fetchItems(api: ApiClient, storeId: string): Promise<Webhook[]> {
    return listWebhooks(api, storeId);
  }

  get #t(): WebhookMessages {
    return webhookMessagesFor(this.lang);
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.administers) return nothing;
    const t = this.#t;
    return html`<section aria-labelledby="webhooks-title">
      <h2 id="webhooks-title">${t.title}</h2>
      <p class="hint">${t.intro}</p>
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderErrorSummary(this.errors, { id: 'webhook-errors', title: t.title, heading: 'h3' })}
      ${this.created ? this.#renderSecret(this.created) : nothing}
      ${this.items === null ? nothing : this.items.length === 0 ? html`<p>${t.none}</p>` : this.#renderTable(this.items)}
      ${this.log ? this.#renderLog(this.log.webhook, this.log.items) : nothing}
      ${this.#renderForm()}
    </section>`;
  }

  #when(instant: string | null): string {
    return instant ? `${formatDate(dateInAthens(new Date(instant)))} ${formatTime(instant)}` : '';
  }

  #renderTable(webhooks: Webhook[]): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    return html`<div class="table-wrapper"><table part="webhooks">
      <caption>${t.caption}</caption>
      <thead><tr><th scope="col">${c.url}</th><th scope="col">${c.events}</th><th scope="col">${c.scope}</th><th scope="col">${c.state}</th><th scope="col">${c.actions}</th></tr></thead>
      <tbody>${webhooks.map((w) => html`<tr data-id=${w.id}>
        <th scope="row"><code>${w.url}</code>${w.description ? html`<br /><span class="hint">${w.description}</span>` : nothing}</th>
        <td>${w.events.map((e) => t.events[e] ?? e).join(', ')}</td>
        <td>${t.scopes[w.scope]}</td>
        <td>${w.status === 'paused' ? t.paused(this.#when(w.pausedAt), w.pausedReason === 'failing') : w.failingSince ? t.failingSince(this.#when(w.failingSince)) : t.active}</td>
        <td>
          <button type="button" class="secondary" @click=${() => void this.#openLog(w)}>${t.showLog(w.url)}</button>
          <button type="button" class="secondary" @click=${() => void this.#setStatus(w, w.status === 'active' ? 'paused' : 'active')}>${w.status === 'active' ? t.pause(w.url) : t.resume(w.url)}</button>
          <button type="button" class="secondary" @click=${() => void this.#remove(w)}>${t.remove(w.url)}</button>
        </td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  #renderLog(webhook: Webhook, items: Delivery[]): TemplateResult {
    const t = this.#t;
    const c = t.logColumns;
    return html`<div role="region" aria-labelledby="log-title">
      <h3 id="log-title" tabindex="-1">${t.logTitle(webhook.url)}</h3>
      ${items.length === 0
        ? html`<p>${t.logNone}</p>`
        : html`<div class="table-wrapper"><table part="deliveries">
            <caption>${t.logCaption}</caption>
            <thead><tr><th scope="col">${c.when}</th><th scope="col">${c.event}</th><th scope="col">${c.state}</th><th scope="col">${c.attempts}</th><th scope="col">${c.result}</th><th scope="col">${c.actions}</th></tr></thead>
            <tbody>${items.map((d) => html`<tr data-id=${d.id}>
              <th scope="row">${this.#when(d.createdAt)}</th>
              <td>${t.events[d.type] ?? d.type}</td>
              <td>${t.states[d.status]}</td>
              <td>${d.attempts}</td>
              <td>${[d.lastStatusCode === null ? '' : `HTTP ${d.lastStatusCode}`, d.lastError && !d.lastError.startsWith('HTTP') ? d.lastError : '', d.lastDurationMs === null ? '' : `${d.lastDurationMs} ms`].filter(Boolean).join(' · ')}</td>
              <td>${d.replayable && webhook.status === 'active'
                ? html`<button type="button" class="secondary" @click=${() => void this.#replay(webhook, d)}>${t.replay(t.events[d.type] ?? d.type, this.#when(d.createdAt))}</button>`
                : nothing}</td>
            </tr>`)}</tbody>
          </table></div>`}
      <button type="button" class="secondary" @click=${this.#closeLog}>${t.closeLog}</button>
    </div>`;
  }

  #renderForm(): TemplateResult {
    const t = this.#t;
    return html`<form class="inline-form" aria-labelledby="new-webhook" novalidate @submit=${this.#create}>
      <h3 id="new-webhook">${t.newTitle}</h3>
      <div class="form-group">
        <label for="webhook-url">${t.urlLabel}</label>
        <span id="webhook-url-hint" class="hint">${t.urlHint}</span>
        <input id="webhook-url" name="url" type="url" inputmode="url" maxlength="2000" autocomplete="off" spellcheck="false" aria-describedby="webhook-url-hint" />
      </div>
      <fieldset class="form-group">
        <legend>${t.eventsLegend}</legend>
        ${EVENT_TYPES.map((e) => html`<label class="choice"><input type="checkbox" name="events" value=${e} /> ${t.events[e]}</label>`)}
      </fieldset>
      <fieldset class="form-group">
        <legend>${t.scopeLegend}</legend>
        ${(['ids', 'contact'] as const).map(
          (s) => html`<label class="choice"><input id="webhook-scope-${s}" type="radio" name="scope" value=${s} ?checked=${s === 'ids'} aria-describedby="webhook-scope-${s}-hint" /> ${t.scopes[s]}</label>
            <span id="webhook-scope-${s}-hint" class="hint">${t.scopeHints[s]}</span>`,
        )}
      </fieldset>
      <div class="form-group">
        <label for="webhook-description">${t.descriptionLabel}</label>
        <input id="webhook-description" name="description" type="text" maxlength="200" autocomplete="off" />
      </div>
      <button type="submit">${t.create}</button>
    </form>`;
  }

  #renderSecret(webhook: CreatedWebhook): TemplateResult {
    const t = this.#t;
    return html`<div class="one-time-key" role="region" aria-labelledby="webhook-secret-title">
      <h3 id="webhook-secret-title" tabindex="-1">${t.secretTitle}</h3>
      <p id="webhook-secret-warning"><strong>${t.secretWarning}</strong></p>
      <div class="form-group">
        <label for="webhook-secret">${t.secretLabel}</label>
        <div class="arrival-row">
          <input id="webhook-secret" type="text" readonly .value=${webhook.secret} aria-describedby="webhook-secret-warning" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button type="button" @click=${() => void this.#copy(webhook.secret)}>${t.copy}</button>
        </div>
      </div>
      <button type="button" class="secondary" @click=${this.#closeSecret}>${t.done}</button>
    </div>`;
  }

  async #create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const url = String(data.get('url') ?? '').trim();
    const events = data.getAll('events').map(String) as EventType[];
    const description = String(data.get('description') ?? '').trim();
    this.announcement = '';
    const missing = [...(url ? [] : [this.#t.urlRequired]), ...(events.length ? [] : [this.#t.eventsRequired])];
    if (missing.length) return this.showErrors(missing);
    try {
      this.created = await createWebhook(
        this.session.api,
        this.storeId,
        { url, events, scope: data.get('scope') === 'contact' ? 'contact' : 'ids', ...(description ? { description } : {}), language: this.lang === 'en' ? 'en' : 'el' },
        this.session.csrfToken,
      );
    } catch (error) {
      return this.failed(error);
    }
    form.reset();
    this.errors = [];
    this.announcement = this.#t.created;
    // The secret first: the list reloads behind it.
    await focusAfterRender(this, '#webhook-secret-title');
    await this.load();
  }

  async #setStatus(webhook: Webhook, status: 'active' | 'paused'): Promise<void> {
    this.announcement = '';
    try {
      await updateWebhook(this.session.api, this.storeId, webhook.id, { status }, this.session.csrfToken);
    } catch (error) {
      return this.failed(error);
    }
    this.errors = [];
    this.announcement = status === 'paused' ? this.#t.pausedNow : this.#t.resumedNow;
    await this.load();
  }

  async #remove(webhook: Webhook): Promise<void> {
    if (!confirm(this.#t.removeConfirm(webhook.url))) return;
    this.announcement = '';
    try {
      await deleteWebhook(this.session.api, this.storeId, webhook.id, this.session.csrfToken);
    } catch (error) {
      return this.failed(error);
    }
    if (this.log?.webhook.id === webhook.id) this.log = null;
    this.errors = [];
    this.announcement = this.#t.removed;
    await this.load();
    await focusAfterRender(this, '#webhooks-title');
  }

  async #openLog(webhook: Webhook): Promise<void> {
    try {
      this.log = { webhook, items: await listDeliveries(this.session.api, this.storeId, webhook.id) };
    } catch (error) {
      return this.failed(error);
    }
    await focusAfterRender(this, '#log-title');
  }

  async #replay(webhook: Webhook, delivery: Delivery): Promise<void> {
    this.announcement = '';
    try {
      await replayDelivery(this.session.api, this.storeId, webhook.id, delivery.id, this.session.csrfToken);
    } catch (error) {
      return this.failed(error);
    }
    this.errors = [];
    this.announcement = this.#t.replayed;
    await this.#openLog(webhook);
  }

  async #copy(secret: string): Promise<void> {
    const copied = await copyToClipboard(secret);
    this.announcement = copied ? this.#t.copied : this.#t.copyFailed;
    if (!copied) await focusAfterRender(this, '#webhook-secret');
  }

  readonly #closeSecret = (): void => {
    this.created = null;
    void focusAfterRender(this, '#webhook-url');
  };

  readonly #closeLog = (): void => {
    this.log = null;
    void focusAfterRender(this, '#webhooks-title');
  };
}
