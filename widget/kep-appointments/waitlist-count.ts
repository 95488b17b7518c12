/**
 * How many citizens are on the KEP's waitlist for the shown day (issue 17): a small line above the
 * day's list, so staff know that a time they free will not stay empty. Counts only, no names
 * (`GET /stores/:storeId/waitlist`). Static text, read with the page; nothing when nobody waits or
 * the count could not be read (the list works without it).
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { ApiClient } from '../shared/api.js';

interface WaitlistCounts {
  days: { date: string; waiting: number; procedures: { procedure: string; waiting: number }[] }[];
}

const WORDS = {
  el: (n: number, procedures: string) => `Σε λίστα αναμονής για αυτή την ημέρα: ${n === 1 ? '1 πολίτης' : `${n} πολίτες`} (${procedures}). Μια ώρα που ελευθερώνεται τους προσφέρεται με email.`,
  en: (n: number, procedures: string) => `On the waiting list for this day: ${n === 1 ? '1 citizen' : `${n} citizens`} (${procedures}). A time that frees up is offered to them by email.`,
};

/** Loads the count of the shown day once per change of store or day. */
export class WaitlistCountController implements ReactiveController {
  day: WaitlistCounts['days'][number] | null = null;
  #key = '';

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  show(api: ApiClient, storeId: string, date: string): void {
    const key = `${storeId}|${date}`;
    if (!storeId || key === this.#key) return;
    this.#key = key;
    this.day = null;
    const params = new URLSearchParams({ from: date, to: date });
    void api.storeRequest<WaitlistCounts>(storeId, 'GET', `/waitlist?${params}`).then(
      (counts) => {
        if (key !== this.#key) return;
        this.day = counts.days.find((d) => d.date === date) ?? null;
        this.host.requestUpdate();
      },
      () => undefined,
    );
  }
}

/** The line; nothing when nobody waits for the day. */
export function renderWaitlistCount(lang: string, day: WaitlistCountController['day']): TemplateResult | typeof nothing {
  if (!day || day.waiting === 0) return nothing;
  const procedures = day.procedures.map((p) => `${p.procedure}: ${p.waiting}`).join(' · ');
  return html`<p class="waitlist-count" part="waitlist-count">${(lang === 'en' ? WORDS.en : WORDS.el)(day.waiting, procedures)}</p>`;
}
