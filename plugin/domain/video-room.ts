import { createHash } from 'node:crypto';

/**
 * The video waiting room (issue 16 item 4): the page the citizen's emails link to instead of the
 * meeting itself. «Περιμένω» records that the citizen is there and opens the call; when staff have
 * not started it some minutes after the later of the start and that moment, the KEP is alerted.
 */

/** Prefixed to the meeting link before hashing (the migration's trigger uses the same). */
export const VIDEO_ROOM_PREFIX = 'rantevou:video-room:';

/** The citizen may press «Περιμένω» from this long before the start (the staff screen offers the join link from then too). */
export const WAITING_OPENS_MS = 10 * 60_000;

/**
 * After the alert, how long the page waits for staff before it offers to book again first in line:
 * a colleague alerted at once usually starts the call within minutes, and offering to give up the
 * appointment sooner would make the citizen leave a call that is about to start.
 */
export const REBOOK_AFTER_ALERT_MS = 10 * 60_000;

/** The default of `store.video_alert_minutes`, and its range. */
export const VIDEO_ALERT_MINUTES = { default: 5, min: 1, max: 60 } as const;

/**
 * The token of an appointment's waiting-room link: SHA-256 (hex) of the meeting link, prefixed.
 * As unguessable as the meeting token (128 random bits), yet not the meeting token, and it cannot
 * be turned back into it; whoever renders an email derives it from the appointment alone.
 */
export function videoRoomToken(videoLink: string): string {
  return createHash('sha256').update(VIDEO_ROOM_PREFIX + videoLink).digest('hex');
}

/** Whether a path segment can be a waiting-room token at all (anything else is not looked up). */
export function isVideoRoomToken(token: string): boolean {
  return /^[0-9a-f]{64}$/.test(token);
}

/** The waiting-room link under the plugin's public URL (`baseUrl` without a trailing slash). */
export function videoRoomUrl(baseUrl: string, videoLink: string): string {
  return `${baseUrl.replace(/\/$/, '')}/api/v1/public/video/${videoRoomToken(videoLink)}`;
}

/** What the waiting room knows of one appointment. */
export interface VideoRoomFacts {
  status: string;
  startsAt: Date;
  endsAt: Date;
  waitingAt: Date | null;
  alertAt: Date | null;
  callStartedAt: Date | null;
}

/**
 * What the page tells the citizen:
 * - `early`: too early to wait (the button is offered from {@link WAITING_OPENS_MS} before the start);
 * - `open`: «Περιμένω» may be pressed;
 * - `waiting`: pressed, the employee is expected;
 * - `alerted`: the employee and the KEP's administrator were alerted;
 * - `started`: staff started the call;
 * - `over`: the appointment's time passed without the citizen waiting, or it was served;
 * - `cancelled`: it was cancelled (or moved away: a new link comes by email).
 */
export type VideoRoomState = 'early' | 'open' | 'waiting' | 'alerted' | 'started' | 'over' | 'cancelled';

/** The state of the room at `now`. */
export function videoRoomState(a: VideoRoomFacts, now: Date): VideoRoomState {
  if (a.status === 'cancelled') return 'cancelled';
  if (a.callStartedAt) return 'started';
  if (a.alertAt) return 'alerted';
  if (a.waitingAt && (a.status === 'booked' || a.status === 'arrived')) return 'waiting';
  if (a.status !== 'booked' && a.status !== 'arrived') return 'over';
  if (now.getTime() < a.startsAt.getTime() - WAITING_OPENS_MS) return 'early';
  return now.getTime() < a.endsAt.getTime() ? 'open' : 'over';
}

/** Whether «Περιμένω» is recorded at `now`: a live appointment, from shortly before its start until its end. */
export function mayStartWaiting(a: VideoRoomFacts, now: Date): boolean {
  return (a.status === 'booked' || a.status === 'arrived') && !a.callStartedAt && now.getTime() >= a.startsAt.getTime() - WAITING_OPENS_MS && now.getTime() < a.endsAt.getTime();
}

/** When the late-start alert is due: `minutes` after the later of the start and the citizen's «Περιμένω»; null while nobody waits. */
export function videoAlertDueAt(a: Pick<VideoRoomFacts, 'startsAt' | 'waitingAt'>, minutes: number): Date | null {
  if (!a.waitingAt) return null;
  return new Date(Math.max(a.startsAt.getTime(), a.waitingAt.getTime()) + minutes * 60_000);
}

/**
 * Whether the page offers to book again first in line: the alert was raised {@link REBOOK_AFTER_ALERT_MS}
 * ago and still nobody started the call (a served or cancelled appointment is not made up for).
 */
export function rebookOffered(a: VideoRoomFacts, now: Date): boolean {
  if (!a.alertAt || a.callStartedAt) return false;
  if (a.status !== 'booked' && a.status !== 'arrived' && a.status !== 'missed_by_staff') return false;
  return now.getTime() >= a.alertAt.getTime() + REBOOK_AFTER_ALERT_MS;
}
