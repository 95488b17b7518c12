import { html, nothing, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import { renderErrorSummary } from '../shared/error-summary.js';
import { focusAfterRender } from '../shared/focus.js';
import { copyToClipboard } from '../shared/refusal.js';
import { StoreAdminListElement } from '../shared/store-admin-element.js';
import { issueDevice, listDevices, revokeDevice, type Device, type IssuedDevice } from './arrivals-api.js';
import { arrivalMessagesFor, type ArrivalMessages } from './arrivals-i18n.js';
import { styles } from './arrivals.styles.js';

/**
 * `<kep-devices>`: «Συσκευές», the KEP's ticket machines, kiosks and call displays, for its store administrator
 * (nothing is shown to anyone else: the server refuses them too). Issuing a key shows it once, with
 * a copy button, in a panel that takes the focus; only its hash is kept, so closing the panel is
 * final; a display's key comes with the HTML snippet of its screen. A device is revoked with a confirmation and stays listed, with when. Changes are announced
 * in a polite live region; a refusal goes to the error summary, which takes the focus.
 *
 * @csspart devices - The table of devices.
 */
export class KepDevices extends StoreAdminListElement<Device> {
  static override styles = styles;
  static override properties = { issued: { state: true } };

  /** The device just issued, whose key is shown until the administrator closes the panel. */
  private declare issued: IssuedDevice | null;

  constructor() {
    super();
    this.issued = null;
  }

  protected override fetchItems(api: ApiClient, storeId: string): Promise<Device[]> {
    return listDevices(api, storeId);
  }

  get #t(): ArrivalMessages['devices'] {
    return arrivalMessagesFor(this.lang).devices;
  }

  override render(): TemplateResult | typeof nothing {
    if (!this.administers) return nothing;
    const t = this.#t;
    return html`<section aria-labelledby="devices-title">
      <h3 id="devices-title">${t.title}</h3>
      <p class="hint">${t.intro}</p>
      <div class="status" role="status" aria-live="polite">${this.announcement}</div>
      ${renderErrorSummary(this.errors, { id: 'device-errors', title: t.title, heading: 'h4' })}
      ${this.issued ? this.#renderKey(this.issued) : nothing}
      ${this.items === null ? nothing : this.items.length === 0 ? html`<p>${t.none}</p>` : this.#renderTable(this.items)}
      <form class="inline-form" aria-labelledby="new-device" novalidate @submit=${this.#issue}>
        <h4 id="new-device">${t.newTitle}</h4>
        <div class="form-group">
          <label for="device-name">${t.nameLabel}</label>
          <span id="device-name-hint" class="hint">${t.nameHint}</span>
          <input id="device-name" name="name" type="text" maxlength="80" autocomplete="off" aria-describedby="device-name-hint" />
        </div>
        <fieldset class="form-group">
          <legend>${t.kindLegend}</legend>
          ${(['arrivals', 'display'] as const).map(
            (kind) => html`<label class="choice">
                <input id="device-kind-${kind}" type="radio" name="kind" value=${kind} ?checked=${kind === 'arrivals'} aria-describedby="device-kind-${kind}-hint" />
                ${t.kinds[kind]}
              </label>
              <span id="device-kind-${kind}-hint" class="hint">${t.kindHints[kind]}</span>`,
          )}
        </fieldset>
        <button type="submit">${t.issue}</button>
      </form>
    </section>`;
  }

  #renderTable(devices: Device[]): TemplateResult {
    const t = this.#t;
    const c = t.columns;
    const when = (instant: string | null) => (instant ? `${formatDate(dateInAthens(new Date(instant)))} ${formatTime(instant)}` : t.never);
    return html`<div class="table-wrapper"><table part="devices">
      <caption>${t.caption}</caption>
      <thead><tr><th scope="col">${c.name}</th><th scope="col">${c.kind}</th><th scope="col">${c.created}</th><th scope="col">${c.lastUsed}</th><th scope="col">${c.state}</th><th scope="col">${c.actions}</th></tr></thead>
      <tbody>${devices.map((d) => html`<tr data-id=${d.id}>
        <th scope="row">${d.name}</th>
        <td>${t.kinds[d.kind] ?? d.kind}</td>
        <td>${when(d.createdAt)}</td>
        <td>${when(d.lastUsedAt)}</td>
        <td>${d.revokedAt ? t.revokedOn(when(d.revokedAt)) : t.active}</td>
        <td>${d.revokedAt ? nothing : html`<button type="button" class="secondary" @click=${() => void this.#revoke(d)}>${t.revoke(d.name)}</button>`}</td>
      </tr>`)}</tbody>
    </table></div>`;
  }

  #renderKey(device: IssuedDevice): TemplateResult {
    const t = this.#t;
    return html`<div class="one-time-key" role="region" aria-labelledby="device-key-title">
      <h4 id="device-key-title" tabindex="-1">${t.keyTitle(device.name)}</h4>
      <p id="device-key-warning"><strong>${t.keyWarning}</strong></p>
      <div class="form-group">
        <label for="device-key">${t.keyLabel}</label>
        <div class="arrival-row">
          <input id="device-key" type="text" readonly .value=${device.key} aria-describedby="device-key-warning" @focus=${(e: Event) => (e.target as HTMLInputElement).select()} />
          <button type="button" @click=${() => void this.#copy(device.key)}>${t.copy}</button>
        </div>
      </div>
      ${device.kind === 'display' ? this.#renderSnippet(device) : nothing}
      <button type="button" class="secondary" @click=${this.#closeKey}>${t.done}</button>
    </div>`;
  }

  /** The HTML that puts the call display on a screen of the waiting room, with this key. */
  #renderSnippet(device: IssuedDevice): TemplateResult {
    const t = this.#t;
    const base = this.apiBase ? ` api-base="${this.apiBase}"` : '';
    const snippet = `<script type="module" src="${this.apiBase}/widget/kep-call-display.js"></script>\n<kep-call-display store-id="${this.storeId}"${base} device-key="${device.key}" chime></kep-call-display>`;
    return html`<div class="form-group">
      <label for="device-snippet">${t.snippetLabel}</label>
      <span id="device-snippet-hint" class="hint">${t.snippetHint}</span>
      <textarea id="device-snippet" readonly rows="4" aria-describedby="device-snippet-hint" .value=${snippet}></textarea>
    </div>`;
  }

  async #issue(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const name = String(data.get('name') ?? '').trim();
    const kind = data.get('kind') === 'display' ? 'display' : 'arrivals';
    this.announcement = '';
    if (!name) return this.showErrors([this.#t.nameRequired]);
    try {
      this.issued = await issueDevice(this.session.api, this.storeId, { name, kind }, this.session.csrfToken);
    } catch (error) {
      return this.failed(error);
    }
    form.reset();
    this.errors = [];
    this.announcement = this.#t.issued(name);
    await this.load();
    await focusAfterRender(this, '#device-key-title');
  }

  async #revoke(device: Device): Promise<void> {
    if (!confirm(this.#t.revokeConfirm(device.name))) return;
    this.announcement = '';
    try {
      await revokeDevice(this.session.api, this.storeId, device.id, this.session.csrfToken);
    } catch (error) {
      return this.failed(error);
    }
    this.errors = [];
    this.announcement = this.#t.revoked(device.name);
    await this.load();
    await focusAfterRender(this, '#devices-title');
  }

  async #copy(key: string): Promise<void> {
    const copied = await copyToClipboard(key);
    this.announcement = copied ? this.#t.copied : this.#t.copyFailed;
    if (!copied) await focusAfterRender(this, '#device-key');
  }

  readonly #closeKey = (): void => {
    this.issued = null;
    void focusAfterRender(this, '#device-name');
  };
}
