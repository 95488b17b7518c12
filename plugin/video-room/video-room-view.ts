import { DateTime } from 'luxon';
import { formatGreekDateTime } from '../domain/local-time.js';
import { rebookOffered, videoAlertDueAt, videoRoomState, WAITING_OPENS_MS, type VideoRoomState } from '../domain/video-room.js';
import { z } from '../http/zod-openapi.js';
import type { RoomRow } from './video-room.queries.js';

/** The waiting room as the page and its polling read it: the appointment's time and KEP, and what is happening. */
export const VideoRoomView = z
  .object({
    state: z.enum(['early', 'open', 'waiting', 'alerted', 'started', 'over', 'cancelled']),
    /** What the page says about the state, in the language asked for: the honest account of where things stand. */
    message: z.string(),
    storeName: z.string(),
    startsAt: z.iso.datetime(),
    endsAt: z.iso.datetime(),
    /** The start as the page writes it: "Τρίτη 8 Δεκεμβρίου 2026, 10:00". */
    when: z.string(),
    waitingSince: z.iso.datetime().nullable(),
    alertedAt: z.iso.datetime().nullable(),
    callStartedAt: z.iso.datetime().nullable(),
    /** The meeting, while there is one to join; null for a cancelled or past appointment. */
    meetingUrl: z.string().nullable(),
    /** Whether «Περιμένω» is recorded now. */
    mayWait: z.boolean(),
    /** The employee has not come well after the alert: the page offers to book again first in line. */
    rebookOffered: z.boolean(),
  })
  .openapi('VideoRoom');

export type VideoRoomViewT = z.infer<typeof VideoRoomView>;

type Lang = 'el' | 'en';

const MESSAGES: Record<Lang, Record<VideoRoomState, (f: Record<string, string>) => string>> = {
  el: {
    early: (f) => `Η βιντεοκλήση σας είναι ${f.when}. Από τις ${f.opens} πατήστε «Περιμένω» σε αυτή τη σελίδα: ενημερώνουμε τον υπάλληλο ότι είστε εδώ και ανοίγει η βιντεοκλήση.`,
    open: (f) => `Η βιντεοκλήση σας είναι ${f.when}. Όταν είστε έτοιμοι, πατήστε «Περιμένω».`,
    waiting: (f) => `Περιμένετε από τις ${f.since}. Ο υπάλληλος δεν έχει ξεκινήσει ακόμη τη βιντεοκλήση. Αν δεν την ξεκινήσει έως τις ${f.due}, ειδοποιούνται αμέσως ο υπάλληλος και ο υπεύθυνος του ΚΕΠ.`,
    alerted: (f) => `Ο υπάλληλος ειδοποιήθηκε στις ${f.alerted}, μαζί με τον υπεύθυνο του ΚΕΠ: η βιντεοκλήση δεν ξεκίνησε στην ώρα της. Περιμένετε από τις ${f.since}· η σελίδα ενημερώνεται μόνη της.`,
    started: (f) => `Ο υπάλληλος ξεκίνησε τη βιντεοκλήση στις ${f.started}. Αν δεν την έχετε ανοιχτή, ανοίξτε τη από τον σύνδεσμο.`,
    over: () => 'Η ώρα αυτού του ραντεβού πέρασε. Για ό,τι χρειάζεστε, κλείστε νέο ραντεβού ή τηλεφωνήστε στο ΚΕΠ σας.',
    cancelled: () => 'Το ραντεβού ακυρώθηκε. Αν κλείσατε άλλο, ανοίξτε τον σύνδεσμο από το email του.',
  },
  en: {
    early: (f) => `Your video call is on ${f.when}. From ${f.opens}, press “I am waiting” on this page: we tell the employee you are here and the call opens.`,
    open: (f) => `Your video call is on ${f.when}. When you are ready, press “I am waiting”.`,
    waiting: (f) => `You have been waiting since ${f.since}. The employee has not started the video call yet. If it has not started by ${f.due}, the employee and the head of the KEP are alerted at once.`,
    alerted: (f) => `The employee was alerted at ${f.alerted}, with the head of the KEP: the video call did not start on time. You have been waiting since ${f.since}; this page updates by itself.`,
    started: (f) => `The employee started the video call at ${f.started}. If you do not have it open, open it from the link.`,
    over: () => 'The time of this appointment has passed. For anything you need, book a new appointment or call your KEP.',
    cancelled: () => 'This appointment was cancelled. If you booked another one, open the link in its email.',
  },
};

/** The room's view at `now`, its message in `lang`. */
export function toVideoRoomView(r: RoomRow, now: Date, lang: Lang): VideoRoomViewT {
  const facts = { status: r.status, startsAt: r.startsAt, endsAt: r.endsAt, waitingAt: r.waitingAt, alertAt: r.alertAt, callStartedAt: r.callStartedAt };
  const state = videoRoomState(facts, now);
  const hhmm = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: r.timeZone }).toFormat('HH:mm') : '');
  const when = formatGreekDateTime(r.startsAt, r.timeZone, lang === 'en' ? 'en-GB' : 'el');
  const fields = {
    when,
    opens: hhmm(new Date(r.startsAt.getTime() - WAITING_OPENS_MS)),
    since: hhmm(r.waitingAt),
    due: hhmm(videoAlertDueAt(facts, r.alertMinutes)),
    alerted: hhmm(r.alertAt),
    started: hhmm(r.callStartedAt),
  };
  const live = state !== 'over' && state !== 'cancelled';
  return {
    state,
    message: MESSAGES[lang][state](fields),
    storeName: r.storeName,
    startsAt: r.startsAt.toISOString(),
    endsAt: r.endsAt.toISOString(),
    when,
    waitingSince: r.waitingAt?.toISOString() ?? null,
    alertedAt: r.alertAt?.toISOString() ?? null,
    callStartedAt: r.callStartedAt?.toISOString() ?? null,
    meetingUrl: live ? r.videoLink : null,
    mayWait: state === 'open' || state === 'waiting' || state === 'alerted',
    rebookOffered: rebookOffered(facts, now),
  };
}
