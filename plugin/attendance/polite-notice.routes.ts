import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { toAppointmentView } from '../booking/appointment-view.js';
import { sendPoliteNotice } from './polite-notice.js';
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
    const { a, outboxId } = await sendPoliteNotice(orm, user, id);
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
