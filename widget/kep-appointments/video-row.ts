/**
 * The parts of a table row about video calls and attention: the mode with its icon and quiet
 * link, the procedure a video call cannot serve, the join link at the time of the appointment,
 * and the state notes (needs attention, call started, polite notice sent).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Appointment } from '../shared/api.js';
import { dateInAthens, formatDate, formatTime } from '../shared/dates.js';
import type { AppointmentMessages } from './appointments-i18n.js';
import { videoIcon, warningIcon } from './icons.js';
import { joinTime, meetingUrl, videoLate, videoWaiting } from './video-call.js';

/** What these parts read of the table's context. */
export interface VideoRowContext {
  t: AppointmentMessages;
  canWrite: boolean;
  now: number;
}

/** Whether the row's actions lead with the join link (then the mode cell leaves it out). */
export function showsJoinLink(c: VideoRowContext, a: Appointment): boolean {
  return c.canWrite && joinTime(a, c.now);
}

/**
 * The meeting link, opened in a new tab so that the screen stays. The meeting provider is another
 * site: `noopener` keeps this window out of its reach, `noreferrer` the intranet's address.
 */
function meetingLink(c: VideoRowContext, href: string, label: string, className: string, whose: string): TemplateResult {
  return html`<a class=${className} href=${href} target="_blank" rel="noopener noreferrer"
    >${label}<span class="visually-hidden"> — ${whose} ${c.t.toolbar.newTab}</span></a
  >`;
}

/** The join link as the row's first action, from a few minutes before the start until the end. */
export function renderJoinLink(c: VideoRowContext, a: Appointment, whose: string): TemplateResult | typeof nothing {
  const href = meetingUrl(a);
  return href && showsJoinLink(c, a) ? meetingLink(c, href, c.t.video.join, 'button join', whose) : nothing;
}

/** Mode and source; a video appointment says so with an icon and words, and keeps its link at hand. */
export function renderModeCell(c: VideoRowContext, a: Appointment, whose: string): TemplateResult {
  const { t } = c;
  if (a.mode !== 'video') return html`<td>${t.modes[a.mode]}<span class="small">${t.sources[a.source]}</span></td>`;
  const href = meetingUrl(a);
  let link: TemplateResult | typeof nothing = nothing;
  if (!href) link = html`<span class="small">${t.video.noLink}</span>`;
  else if (a.status !== 'cancelled' && !showsJoinLink(c, a)) link = html`<span class="small">${meetingLink(c, href, t.video.link, '', whose)}</span>`;
  return html`<td><span class="video">${videoIcon()} ${t.modes.video}</span>${link}<span class="small">${t.sources[a.source]}</span></td>`;
}

/** Below the procedure: that a video call cannot serve it (the reason for the polite notice). */
export function renderProcedureNote(c: VideoRowContext, a: Appointment): TemplateResult | typeof nothing {
  if (a.mode !== 'video' || a.status === 'cancelled' || a.procedureVideoEligible !== false) return nothing;
  return html`<span class="note">${warningIcon()} ${c.t.notice.notEligible}</span>`;
}

/**
 * The video waiting room: «Ο πολίτης περιμένει από 10:02» while nobody started the call (a flag once
 * the late-start alert is raised), and after the start both times stay on the row.
 */
function renderWaiting(c: VideoRowContext, a: Appointment): TemplateResult | typeof nothing {
  const { t } = c;
  if (a.mode !== 'video' || !a.videoWaitingAt) return nothing;
  const since = formatTime(a.videoWaitingAt);
  if (videoLate(a)) return html`<span class="flag video-late">${warningIcon()} ${t.video.waiting(since)}</span><span class="small">${t.video.late(formatTime(a.videoAlertAt!))}. ${t.video.lateHint}</span>`;
  if (videoWaiting(a)) return html`<span class="flag video-waiting">${t.video.waiting(since)}</span>`;
  return html`<span class="small">${t.video.waited(since)}</span>`;
}

/** Below the status: needs attention, the video waiting room, the call's start, the polite notice sent. */
export function renderStateNotes(c: VideoRowContext, a: Appointment): TemplateResult {
  const { t } = c;
  const notice = a.politeNoticeSentAt;
  return html`${a.needsAttention
    ? html`<span class="flag">${warningIcon()} ${t.row.attention}</span><span class="small">${t.attention.hint}</span>`
    : nothing}${renderWaiting(c, a)}${a.callStartedAt ? html`<span class="small">${t.video.started(formatTime(a.callStartedAt))}</span>` : nothing}${notice
    ? html`<span class="small notice-sent">${t.notice.sent(`${formatDate(dateInAthens(new Date(notice)))} ${formatTime(notice)}`)}</span>`
    : nothing}`;
}
