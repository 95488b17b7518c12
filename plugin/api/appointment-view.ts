import type { Appointment } from '../db/appointment.entity.js';
import type { z } from './zod-openapi.js';
import type { AppointmentView } from './schemas/appointment.schema.js';

/** The JSON shape of an appointment; its queue must be loaded. */
export function toAppointmentView(a: Appointment): z.infer<typeof AppointmentView> {
  const queue = a.queue;
  return {
    id: a.id,
    storeId: a.store.id,
    queueId: queue.id,
    queueName: queue.name,
    startsAt: a.startsAt.toISOString(),
    endsAt: a.endsAt.toISOString(),
    firstName: a.firstName,
    lastName: a.lastName,
    email: a.email ?? null,
    phone: a.phone ?? null,
    notes: a.notes ?? null,
    mode: a.mode,
    status: a.status,
    source: a.source,
    version: a.version,
  };
}
