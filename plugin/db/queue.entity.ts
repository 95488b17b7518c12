import { defineEntity, p } from '@mikro-orm/core';
import type { WeeklyHours } from '../domain/weekly-hours.js';
import { Store } from './store.entity.js';

/** The availability of one employee: a queue holds at most one appointment at a time. */
export const QueueSchema = defineEntity({
  name: 'Queue',
  tableName: 'queue',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    store: () => p.manyToOne(Store),
    name: p.string().length(200),
    isDefault: p.boolean().default(false),
    mode: p.enum(['in_person', 'video'] as const).default('in_person'),
    slotMinutes: p.integer().default(15),
    weeklyHours: p.json<WeeklyHours>(),
    active: p.boolean().default(true),
    public: p.boolean().default(false),
    /** The employee who serves the queue (their SSO subject and name); one queue per employee in a KEP. */
    employeeSub: p.string().length(200).nullable(),
    employeeName: p.string().length(200).nullable(),
    createdAt: p.datetime().defaultRaw('now()'),
    updatedAt: p.datetime().defaultRaw('now()').onUpdate(() => new Date()),
  },
});

export class Queue extends QueueSchema.class {}
QueueSchema.setClass(Queue);
