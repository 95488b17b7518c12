import type { MikroORM } from '@mikro-orm/core';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { auditSnapshot } from './appointment-view.js';
import { flushOrStale, loadForChange } from './edit-appointment.js';
import type { STAFF_SETTABLE_STATUSES } from './schemas/appointment.schema.js';

/**
 * Cancels an appointment: the record stays (with who, when and why), its slot is free at once because
 * the no-overlap rule ignores cancelled rows, and a citizen with an email is told.
 */
export function cancelAppointment(orm: MikroORM, user: StaffUser, id: string, reason: string) {
  return orm.em.transactional(async (em) => {
    const a = await loadForChange(em, user, id);
    const before = auditSnapshot(a);
    a.status = 'cancelled';
    a.cancelledReason = reason;
    a.statusChangedAt = new Date();
    a.statusChangedBy = user.sub;
    recordAudit(em, { actor: user.sub, action: 'appointment.cancel', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
    if (a.email) addToOutbox(em, 'appointment.cancellation', a);
    await flushOrStale(em);
    return a;
  });
}

/** Records attendance through the day — arrived, served, did not come — or undoes a mistaken mark. */
export function setAppointmentStatus(orm: MikroORM, user: StaffUser, id: string, status: (typeof STAFF_SETTABLE_STATUSES)[number]) {
  return orm.em.transactional(async (em) => {
    const a = await loadForChange(em, user, id);
    if (a.status === status) return a;
    const before = auditSnapshot(a);
    a.status = status;
    a.statusChangedAt = new Date();
    a.statusChangedBy = user.sub;
    recordAudit(em, { actor: user.sub, action: 'appointment.status', entityType: 'appointment', entityId: a.id, storeId: a.store.id, before, after: auditSnapshot(a) });
    await flushOrStale(em);
    return a;
  });
}
