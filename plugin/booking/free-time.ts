import type { EntityManager } from '@mikro-orm/core';
import type { SqlEntityManager } from '@mikro-orm/sql';
import type { Appointment } from '../db/appointment.entity.js';
import { bookingQueries, type DateRange, type LockedQueueRow, type ScheduleFacts, type StoreJson } from '../db/booking.queries.js';
import type { Queue } from '../db/queue.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { auditSnapshot } from './appointment-view.js';
import { ScheduleChanged, type ChangedTimes } from './booking-core.js';
import { datesAround, recordFreed } from './claim-time.js';

/** A time an appointment just let go of. */
export interface FreedSlot {
  storeId: string;
  zone: string;
  queue: Pick<Queue, 'id' | 'public' | 'active'>;
  startsAt: Date;
  endsAt: Date;
  mode: 'in_person' | 'video';
}

/** The time an appointment holds, as a {@link FreedSlot}; its queue and KEP must be loaded. */
export function slotOf(a: Appointment): FreedSlot {
  return { storeId: a.store.id, zone: a.store.timeZone, queue: a.queue, startsAt: a.startsAt, endsAt: a.endsAt, mode: a.mode };
}

/**
 * Takes the locks (see LOCK ORDER in booking-core.ts) for a change of an appointment already
 * loaded: its own queue's, and those of `otherQueueIds` (where it moves), with the schedule of the
 * dates around `typed` read under them.
 */
export async function lockForChange(
  em: SqlEntityManager,
  a: Appointment,
  { otherQueueIds = [], typed = a.startsAt, citizenKey = null }: { otherQueueIds?: readonly string[]; typed?: Date; citizenKey?: string | null } = {},
): Promise<{ queues: LockedQueueRow[]; store: StoreJson | null; schedule: ScheduleFacts & { dates: DateRange } }> {
  const dates = datesAround(typed);
  const locked = await bookingQueries.lockTimes(em, { storeId: a.store.id, queueIds: [...new Set([a.queue.id, ...otherQueueIds])], dates, citizenKey });
  return { ...locked, schedule: { ...locked.schedule, dates } };
}

/**
 * For a write that goes through the unit of work (a move): the schedule it checked is still the one
 * in force, else {@link ScheduleChanged} (the transaction runs again); then the lapsed holds (and
 * with `cooldownToo` the cool-downs) in [startsAt, endsAt) of the queue go, so the exclusion
 * constraint sees only live rows.
 */
export async function clearWay(
  em: SqlEntityManager,
  changed: ChangedTimes,
  store: Pick<StoreJson, 'id' | 'time_zone'>,
  schedule: { dates: DateRange; fingerprint: string },
  way: { queueId: string; startsAt: Date; endsAt: Date; now: Date; cooldownToo: boolean },
): Promise<void> {
  if (!(await bookingQueries.scheduleUnchanged(em, store.id, schedule.dates, schedule.fingerprint))) throw new ScheduleChanged();
  recordFreed(changed, store, await bookingQueries.clearStaleHolds(em, way.queueId, way.startsAt, way.endsAt, way.now, way.cooldownToo));
}

/**
 * Marks an appointment cancelled in the caller's unit of work: who, when (`now`) and why, its audit
 * event and, with an email, the cancellation email (`emailReason`: a reason written for the public,
 * which the email tells). The record stays; the time is free for staff at once (the no-overlap rule
 * ignores cancelled rows). The caller flushes, then lets the public have it through {@link coolDown}.
 */
export function markCancelled(em: EntityManager, a: Appointment, c: { actor: string; reason: string; now: Date; emailReason?: string | null }): void {
  const before = auditSnapshot(a);
  a.status = 'cancelled';
  a.cancelledReason = c.reason;
  a.statusChangedAt = c.now;
  a.statusChangedBy = c.actor;
  recordAudit(em, { actor: c.actor, action: 'appointment.cancel', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
  if (a.email) addToOutbox(em, 'appointment.cancellation', a, c.emailReason === undefined ? {} : { reason: c.emailReason });
}

/**
 * A time an appointment let go of (cancelled or moved away), after the caller's flush and under its
 * queue's locks: recorded for the hook and, in a public queue, kept out of public view for a while
 * (a cool-down), so that the people refreshing the page all day do not take every freed time from
 * those who book once. Nothing is kept back for a private or inactive queue, a time already started
 * (at `now`), or when something else already took the time. Staff booking clears it.
 */
export async function coolDown(em: SqlEntityManager, changed: ChangedTimes, slot: FreedSlot, minutes: number, now: Date): Promise<void> {
  changed.add(slot.storeId, slot.queue.id, slot.zone, slot.startsAt, slot.endsAt);
  if (minutes <= 0 || !slot.queue.public || !slot.queue.active || slot.startsAt <= now) return;
  await bookingQueries.insertCooldown(em, { storeId: slot.storeId, queueId: slot.queue.id, startsAt: slot.startsAt, endsAt: slot.endsAt, mode: slot.mode }, now, minutes);
}
