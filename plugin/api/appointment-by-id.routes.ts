import type { MikroORM } from '@mikro-orm/core';
import { Router, type Request } from 'express';
import { appointmentQueries } from '../db/appointment.queries.js';
import { AuditEvent } from '../db/audit-event.entity.js';
import { requireStaff } from '../auth/staff-session.middleware.js';
import { notFound } from '../http/app-error.js';
import { toAppointmentView } from '../booking/appointment-view.js';
import { readableStores } from '../http/caller-scope.js';
import type { StaffWriteSettings } from './book-appointment.js';
import { cancelAppointment, setAppointmentStatus } from './change-appointment-status.js';
import { editAppointment } from './edit-appointment.js';
import { ifMatchVersion } from '../http/if-match.js';
import type { LiveEvents } from '../live/live-events.js';
import { CancelBody, StatusBody, UpdateAppointmentBody } from '../schemas/appointment.schema.js';
import { z } from '../http/zod-openapi.js';

const IdParams = z.object({ id: z.uuid() });

/** `/appointments/:id`: read, edit and move, cancel, attendance, history — of the caller's KEPs only. */
export function appointmentByIdRoutes(orm: MikroORM, afterChange: () => void, settings: StaffWriteSettings, now: () => Date, live?: LiveEvents): Router {
  const router = Router();

  router.get('/:id', async (req, res) => {
    const a = await appointmentQueries.byId(orm.em, parseId(req), readableStores(requireStaff(req)));
    if (!a) throw notFound('Το ραντεβού δεν βρέθηκε.');
    res.set('ETag', `"${a.version}"`).json(await toAppointmentView(orm.em, a));
  });

  router.patch('/:id', async (req, res) => {
    const user = requireStaff(req);
    const id = parseId(req);
    const input = UpdateAppointmentBody.parse(req.body ?? {});
    const a = await editAppointment(orm, user, id, input, settings, ifMatchVersion(req));
    if (a.email) afterChange(); // only a change with an email wrote an outbox row
    res.set('ETag', `"${a.version}"`).json(await toAppointmentView(orm.em, a));
  });

  router.post('/:id/cancel', async (req, res) => {
    const user = requireStaff(req);
    const id = parseId(req);
    const { reason } = CancelBody.parse(req.body ?? {});
    const a = await cancelAppointment(orm, user, id, reason, settings);
    if (a.email) afterChange(); // only a change with an email wrote an outbox row
    res.set('ETag', `"${a.version}"`).json(await toAppointmentView(orm.em, a));
  });

  router.post('/:id/status', async (req, res) => {
    const user = requireStaff(req);
    const id = parseId(req);
    const { status, reason } = StatusBody.parse(req.body ?? {});
    const a = await setAppointmentStatus(orm, user, id, status, now, reason);
    // After the commit: an arrival marked at the counter joins the live queue at once, an outcome leaves it.
    live?.publish({ kind: status === 'arrived' ? 'arrived' : 'appointments-changed', storeId: a.store.id, queueId: a.queue.id, appointmentId: a.id, at: now().toISOString() });
    res.set('ETag', `"${a.version}"`).json(await toAppointmentView(orm.em, a));
  });

  router.get('/:id/history', async (req, res) => {
    const id = parseId(req);
    const a = await appointmentQueries.byId(orm.em, id, readableStores(requireStaff(req)));
    if (!a) throw notFound('Το ραντεβού δεν βρέθηκε.');
    const events = await orm.em.find(AuditEvent, { entityType: 'appointment', entityId: id, storeId: a.store.id }, { orderBy: { at: 'asc', id: 'asc' } });
    res.json({
      items: events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, action: e.action, changes: diff(e.before, e.after) })),
    });
  });

  return router;
}

function parseId(req: Request): string {
  const parsed = IdParams.safeParse(req.params);
  if (!parsed.success) throw notFound('Το ραντεβού δεν βρέθηκε.');
  return parsed.data.id;
}

function diff(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined) {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  for (const key of new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])) {
    const from = before?.[key] ?? null;
    const to = after?.[key] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[key] = { from, to };
  }
  return changes;
}
