import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { appointmentQueries } from '../db/appointment.queries.js';
import { OutboxMessage } from '../db/outbox-message.entity.js';
import { Procedure } from '../db/procedure.entity.js';
import { recordAudit } from '../db/record-audit.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { addToOutbox } from '../outbox/outbox-writer.js';
import { AppError, notFound } from '../http/app-error.js';
import { toAppointmentView } from '../booking/appointment-view.js';
import { assertCanWrite, readableStores } from '../http/caller-scope.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { AppointmentView } from '../schemas/appointment.schema.js';
import { pathId } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/** What the polite notice answers: the outbox row, and the appointment as it now shows (`politeNoticeSentAt` set). */
export const PoliteNoticeView = z
  .object({ appointmentId: z.uuid(), kind: z.literal('appointment.video-not-eligible'), outboxId: z.uuid(), appointment: AppointmentView })
  .openapi('PoliteNotice');

/**
 * `POST /appointments/:id/polite-notice` (circular 000): staff tell a citizen who booked a video call
 * for a procedure that cannot be served remotely, politely and early, what to do instead (visit in
 * person, or the ΕΛΤΑ arrangement). An email goes out through the outbox; the booking stays.
 */
export function politeNoticeRoutes(orm: MikroORM, afterChange: () => void): Router {
  const router = Router();
  router.post('/:id/polite-notice', async (req, res) => {
    const user = requireStaff(req);
    const id = pathId(req.params.id);
    const { a, outboxId } = await orm.em.transactional(async (em) => {
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
    afterChange();
    res.status(202).json({ appointmentId: a.id, kind: 'appointment.video-not-eligible', outboxId, appointment: await toAppointmentView(orm.em, a) });
  });
  return router;
}

registerOpenApiPaths((registry, problem) => {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/appointments/{id}/polite-notice',
    summary: 'Email the citizen of a video appointment whose procedure cannot be served remotely what to do instead; the booking stays',
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      202: { description: 'The email is in the outbox', content: { 'application/json': { schema: PoliteNoticeView } } },
      404: problem('No such appointment, or not of your KEPs'),
      409: problem('Not a booked video appointment, the procedure is video-eligible, no email, or already notified'),
    },
  });
});
