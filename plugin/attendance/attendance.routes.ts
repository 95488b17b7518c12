import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { toAppointmentView } from '../booking/appointment-view.js';
import type { LiveEvents } from '../live/live-events.js';
import { recordCallStarted } from './record-call-started.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { AppointmentView } from '../schemas/appointment.schema.js';
import { pathId } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/**
 * `POST /appointments/:id/call-started`: staff record that they started the video call of a myKEPLive
 * appointment. That is the staff's part done on time, so the escalation leaves it alone and the end
 * of the day does not mark it missed by staff; whether the citizen was then served or did not join
 * is still recorded through `/status`. Starting it twice keeps the first time. The KEP's live events
 * tell its screens and the citizen's video waiting room at once.
 */
export function attendanceRoutes(orm: MikroORM, now: () => Date, live?: LiveEvents): Router {
  const router = Router();
  router.post('/:id/call-started', async (req, res) => {
    const user = requireStaff(req);
    const id = pathId(req.params.id);
    const a = await recordCallStarted(orm, user, id, now);
    // Other screens of the KEP and the citizen's video waiting room show the start at once.
    live?.publish({ kind: 'appointments-changed', storeId: a.store.id, queueId: a.queue.id, appointmentId: a.id, at: now().toISOString() });
    res.set('ETag', `"${a.version}"`).json(await toAppointmentView(orm.em, a));
  });
  return router;
}

registerOpenApiPaths((registry, problem) => {
  registry.registerPath({
    method: 'post',
    path: '/api/v1/appointments/{id}/call-started',
    summary: 'Record that staff started the video call of a myKEPLive appointment (who and when, audited); a second call keeps the first time',
    request: { params: z.object({ id: z.uuid() }) },
    responses: {
      200: { description: 'Recorded', content: { 'application/json': { schema: AppointmentView } } },
      403: problem('Read-only access, or missing CSRF token'),
      404: problem('No such appointment, or not of your KEPs'),
      409: problem('Not a video appointment, cancelled, or already over'),
    },
  });
});
