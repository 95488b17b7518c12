import type { MikroORM } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { AppError } from '../http/app-error.js';
import { flushOrStale, loadForChange } from '../api/edit-appointment.js';

/**
 * Records that staff started the video call of a live myKEPLive appointment (who and when, audited).
 * Starting it twice keeps the first time. No time is taken or freed, so availability stays as it is.
 */
export async function recordCallStarted(orm: MikroORM, user: StaffUser, id: string, now: () => Date): Promise<Appointment> {
  return orm.em.transactional(async (em) => {
    const a = await loadForChange(em, user, id);
    if (a.mode !== 'video') throw new AppError(409, 'not-video', 'Το ραντεβού δεν είναι βιντεοκλήση.');
    if (a.callStartedAt) return a;
    if (a.status !== 'booked' && a.status !== 'arrived') {
      throw new AppError(409, 'not-live', 'Η βιντεοκλήση καταγράφεται μόνο για ραντεβού που δεν έχει ολοκληρωθεί.');
    }
    a.callStartedAt = now();
    a.callStartedBy = user.sub;
    recordAudit(em, {
      actor: user.sub,
      action: 'appointment.call_started',
      entityType: 'appointment',
      entityId: a.id,
      storeId: a.store.id,
      before: { callStartedAt: null },
      after: { callStartedAt: a.callStartedAt.toISOString(), callStartedBy: user.sub },
    });
    await flushOrStale(em);
    return a;
  });
}
