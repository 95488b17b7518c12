import { defineEntity, p } from '@mikro-orm/core';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES } from '../domain/appointment-status.js';
import { Queue } from './queue.entity.js';
import { Store } from './store.entity.js';

/** A citizen's visit (or video call) in one queue; overlap is refused by the database itself. */
export const AppointmentSchema = defineEntity({
  name: 'Appointment',
  tableName: 'appointment',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    store: () => p.manyToOne(Store),
    queue: () => p.manyToOne(Queue),
    startsAt: p.datetime(),
    endsAt: p.datetime(),
    firstName: p.string().length(100),
    lastName: p.string().length(100),
    email: p.string().length(254).nullable(),
    phone: p.string().length(32).nullable(),
    notes: p.string().length(2000).nullable(),
    mode: p.enum(['in_person', 'video'] as const).default('in_person'),
    status: p.enum(APPOINTMENT_STATUSES).default('booked'),
    source: p.enum(APPOINTMENT_SOURCES).default('phone'),
    createdBy: p.string().length(200),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Appointment extends AppointmentSchema.class {}
AppointmentSchema.setClass(Appointment);
