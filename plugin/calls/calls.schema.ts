import { z } from '../http/zod-openapi.js';

/** `POST /stores/:storeId/queues/:queueId/calls`: nothing (call the next citizen) or the appointment to call again. */
export const CallBody = z
  .object({
    appointmentId: z
      .uuid({ error: 'Το ραντεβού που καλείτε ξανά δεν είναι έγκυρο.' })
      .optional()
      .openapi({ description: 'Recall: the arrived appointment whose number is announced again (or called out of turn). Without it, the next citizen is called.' }),
  })
  .strict()
  .openapi('Call');

/** One arrived citizen in the operator's live queue (a staff API: names are shown there). */
export const QueueEntry = z
  .object({
    appointmentId: z.uuid(),
    number: z.number().int().nullable().openapi({ description: 'The ticket’s number of the day; null until the citizen has a ticket (given at the first call)' }),
    reference: z.string(),
    firstName: z.string(),
    lastName: z.string(),
    time: z.string().openapi({ description: 'The appointment’s start, the KEP’s local "HH:mm"' }),
    startsAt: z.string(),
    arrivedAt: z.string().nullable(),
    calledAt: z.string().nullable(),
    calledBy: z.string().nullable(),
    status: z.string(),
    alert: z.boolean().openapi({ description: 'The call alert was raised: arrived and not called for the KEP’s call alert minutes' }),
  })
  .openapi('QueueEntry');

/** `GET /stores/:storeId/live-queue`: each in-person queue of the KEP's day, its waiting citizens and its latest calls. */
export const LiveQueueView = z
  .object({
    storeId: z.uuid(),
    day: z.string(),
    callAlertMinutes: z.number().int(),
    queues: z.array(
      z.object({
        id: z.uuid(),
        name: z.string(),
        employee: z.object({ sub: z.string(), name: z.string() }).nullable(),
        mine: z.boolean().openapi({ description: 'The caller is the queue’s employee' }),
        canCall: z.boolean().openapi({ description: 'The caller may call in this queue (its employee, a store administrator, or any operator when the queue has no employee)' }),
        waiting: z.array(QueueEntry).openapi({ description: 'Arrived and not called, in order of appointment time' }),
        called: z.array(QueueEntry).openapi({ description: 'The latest calls of the day, latest first' }),
      }),
    ),
  })
  .openapi('LiveQueue');

/** The answer to a call: what the display announces. */
export const CallView = z
  .object({
    appointmentId: z.uuid(),
    queue: z.object({ id: z.uuid(), name: z.string() }),
    number: z.number().int(),
    reference: z.string(),
    time: z.string(),
    calledAt: z.string(),
    recall: z.boolean().openapi({ description: 'The number had been called before (announced again)' }),
  })
  .openapi('CallView');

/** One call as the waiting-room display shows it: a number and a queue, never the citizen. */
export const DisplayCall = z
  .object({ appointmentId: z.uuid(), queueId: z.uuid(), queueName: z.string(), number: z.number().int(), calledAt: z.string() })
  .openapi('DisplayCall');

/** `GET /stores/:storeId/display/calls`: the day's latest calls, latest first. */
export const DisplayCallsQuery = z.object({
  limit: z.coerce.number({ error: 'Το πλήθος κλήσεων είναι αριθμός.' }).int().min(1).max(50).default(10),
});

/** `PUT /stores/:storeId/live-queue/settings`: after how many minutes an arrived, uncalled citizen raises the call alert. */
export const LiveQueueSettings = z
  .object({
    callAlertMinutes: z
      .number({ error: 'Συμπληρώστε μετά από πόσα λεπτά αναμονής χωρίς κλήση ειδοποιείται ο διαχειριστής.' })
      .int('Τα λεπτά είναι ακέραιος αριθμός.')
      .min(1, 'Η ειδοποίηση γίνεται τουλάχιστον 1 λεπτό μετά την άφιξη.')
      .max(120, 'Η ειδοποίηση γίνεται το πολύ 120 λεπτά μετά την άφιξη.'),
  })
  .strict()
  .openapi('LiveQueueSettings', { example: { callAlertMinutes: 10 } });
