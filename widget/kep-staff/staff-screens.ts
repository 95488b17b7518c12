import { html, nothing, type TemplateResult } from 'lit';
import { ALL_STORES, type StaffView } from './staff-views.js';

/** What every screen element is given. */
export interface ScreenContext {
  storeId: string;
  apiBase: string;
  lang: string;
  /** The appointments' day; '' for today. */
  date: string;
}

/**
 * The element of one screen, given only attributes: each is a self-contained widget that asks the
 * server for what it shows, so the shell needs to know nothing of their insides.
 */
export function renderScreen(view: StaffView, c: ScreenContext): TemplateResult {
  switch (view) {
    case 'appointments':
      return html`<kep-appointments store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang} date=${c.date || nothing}></kep-appointments>`;
    case 'live-queue':
      return html`<kep-live-queue store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-live-queue>`;
    case 'queues':
      return html`<kep-queues store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-queues>`;
    case 'procedures':
      return html`<kep-procedures store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-procedures>`;
    case 'outbox':
      return html`<kep-outbox store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-outbox>`;
    case 'webhooks':
      return html`<kep-webhooks store-id=${c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-webhooks>`;
    case 'reports':
      // Without store-id the report covers every KEP the person reads, worst first.
      return html`<kep-reports store-id=${c.storeId === ALL_STORES || !c.storeId ? nothing : c.storeId} api-base=${c.apiBase} lang=${c.lang}></kep-reports>`;
  }
}
