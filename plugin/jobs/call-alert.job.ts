import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { ESCALATION_LOOKBACK_MS } from '../domain/attendance.js';
import type { LiveEvent } from '../live/live-events.js';
import type { AttendanceSettings } from './attendance-options.js';
import { alertAppointment } from './escalation.job.js';
import { JOB_LOCKS, sql, withJobLock, type Locked } from './job-lock.js';

/** The actor of the audit events this job writes. */
export const CALL_ALERT_ACTOR = 'system:call-alert';

/** What one pass did: citizens flagged, alert emails written, and the events to publish after the commit. */
export interface CallAlertResult {
  flagged: number;
  alerts: number;
  events: LiveEvent[];
}

interface Candidate {
  id: string;
  store_id: string;
  queue_id: string;
  code: string;
  contact_email: string | null;
  minutes: number;
}

/** At most this many per pass; the next tick takes the rest. */
const BATCH = 500;

/** The call alert under its advisory lock: run it at every tick on every instance. */
export function runCallAlert(orm: MikroORM, now: Date, settings: AttendanceSettings): Promise<Locked<CallAlertResult>> {
  return withJobLock(orm, JOB_LOCKS.callAlert, (em) => raiseCallAlerts(em, now, settings));
}

/**
 * Flags every citizen who arrived and whom nobody called for their KEP's `call_alert_minutes`,
 * counted from the later of the arrival and the appointment's start (a citizen who comes early is
 * not yet owed a call). The operator's screen shows the flag (the caller publishes an `attention`
 * event after the commit), and the KEP's administrator gets one `staff.attention` email per address
 * with the reason 'not-called'. Flagged once: `call_alert_at` is set, and the outbox's unique index
 * keeps one alert per appointment, address and reason whatever runs twice. Arrivals older than the
 * escalation's look-back are left alone (the end of the day has passed over them).
 */
export async function raiseCallAlerts(em: EntityManager, now: Date, settings: AttendanceSettings): Promise<CallAlertResult> {
  // All KEPs at once: a system job, not a person's request, so no caller's store scope applies.
  const rows = await sql<Candidate>(
    em,
    `select a.id, a.store_id, a.queue_id, s.code, s.contact_email, s.call_alert_minutes as minutes
       from appointment a join store s on s.id = a.store_id
      where a.status = 'arrived' and a.called_at is null and a.call_alert_at is null and a.arrived_at is not null
        and greatest(a.arrived_at, a.starts_at) > ?
        and greatest(a.arrived_at, a.starts_at) + make_interval(mins => s.call_alert_minutes) <= ?
      order by a.arrived_at
      limit ${BATCH}
      for update of a skip locked`,
    [new Date(now.getTime() - ESCALATION_LOOKBACK_MS), now],
  );
  if (rows.length === 0) return { flagged: 0, alerts: 0, events: [] };
  await sql(em, `update appointment set call_alert_at = ? where id = any(array[?]::uuid[])`, [now, rows.map((r) => r.id)]);
  let alerts = 0;
  for (const r of rows) {
    alerts += await alertAppointment(em, settings, r, { reason: 'not-called', actor: CALL_ALERT_ACTOR, action: 'appointment.call_alert', flag: 'callAlertAt', now, afterMinutes: r.minutes });
  }
  await em.flush();
  const events = rows.map((r): LiveEvent => ({ kind: 'attention', storeId: r.store_id, queueId: r.queue_id, appointmentId: r.id, at: now.toISOString() }));
  return { flagged: rows.length, alerts, events };
}
