import type { MikroORM } from '@mikro-orm/core';
import { recordAudit } from '../db/record-audit.js';
import { prematureOutcomeProblem, statusChangeProblem } from '../domain/attendance.js';
import { AppError } from '../http/app-error.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { insertCooldown, slotOf } from '../public/holds.js';
import { retryingDeadlocks } from '../booking/stale-holds.js';
import { auditSnapshot } from '../booking/appointment-view.js';
import type { StaffWriteSettings } from './book-appointment.js';
import { flushOrStale, loadForChange } from './edit-appointment.js';
import type { STAFF_SETTABLE_STATUSES } from '../schemas/appointment.schema.js';

/**
 * Cancels an appointment: the record stays (with who, when and why), and a citizen with an email is
 * told. Its slot is free for staff at once, because the no-overlap rule ignores cancelled rows; in a
 * public queue the public sees it again only after the cool-down, as after a citizen's cancellation.
 */
export function cancelAppointment(orm: MikroORM, user: StaffUser, id: string, reason: string, settings: Pick<StaffWriteSettings, 'cooldownMinutes'>) {
  // The cool-down row waits in the no-overlap check for a booking written at the same moment, which
  // may itself wait for this row: PostgreSQL aborts one of the two, and the cancel simply runs again.
  return retryingDeadlocks(() => orm.em.transactional(async (em) => {
    const a = await loadForChange(em, user, id);
    const before = auditSnapshot(a);
    a.status = 'cancelled';
    a.cancelledReason = reason;
    a.statusChangedAt = new Date();
    a.statusChangedBy = user.sub;
    recordAudit(em, { actor: user.sub, action: 'appointment.cancel', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
    if (a.email) addToOutbox(em, 'appointment.cancellation', a);
    await flushOrStale(em);
    await insertCooldown(em, slotOf(a), settings.cooldownMinutes);
    return a;
  }));
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
    a.statusChangedAt = new Date();
    a.statusChangedBy = user.sub;
    a.statusReason = reason || null;
    recordAudit(em, { actor: user.sub, action: 'appointment.status', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: { ...auditSnapshot(a), statusReason: a.statusReason } });
    await flushOrStale(em);
    return a;
  });
}
