import type { MikroORM } from '@mikro-orm/core';
import { recordAudit } from '../db/record-audit.js';
import { prematureOutcomeProblem, statusChangeProblem } from '../domain/attendance.js';
import { AppError } from '../http/app-error.js';
import type { StaffUser } from '../auth/session-data.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import { inTimeTransaction } from '../booking/booking-core.js';
import { coolDown, lockForChange, markCancelled, slotOf } from '../booking/free-time.js';
import type { StaffWriteSettings } from './book-appointment.js';
import { flushOrStale, loadForChange } from './edit-appointment.js';
import type { STAFF_SETTABLE_STATUSES } from '../schemas/appointment.schema.js';

/**
 * Cancels an appointment: the record stays (with who, when and why), and a citizen with an email is
 * told. Its slot is free for staff at once, because the no-overlap rule ignores cancelled rows; in a
 * public queue the public sees it again only after the cool-down, as after a citizen's cancellation.
 * Under its queue's locks (see LOCK ORDER), so the cool-down never waits for a booking in the constraint.
 */
export function cancelAppointment(orm: MikroORM, user: StaffUser, id: string, reason: string, settings: Pick<StaffWriteSettings, 'cooldownMinutes' | 'now' | 'slotsChanged'>) {
  return inTimeTransaction(orm, settings, async (em, changed) => {
    const now = settings.now();
    const a = await loadForChange(em, user, id);
    await lockForChange(em, a);
    markCancelled(em, a, { actor: user.sub, reason, now });
    await flushOrStale(em);
    await coolDown(em, changed, slotOf(a), settings.cooldownMinutes, now);
    return a;
  });
}

/**
 * Records attendance through the day — arrived, served, did not come — or undoes a mistaken mark. An
 * appointment the end of the day marked as missed by staff is corrected only with a reason (issue 8),
 * which the audit keeps. An outcome is never recorded before its time (`now`, the attendance clock):
 * arrival from shortly before the start, served and did-not-come from the start (409 not-started).
 */
export function setAppointmentStatus(orm: MikroORM, user: StaffUser, id: string, status: (typeof STAFF_SETTABLE_STATUSES)[number], now: () => Date, reason?: string) {
  return orm.em.transactional(async (em) => {
    const a = await loadForChange(em, user, id);
    if (a.status === status) return a;
    const problem = statusChangeProblem(a.status, status, reason) ?? prematureOutcomeProblem(a.status, status, a.startsAt, now(), a.store.timeZone);
    if (problem?.code === 'reason-required') throw new AppError(400, 'validation', problem.message, { errors: [{ path: 'reason', message: problem.message }] });
    if (problem) throw new AppError(409, problem.code, problem.message);
    const before = { ...auditSnapshot(a), statusReason: a.statusReason ?? null };
    a.status = status;
    a.statusChangedAt = now();
    a.statusChangedBy = user.sub;
    a.statusReason = reason || null;
    // The live queue and the waiting-time reports start from the arrival; an undone arrival is none.
    if (status === 'arrived') a.arrivedAt = a.statusChangedAt;
    else if (status === 'booked') a.arrivedAt = null;
    recordAudit(em, { actor: user.sub, action: 'appointment.status', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: { ...auditSnapshot(a), statusReason: a.statusReason } });
    await flushOrStale(em);
    return a;
  });
}
