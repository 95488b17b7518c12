import type { MikroORM } from '@mikro-orm/core';
import { Router } from 'express';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { recordAudit } from '../db/record-audit.js';
import { AppError } from '../http/app-error.js';
import { toAppointmentView } from '../booking/appointment-view.js';
import { flushOrStale, loadForChange } from '../api/edit-appointment.js';
import { registerOpenApiPaths } from '../http/openapi.js';
import { AppointmentView } from '../schemas/appointment.schema.js';
import { pathId } from '../http/store-access.js';
import { z } from '../http/zod-openapi.js';

/**
 * `POST /appointments/:id/call-started`: staff record that they started the video call of a myKEPLive
 * appointment. That is the staff's part done on time, so the escalation leaves it alone and the end
 * of the day does not mark it missed by staff; whether the citizen was then served or did not join
 * is still recorded through `/status`. Starting it twice keeps the first time.
 */
export function attendanceRoutes(orm: MikroORM, now: () => Date): Router {
  const router = Router();
  router.post('/:id/call-started', async (req, res) => {
    const user = requireStaff(req);
    const id = pathId(req.params.id);
    const a = await orm.em.transactional(async (em) => {
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
