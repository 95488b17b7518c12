import type { MikroORM } from '@mikro-orm/core';
import type { StaffUser } from '../auth/session-data.js';
import { recordAudit } from '../db/record-audit.js';
import { sqlEm } from '../db/sql-em.js';
import type { Clock } from '../domain/clock.js';
import { mayStartWaiting, rebookOffered } from '../domain/video-room.js';
import { AppError, notFound } from '../http/app-error.js';
import { priorityExpiry, rebookLink, type RebookLinks } from '../jobs/end-of-day.job.js';
import type { LiveEvents } from '../live/live-events.js';
import { issuePriorityToken } from '../priority/priority-rebooking.js';
import { videoRoomQueries, type RoomRow } from './video-room.queries.js';

/** The actor the audit names for the holder of a waiting-room link (the link is the only credential). */
export const VIDEO_ROOM_ACTOR = 'video-room-link';

/** Unknown, malformed and another appointment's tokens answer the same. */
export const ROOM_NOT_FOUND = 'Ο σύνδεσμος της βιντεοκλήσης δεν ισχύει. Ανοίξτε τον από το πιο πρόσφατο email του ραντεβού σας.';

/** The waiting room of a token, or 404. */
export async function roomByToken(orm: MikroORM, token: string): Promise<RoomRow> {
  const row = await videoRoomQueries.byToken(orm.em.fork(), token);
  if (!row) throw notFound(ROOM_NOT_FOUND);
  return row;
}

/**
 * «Περιμένω»: records that the citizen is in the waiting room (the first press only; a later one
 * keeps the first time and changes nothing), audited, and then tells the KEP's screens at once.
 * Refused (409) outside the appointment's time (from shortly before its start until its end) and
 * once it is over; pressing again while already waiting always works (it reopens the call).
 */
export async function startWaiting(orm: MikroORM, token: string, now: Clock, live: LiveEvents): Promise<RoomRow> {
  const { row, first } = await sqlEm(orm.em.fork()).transactional(async (em) => {
    const r = await videoRoomQueries.byToken(em, token, { forUpdate: true });
    if (!r) throw notFound(ROOM_NOT_FOUND);
    const at = now();
    if (r.waitingAt && r.status !== 'cancelled') return { row: r, first: false };
    if (!mayStartWaiting(r, at)) {
      throw new AppError(409, 'not-waiting-time', r.status === 'booked' && at < r.startsAt
        ? 'Είναι νωρίς: μπορείτε να πατήσετε «Περιμένω» από 10 λεπτά πριν από την ώρα του ραντεβού.'
        : 'Το ραντεβού δεν περιμένει πλέον βιντεοκλήση (η ώρα του πέρασε, ολοκληρώθηκε ή ακυρώθηκε).');
    }
    const first = await videoRoomQueries.markWaiting(em, r.id, at);
    if (first) {
      recordAudit(em, {
        actor: VIDEO_ROOM_ACTOR,
        action: 'appointment.video_waiting',
        entityType: 'appointment',
        entityId: r.id,
        storeId: r.storeId,
        before: { videoWaitingAt: null },
        after: { videoWaitingAt: at.toISOString() },
      });
      await em.flush();
    }
    return { row: first ? { ...r, waitingAt: at } : r, first };
  });
  if (first) live.publish({ kind: 'video-waiting', storeId: row.storeId, queueId: row.queueId, appointmentId: row.id, at: row.waitingAt!.toISOString() });
  return row;
}

/** What the rebooking offer hands the citizen: the link, and until when it books first in line. */
export interface RoomRebooking {
  rebookUrl: string | null;
  validUntil: string;
}

/**
 * Books again first in line, from the waiting room: once the alert was raised and nobody started
 * the call for a while (see {@link rebookOffered}), the citizen gets a priority token exactly like
 * the apology's for a missed appointment (plugin/priority), valid for `priorityDays`. The
 * appointment itself stays as it is: the KEP records what happened, and the end of the day marks it
 * missed if nobody does (its apology then replaces this link with its own).
 */
export async function rebookFromRoom(orm: MikroORM, token: string, now: Clock, rules: { priorityDays: number; links: RebookLinks }): Promise<RoomRebooking> {
  return sqlEm(orm.em.fork()).transactional(async (em) => {
    const r = await videoRoomQueries.byToken(em, token, { forUpdate: true });
    if (!r) throw notFound(ROOM_NOT_FOUND);
    const at = now();
    if (!rebookOffered(r, at)) {
      throw new AppError(409, 'rebook-not-offered', 'Η νέα κράτηση με προτεραιότητα προσφέρεται όταν ο υπάλληλος δεν ξεκινήσει τη βιντεοκλήση αρκετά λεπτά μετά την ειδοποίησή του.');
    }
    const expiresAt = priorityExpiry(at, rules.priorityDays);
    const secret = await issuePriorityToken(em, { appointmentId: r.id, storeId: r.storeId, now: at, expiresAt });
    if (!secret) throw new AppError(409, 'priority-used', 'Ο σύνδεσμος προτεραιότητας αυτού του ραντεβού χρησιμοποιήθηκε ήδη.');
    recordAudit(em, {
      actor: VIDEO_ROOM_ACTOR,
      action: 'appointment.priority_offered',
      entityType: 'appointment',
      entityId: r.id,
      storeId: r.storeId,
      before: null,
      after: { reason: 'video-late', validUntil: expiresAt.toISOString() },
    });
    await em.flush();
    return { rebookUrl: rebookLink(rules.links, secret), validUntil: expiresAt.toISOString() };
  });
}

/** Sets the KEP's alert minutes (its store administrator, checked by the route), audited with the value before. */
export function setVideoAlertMinutes(orm: MikroORM, user: StaffUser, storeId: string, minutes: number): Promise<number> {
  return sqlEm(orm.em.fork()).transactional(async (em) => {
    const before = await videoRoomQueries.alertMinutes(em, storeId);
    const after = await videoRoomQueries.setAlertMinutes(em, storeId, minutes);
    recordAudit(em, { actor: user.sub, action: 'store.video_room', entityType: 'store', entityId: storeId, storeId, before: { alertMinutes: before }, after: { alertMinutes: after } });
    return after;
  });
}
