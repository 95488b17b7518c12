import { defineEntity, p } from '@mikro-orm/core';
import type { HoursInterval } from '../domain/weekly-hours.js';
import { Queue } from './queue.entity.js';
import { Store } from './store.entity.js';

/**
 * A closure (`hours` null) or changed hours of a whole KEP (`queue` null) or of one queue, for the
 * dates from `startDate` to `endDate` (both included, local days). `recursYearly` repeats it every
 * year on the same calendar days: a town's patron saint is typed once.
 */
export const ScheduleExceptionSchema = defineEntity({
  name: 'ScheduleException',
  tableName: 'schedule_exception',
  properties: {
    id: p.uuid().primary().onCreate(() => crypto.randomUUID()),
    store: () => p.manyToOne(Store),
    queue: () => p.manyToOne(Queue).nullable().deleteRule('cascade'),
    startDate: p.date(),
    endDate: p.date(),
    hours: p.json<HoursInterval[]>().nullable(),
    reason: p.string().length(200),
    recursYearly: p.boolean().default(false),
    createdBy: p.string().length(200),
    createdAt: p.datetime().onCreate(() => new Date()),
  },
});

export class ScheduleException extends ScheduleExceptionSchema.class {}
ScheduleExceptionSchema.setClass(ScheduleException);
