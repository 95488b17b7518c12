import { defineEntity, p } from '@mikro-orm/core';
import { APPOINTMENT_SOURCES, APPOINTMENT_STATUSES } from '../domain/appointment-status.js';
import { searchKey } from '../domain/search-key.js';
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
    taxId: p.string().length(9).nullable(),
    businessName: p.string().length(200).nullable(),
    businessTaxId: p.string().length(9).nullable(),
    procedure: p.string().length(300).nullable(),
    // Kept in step with the names on every write, so search never has to transform the table.
    searchKey: p
      .string()
      .length(300)
      .default('')
      .onCreate((a: PersonName) => nameSearchKey(a))
      .onUpdate((a: PersonName) => nameSearchKey(a)),
    mode: p.enum(['in_person', 'video'] as const).default('in_person'),
    status: p.enum(APPOINTMENT_STATUSES).default('booked'),
    source: p.enum(APPOINTMENT_SOURCES).default('phone'),
    createdBy: p.string().length(200),
    statusChangedAt: p.datetime().nullable(),
    statusChangedBy: p.string().length(200).nullable(),
    cancelledReason: p.string().length(500).nullable(),
    version: p.integer().version(),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()).onUpdate(() => new Date()),
  },
});

export class Appointment extends AppointmentSchema.class {}

interface PersonName {
  firstName: string;
  lastName: string;
}

function nameSearchKey(a: PersonName): string {
  return `${searchKey(a.firstName)} ${searchKey(a.lastName)}`.slice(0, 300);
}
AppointmentSchema.setClass(Appointment);
