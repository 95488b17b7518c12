import type { Appointment } from '../db/appointment.entity.js';
import type { Queue } from '../db/queue.entity.js';
import type { ScheduleException } from '../db/schedule-exception.entity.js';
import type { QueueSchedule } from '../domain/day-schedule.js';
import type { z } from '../http/zod-openapi.js';
import type { AffectedAppointment, QueueView } from '../schemas/queue.schema.js';
import type { ExceptionView } from '../schemas/schedule.schema.js';

/** The JSON shape of a queue. */
export function toQueueView(q: Queue): z.infer<typeof QueueView> {
  return {
    id: q.id,
    storeId: q.store.id,
    name: q.name,
    isDefault: q.isDefault,
    mode: q.mode,
    slotMinutes: q.slotMinutes,
    weeklyHours: q.weeklyHours,
    active: q.active,
    public: q.public,
    employee: q.employeeSub ? { sub: q.employeeSub, name: q.employeeName ?? q.employeeSub } : null,
  };
}

/** The JSON shape of an exception. */
export function toExceptionView(e: ScheduleException): z.infer<typeof ExceptionView> {
  return {
    id: e.id,
    storeId: e.store.id,
    queueId: e.queue?.id ?? null,
    startDate: e.startDate,
    endDate: e.endDate,
    hours: e.hours ?? null,
    reason: e.reason,
    recursYearly: e.recursYearly,
  };
}

/** An appointment a change would orphan, as the 409 lists it: enough for the administrator to decide. */
export function toAffectedView(a: Appointment): z.infer<typeof AffectedAppointment> {
  return {
    id: a.id,
    queueId: a.queue.id,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    firstName: a.firstName,
    lastName: a.lastName,
    hasEmail: !!a.email,
  };
}

/** A queue in the engine's terms, plus its mode (appointments must match it). */
export type QueueState = QueueSchedule & { mode: 'in_person' | 'video' };

/** The engine's view of a queue entity. */
export function toQueueState(q: Queue): QueueState {
  return { id: q.id, weeklyHours: q.weeklyHours, slotMinutes: q.slotMinutes, active: q.active, mode: q.mode };
}
