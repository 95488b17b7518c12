import type { MikroORM } from '@mikro-orm/core';
import type { Appointment } from '../db/appointment.entity.js';
import { appointmentQueries } from '../db/appointment.queries.js';
import { OutboxMessage } from '../db/outbox-message.entity.js';
import { Procedure } from '../db/procedure.entity.js';
import { recordAudit } from '../db/record-audit.js';
import type { StaffUser } from '../auth/session-data.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { AppError, notFound } from '../http/app-error.js';
import { assertCanWrite, readableStores } from '../http/caller-scope.js';

/**
 * Writes the polite notice (circular 000) to the outbox with its audit event, in one transaction: a
 * booked video appointment whose procedure cannot be served remotely, a citizen with an email, once
 * per appointment. The booking stays, so availability stays as it is.
 */
export async function sendPoliteNotice(orm: MikroORM, user: StaffUser, id: string): Promise<{ a: Appointment; outboxId: string }> {
  return orm.em.transactional(async (em) => {
    const a = await appointmentQueries.byId(em, id, readableStores(user));
    if (!a || a.status === 'held') throw notFound('Το ραντεβού δεν βρέθηκε.');
    assertCanWrite(user, a.store.id);
    if (a.status !== 'booked') throw new AppError(409, 'not-booked', 'Η ειδοποίηση στέλνεται μόνο για ραντεβού σε κατάσταση «κλεισμένο».');
    if (a.mode !== 'video') throw new AppError(409, 'not-video', 'Το ραντεβού δεν είναι βιντεοκλήση.');
    const procedure = a.procedureId ? await em.findOne(Procedure, a.procedureId) : null;
    if (procedure?.videoEligible) throw new AppError(409, 'video-eligible', `Η διαδικασία «${procedure.name}» εξυπηρετείται με βιντεοκλήση.`);
    if (!a.email) throw new AppError(409, 'no-email', 'Ο πολίτης δεν έχει δηλώσει email· ενημερώστε τον τηλεφωνικά.');
    if (await em.count(OutboxMessage, { appointment: a.id, kind: 'appointment.video-not-eligible' })) {
      throw new AppError(409, 'already-notified', 'Ο πολίτης έχει ήδη ειδοποιηθεί για αυτό το ραντεβού.');
    }
    const message = addToOutbox(em, 'appointment.video-not-eligible', a);
    recordAudit(em, {
      actor: user.sub,
      action: 'appointment.polite-notice',
      entityType: 'appointment',
      entityId: a.id,
      storeId: a.store.id,
      after: { kind: 'appointment.video-not-eligible', procedureId: procedure?.id ?? null },
    });
    await em.flush();
    return { a, outboxId: message.id };
  });
}
