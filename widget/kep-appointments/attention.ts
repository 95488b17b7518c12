/**
 * Appointments that need attention (issue 8): the escalation flags one that is still only booked
 * some minutes after its start. The screen counts them above the list and names the newly
 * flagged ones in a live region when the minute's reload brings them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Appointment } from '../shared/api.js';
import { formatTime } from '../shared/dates.js';
import type { AppointmentPage } from './appointments-api.js';
import type { AppointmentMessages } from './appointments-i18n.js';
import { warningIcon } from './icons.js';

function flagged(result: AppointmentPage | null): Appointment[] {
  return result?.items.filter((a) => a.needsAttention) ?? [];
}

/** Above the list, in words and with an icon: how many of the shown appointments need attention. */
export function renderAttentionSummary(t: AppointmentMessages, result: AppointmentPage | null): TemplateResult | typeof nothing {
  const n = flagged(result).length;
  return n ? html`<p class="attention-summary">${warningIcon()} ${t.attention.summary(n)}</p>` : nothing;
}

/** What to announce of the appointments flagged in `after` but not in `before` (the same query), or ''. */
export function newlyFlaggedMessage(t: AppointmentMessages, before: AppointmentPage, after: AppointmentPage): string {
  const known = new Set(flagged(before).map((a) => a.id));
  const news = flagged(after).filter((a) => !known.has(a.id));
  return news.length ? t.attention.announce(news.map((a) => `${a.lastName} ${a.firstName}, ${formatTime(a.startsAt)}`)) : '';
}
