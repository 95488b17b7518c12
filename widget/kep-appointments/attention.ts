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
import { videoLate, videoWaiting } from './video-call.js';

function flagged(result: AppointmentPage | null): Appointment[] {
  return result?.items.filter((a) => a.needsAttention || videoLate(a)) ?? [];
}

/** Above the list, in words and with an icon: how many of the shown appointments need attention. */
export function renderAttentionSummary(t: AppointmentMessages, result: AppointmentPage | null): TemplateResult | typeof nothing {
  const n = flagged(result).length;
  return n ? html`<p class="attention-summary">${warningIcon()} ${t.attention.summary(n)}</p>` : nothing;
}

/**
 * What to announce of `after` against `before` (the same query), or '': the appointments newly
 * flagged (escalated, or a video call late), and the citizens who just began to wait in the video
 * waiting room.
 */
export function newlyFlaggedMessage(t: AppointmentMessages, before: AppointmentPage, after: AppointmentPage): string {
  const known = new Set(flagged(before).map((a) => a.id));
  const news = flagged(after).filter((a) => !known.has(a.id));
  const label = (a: Appointment) => `${a.lastName} ${a.firstName}, ${formatTime(a.startsAt)}`;
  const waited = new Set((before.items ?? []).filter(videoWaiting).map((a) => a.id));
  const waiting = after.items.filter((a) => videoWaiting(a) && !videoLate(a) && !waited.has(a.id));
  return [news.length ? t.attention.announce(news.map(label)) : '', waiting.length ? t.video.announceWaiting(waiting.map(label)) : ''].filter(Boolean).join(' ');
}
