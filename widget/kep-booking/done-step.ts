import { html, nothing, type TemplateResult } from 'lit';
import type { Booking, PublicProcedure } from './booking-api.js';
import { BookingStep } from './booking-step.js';

/**
 * The confirmation: when and where, the video link or the address, what to bring, and where to
 * change or cancel. Everything the server sent is shown as text (a KEP's name is never markup).
 */
export class DoneStep extends BookingStep {
  static override properties = {
    booking: { attribute: false },
    procedure: { attribute: false },
    address: { attribute: false },
  };

  declare booking: Booking | null;
  declare procedure: PublicProcedure | null;
  /** The KEP's address, for an appointment in person. */
  declare address: string;

  constructor() {
    super();
    this.booking = null;
    this.procedure = null;
    this.address = '';
  }

  override render(): TemplateResult | typeof nothing {
    const t = this.t;
    const b = this.booking;
    if (!b) return nothing;
    const bring = this.procedure?.bring ?? [];
    return html`
      <div class="panel" part="confirmation">
        <p class="panel__when">${t.when(b.startsAt)}</p>
        <p>${b.storeName}</p>
      </div>
      <dl class="summary-list">
        ${b.reference ? html`<div><dt>${t.summary.reference}</dt><dd class="strong">${b.reference}</dd></div>` : nothing}
        <div><dt>${t.summary.procedure}</dt><dd>${b.procedure ?? this.procedure?.name}</dd></div>
        <div>
          <dt>${t.summary.mode}</dt>
          <dd>${t.modes[b.mode]}${b.mode === 'in_person' && this.address ? html`<br />${this.address}` : nothing}</dd>
        </div>
        ${videoLinkRow(t.videoLink, b)}
      </dl>
      <p>${t.emailSent}</p>
      ${bring.length > 0
        ? html`<h3>${t.bring}</h3>
            <ul class="list">
              ${bring.map((item) => html`<li>${item}</li>`)}
            </ul>`
        : nothing}
      <p><a href=${safeHttpUrl(b.manageUrl)}>${t.manage}</a></p>
    `;
  }
}

/**
 * The video call's row of a booking's summary (here and on the manage page): the link to the plugin's
 * video waiting room, where «Περιμένω» tells the KEP the citizen is there before the call opens (as
 * the emails do); the meeting itself only when the answer has no room.
 */
export function videoLinkRow(label: string, a: { videoLink?: string | null; videoRoomUrl?: string | null }): TemplateResult | typeof nothing {
  const link = a.videoRoomUrl ?? a.videoLink;
  if (!link) return nothing;
  return html`<div>
    <dt>${label}</dt>
    <dd><a class="break" href=${safeHttpUrl(link)} rel="noreferrer">${link}</a></dd>
  </div>`;
}

/** Only http(s) links are followed: a `javascript:` URL from a compromised answer must not run. */
export function safeHttpUrl(url: string): string {
  try {
    const parsed = new URL(url, location.href);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : '#';
  } catch {
    return '#';
  }
}
