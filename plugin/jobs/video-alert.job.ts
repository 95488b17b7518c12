import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { LiveEvents } from '../live/live-events.js';
import type { AttendanceSettings } from './attendance-options.js';
import { alertAppointment } from './escalation.job.js';
import { JOB_LOCKS, sql, withJobLock, type Locked } from './job-lock.js';

/** The actor of the audit events this job writes. */
export const VIDEO_ALERT_ACTOR = 'system:video-alert';

/** What one pass did: the appointments alerted (ids, for the live events after the commit), the emails written. */
export interface VideoAlertResult {
  alerted: { id: string; storeId: string; queueId: string }[];
  alerts: number;
}

interface Candidate {
  id: string;
  store_id: string;
  queue_id: string;
  starts_at: Date | string;
  video_waiting_at: Date | string;
  minutes: number;
  code: string;
  contact_email: string | null;
}

const BATCH = 500;

/**
 * The video late-start alert under its advisory lock, at every tick; after the commit, the KEP's
 * screens are told of each alert at once (`attention`), as the escalation's email tells its administrator.
 */
export async function runVideoAlert(orm: MikroORM, now: Date, settings: AttendanceSettings, live?: LiveEvents): Promise<Locked<VideoAlertResult>> {
  const r = await withJobLock(orm, JOB_LOCKS.videoAlert, (em) => alertLateVideoCalls(em, now, settings));
  if (r.ran) for (const a of r.value.alerted) live?.publish({ kind: 'attention', storeId: a.storeId, queueId: a.queueId, appointmentId: a.id, at: now.toISOString() });
  return r;
}

/**
 * Raises the alert of every video appointment whose citizen waits in the waiting room while nobody
 * started the call, `store.video_alert_minutes` after the later of its start and the citizen's first
 * «Περιμένω» (a citizen early is not kept waiting past the start; one who came late gets the same
 * minutes from their arrival). Once: `video_alert_at` is set, audited, and the KEP's administrator
 * gets the `staff.attention` email with reason 'video-late' (one per recipient, whatever runs twice).
 */
export async function alertLateVideoCalls(em: EntityManager, now: Date, settings: AttendanceSettings): Promise<VideoAlertResult> {
  // All KEPs at once: a system job, not a person's request, so no caller's store scope applies.
  const rows = await sql<Candidate>(
    em,
    `select a.id, a.store_id, a.queue_id, a.starts_at, a.video_waiting_at, s.video_alert_minutes as minutes, s.code, s.contact_email
       from appointment a join store s on s.id = a.store_id
      where a.video_waiting_at is not null and a.video_alert_at is null and a.call_started_at is null
        and a.mode = 'video' and a.status in ('booked', 'arrived')
        and greatest(a.starts_at, a.video_waiting_at) + make_interval(mins => s.video_alert_minutes) <= ?
      order by a.video_waiting_at
      limit ${BATCH}
      for update of a skip locked`,
    [now],
  );
  if (rows.length === 0) return { alerted: [], alerts: 0 };
  const marked = await sql<{ id: string }>(
    em,
    `update appointment set video_alert_at = ? where id = any(array[?]::uuid[]) and video_alert_at is null and call_started_at is null returning id`,
    [now, rows.map((r) => r.id)],
  );
  const ids = new Set(marked.map((m) => m.id));
  let alerts = 0;
  const alerted: VideoAlertResult['alerted'] = [];
  for (const r of rows) {
    if (!ids.has(r.id)) continue;
    alerts += await alertAppointment(em, settings, r, { reason: 'video-late', actor: VIDEO_ALERT_ACTOR, action: 'appointment.video_alert', flag: 'videoAlertAt', now, afterMinutes: Number(r.minutes) });
    alerted.push({ id: r.id, storeId: r.store_id, queueId: r.queue_id });
  }
  await em.flush();
  return { alerted, alerts };
}
