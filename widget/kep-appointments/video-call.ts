/**
 * When the staff screen offers what about a video appointment (myKEPLive): the join link, the
 * button that records the start of the call, and the polite notice of circular 000. Pure
 * functions of the appointment and the time, so that the rules read in one place.
 */
import type { Appointment } from '../shared/api.js';

/** The join link becomes the row's first control this long before the start. */
export const JOIN_EARLY_MS = 10 * 60_000;

/**
 * The appointment's meeting link when it is a web address. The server makes it from a configured
 * template, but a link is rendered as an `href`, so anything else (a `javascript:` URL) is never one.
 */
export function meetingUrl(a: Appointment): string | null {
  if (!a.videoLink) return null;
  try {
    const { protocol } = new URL(a.videoLink);
    return protocol === 'https:' || protocol === 'http:' ? a.videoLink : null;
  } catch {
    return null;
  }
}

/** Still to be served: the statuses in which the server records a call start. */
function live(a: Appointment): boolean {
  return a.status === 'booked' || a.status === 'arrived';
}

/** From {@link JOIN_EARLY_MS} before the start until the end, a live video appointment's link is what staff need first. */
export function joinTime(a: Appointment, now: number): boolean {
  return meetingUrl(a) !== null && live(a) && now >= Date.parse(a.startsAt) - JOIN_EARLY_MS && now < Date.parse(a.endsAt);
}

/**
 * Whether to offer recording the start of the call: a live video appointment whose call nobody
 * recorded, from the time its link is offered on. No end: a call started late is still the truth,
 * and until it is recorded the escalation counts the appointment as unattended.
 */
export function callStartDue(a: Appointment, now: number): boolean {
  return a.mode === 'video' && live(a) && !a.callStartedAt && now >= Date.parse(a.startsAt) - JOIN_EARLY_MS;
}

/**
 * Whether the citizen of a booked video appointment with an email address should get the polite
 * notice: the server says that video cannot serve its catalogue procedure and that no notice went
 * yet. Free text that names no catalogue procedure is not guessed at: staff know better.
 */
export function noticeDue(a: Appointment): boolean {
  return a.mode === 'video' && a.status === 'booked' && Boolean(a.email) && a.procedureVideoEligible === false && !a.politeNoticeSentAt;
}

/** The citizen waits in the video waiting room («Περιμένω») and nobody started the call of this live appointment. */
export function videoWaiting(a: Appointment): boolean {
  return a.mode === 'video' && live(a) && Boolean(a.videoWaitingAt) && !a.callStartedAt;
}

/** Waiting, and the late-start alert was raised: the row is highlighted as needing attention. */
export function videoLate(a: Appointment): boolean {
  return videoWaiting(a) && Boolean(a.videoAlertAt);
}
