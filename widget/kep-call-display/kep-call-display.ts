import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { ProblemError } from '../shared/api.js';
import { openLiveStream, type LiveEvent, type LiveStream } from '../shared/live-stream.js';
import { displayHeaders, displayUrl, loadDisplayCalls, type DisplayCall, type DisplaySource } from './call-display-api.js';
import { callDisplayMessagesFor, type CallDisplayMessages } from './call-display-i18n.js';
import { styles } from './call-display.styles.js';
import { Chime } from './chime.js';

/** How often the display asks for the calls while its stream is down: a waiting room cannot wait a minute. */
const POLL_MS = 15_000;

/**
 * `<kep-call-display>`: the waiting room's screen. It shows the number being called, large enough to
 * read across the room, with its queue (the counter), and the last calls before it; numbers and
 * queues only, never a citizen. Each new call is announced in a polite live region (a screen reader
 * or a braille display attached to the screen reads it), the current number flashes three times
 * (not with reduced motion), and with the `chime` attribute two soft tones sound (Web Audio; off
 * unless asked for, and if the browser holds the sound back until a gesture, a button turns it on).
 *
 * It signs in with a device key of kind `display` (attribute `device-key`, sent as
 * `Authorization: Bearer`, never in the URL), issued by the KEP's administrator in «Συσκευές»;
 * without one, a signed-in staff member of the KEP sees a preview. Calls arrive through the KEP's
 * display stream ({@link openLiveStream}); while it is down the display asks every 15 seconds.
 *
 * @csspart current - The current call.
 * @csspart earlier - The list of the calls before it.
 * @cssprop --kep-display-background - Default #0b0c0c.
 * @cssprop --kep-display-text - Default #ffffff.
 * @cssprop --kep-display-accent - The current number and the frame, default #ffdd00.
 */
export class KepCallDisplay extends LitElement {
  static override styles = styles;
  static override properties = {
    storeId: { attribute: 'store-id' },
    apiBase: { attribute: 'api-base' },
    deviceKey: { attribute: 'device-key' },
    chime: { type: Boolean },
    history: { type: Number },
    lang: { reflect: true },
    calls: { state: true },
    problem: { state: true },
    fresh: { state: true },
    announcement: { state: true },
    soundLocked: { state: true },
  };

  /** UUID of the KEP (attribute `store-id`). */
  declare storeId: string;
  /** URL prefix of the plugin (attribute `api-base`); '' means the page's origin. */
  declare apiBase: string;
  /** The display's device key (attribute `device-key`). */
  declare deviceKey: string;
  /** Sound a chime at each call (attribute `chime`, off by default). */
  declare chime: boolean;
  /** How many calls to show, the current one included (attribute `history`, default 6). */
  declare history: number;
  /** 'el' (default) or 'en'. */
  declare lang: string;
  private declare calls: DisplayCall[];
  private declare problem: string | null;
  /** The current call just arrived (it flashes). */
  private declare fresh: boolean;
  private declare announcement: string;
  private declare soundLocked: boolean;
  #stream: LiveStream | null = null;
  #sound = new Chime();
  #freshTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.storeId = '';
    this.apiBase = '';
    this.deviceKey = '';
    this.chime = false;
    this.history = 6;
    this.lang = 'el';
    this.calls = [];
    this.problem = null;
    this.fresh = false;
    this.announcement = '';
    this.soundLocked = false;
  }

  get #t(): CallDisplayMessages {
    return callDisplayMessagesFor(this.lang);
  }

  get #source(): DisplaySource {
    return { apiBase: this.apiBase ?? '', storeId: this.storeId, deviceKey: this.deviceKey ?? '' };
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('storeId') || changed.has('apiBase') || changed.has('deviceKey')) this.#listen();
    if (changed.has('chime')) this.soundLocked = this.chime && !this.#sound.ready;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.hasUpdated) this.#listen();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#stream?.close();
    this.#stream = null;
    clearTimeout(this.#freshTimer);
    this.#sound.close();
  }

  override render(): TemplateResult {
    const t = this.#t;
    const [current, ...earlier] = this.calls;
    return html`<div class="display" role="region" aria-label=${t.label}>
      ${this.problem ? html`<p class="problem" role="alert">${this.problem}</p>` : nothing}
      <section part="current" class=${this.fresh ? 'current fresh' : 'current'} aria-labelledby="now">
        <p id="now" class="now-label">${t.now}</p>
        ${current
          ? html`<p class="current-number"><span class="visually-hidden">${t.number} </span>${current.number}</p>
              <p class="current-queue">${current.queueName}</p>`
          : html`<p class="waiting-first">${t.waitingFirst}</p>`}
      </section>
      <section part="earlier" aria-labelledby="earlier">
        <h2 id="earlier">${t.earlier}</h2>
        <ol>${earlier.map((c) => html`<li><span class="number"><span class="visually-hidden">${t.number} </span>${c.number}</span><span class="queue">${c.queueName}</span></li>`)}</ol>
      </section>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.soundLocked ? html`<button type="button" @click=${this.#unlockSound}>${t.soundOn}</button>` : nothing}
    </div>`;
  }

  readonly #unlockSound = async (): Promise<void> => {
    await this.#sound.unlock();
    this.soundLocked = !this.#sound.ready;
  };

  #listen(): void {
    this.#stream?.close();
    this.#stream = null;
    if (!this.storeId || !this.isConnected) return;
    const source = this.#source;
    this.#stream = openLiveStream({
      url: displayUrl(source, '/events'),
      headers: displayHeaders(source),
      withCredentials: !source.deviceKey,
      onEvent: (event) => this.#called(event),
      onPoll: () => void this.#load(),
      pollMs: POLL_MS,
    });
    void this.#load();
  }

  async #load(): Promise<void> {
    const storeId = this.storeId;
    try {
      const calls = await loadDisplayCalls(this.#source, this.#limit);
      if (storeId !== this.storeId) return;
      const latest = this.calls[0];
      this.calls = calls;
      this.problem = null;
      // A call the stream missed (it was down) is still announced, once.
      if (calls[0] && latest && (calls[0].appointmentId !== latest.appointmentId || calls[0].calledAt !== latest.calledAt)) this.#announce(calls[0]);
    } catch (error) {
      this.problem = this.#describe(error);
    }
  }

  #called(event: LiveEvent): void {
    if (event.kind !== 'called' || event.number === undefined || !event.appointmentId) return;
    const call: DisplayCall = { appointmentId: event.appointmentId, queueId: event.queueId ?? '', queueName: event.queueName ?? '', number: event.number, calledAt: event.at };
    // A recall moves the number to the top again rather than listing it twice.
    this.calls = [call, ...this.calls.filter((c) => c.appointmentId !== call.appointmentId)].slice(0, this.#limit);
    this.problem = null;
    this.#announce(call);
  }

  #announce(call: DisplayCall): void {
    this.announcement = this.#t.announce(call.number, call.queueName);
    this.fresh = true;
    clearTimeout(this.#freshTimer);
    this.#freshTimer = setTimeout(() => (this.fresh = false), 3000);
    if (this.chime) {
      this.#sound.play();
      this.soundLocked = !this.#sound.ready;
    }
  }

  get #limit(): number {
    return Math.max(1, Math.min(50, Math.trunc(this.history) || 6));
  }

  #describe(error: unknown): string {
    const t = this.#t;
    if (error instanceof ProblemError && (error.status === 401 || error.status === 403)) return t.badKey;
    if (error instanceof ProblemError && error.status === 404) return t.notFound;
    return t.offline;
  }
}
