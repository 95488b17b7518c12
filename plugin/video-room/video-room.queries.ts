import type { EntityManager } from '@mikro-orm/core';
import { hashSecret } from '../auth/secrets.js';
import { sqlEm } from '../db/sql-em.js';
import { isVideoRoomToken } from '../domain/video-room.js';

/** What the waiting room reads of an appointment and its KEP: nothing of the citizen but the language they booked in. */
export interface RoomRow {
  id: string;
  storeId: string;
  queueId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  videoLink: string;
  waitingAt: Date | null;
  alertAt: Date | null;
  callStartedAt: Date | null;
  language: 'el' | 'en';
  storeName: string;
  timeZone: string;
  alertMinutes: number;
}

const ROOM_COLUMNS = `a.id, a.store_id as "storeId", a.queue_id as "queueId", a.status, a.starts_at as "startsAt", a.ends_at as "endsAt",
  a.video_link as "videoLink", a.video_waiting_at as "waitingAt", a.video_alert_at as "alertAt", a.call_started_at as "callStartedAt",
  a.language, s.name as "storeName", s.time_zone as "timeZone", s.video_alert_minutes as "alertMinutes"`;

const run = <T>(em: EntityManager, sql: string, params: unknown[]) => sqlEm(em).execute<T[]>(sql, params);

/** Dates come back as strings on some drivers (PGlite's raw rows): one shape for the callers. */
function normalise(r: RoomRow): RoomRow {
  const at = (v: Date | string | null) => (v === null ? null : new Date(v));
  return { ...r, startsAt: at(r.startsAt)!, endsAt: at(r.endsAt)!, waitingAt: at(r.waitingAt), alertAt: at(r.alertAt), callStartedAt: at(r.callStartedAt), alertMinutes: Number(r.alertMinutes) };
}

/**
 * The named queries of the video waiting room. The room token is the only key a citizen has: it is
 * looked up by its SHA-256 (`video_room_key`, unique), so another appointment cannot be named.
 */
export const videoRoomQueries = {
  /** The video appointment a waiting-room token names (held ones never), or null; `forUpdate` locks its row. */
  async byToken(em: EntityManager, token: string, { forUpdate = false } = {}): Promise<RoomRow | null> {
    // Anything not shaped like a token of ours is not hashed or looked up.
    if (!isVideoRoomToken(token)) return null;
    const [row] = await run<RoomRow>(
      em,
      `select ${ROOM_COLUMNS} from appointment a join store s on s.id = a.store_id
        where a.video_room_key = ? and a.mode = 'video' and a.status <> 'held' and a.video_link is not null${forUpdate ? ' for update of a' : ''}`,
      [hashSecret(token)],
    );
    return row ? normalise(row) : null;
  },

  /** Records the first «Περιμένω» (a later one keeps it); answers whether this was the first. */
  async markWaiting(em: EntityManager, id: string, now: Date): Promise<boolean> {
    const rows = await run<{ id: string }>(em, `update appointment set video_waiting_at = ? where id = ? and video_waiting_at is null returning id`, [now, id]);
    return rows.length > 0;
  },

  /** The KEP's alert minutes (store administrators set them). */
  async alertMinutes(em: EntityManager, storeId: string): Promise<number> {
    const [row] = await run<{ m: number }>(em, `select video_alert_minutes as m from store where id = ?`, [storeId]);
    return Number(row!.m);
  },

  /** Sets the KEP's alert minutes; the column's check holds the range too. */
  async setAlertMinutes(em: EntityManager, storeId: string, minutes: number): Promise<number> {
    const [row] = await run<{ m: number }>(em, `update store set video_alert_minutes = ? where id = ? returning video_alert_minutes as m`, [minutes, storeId]);
    return Number(row!.m);
  },
};
