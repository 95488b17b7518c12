import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths } from '../http/openapi.js';
import { AffectedAppointment, CreateQueueBody, QueueView, UpdateQueueBody } from '../schemas/queue.schema.js';
import {
  AvailabilityQuery,
  AvailabilityView,
  CreateExceptionBody,
  ExceptionListQuery,
  ExceptionView,
  HolidaysQuery,
  HolidayView,
  UpdateExceptionBody,
} from '../schemas/schedule.schema.js';
import { z } from '../http/zod-openapi.js';

const StoreId = z.object({ storeId: z.uuid() });
const QueueParams = z.object({ storeId: z.uuid(), queueId: z.uuid() });
const ExceptionParams = z.object({ storeId: z.uuid(), exceptionId: z.uuid() });
const Settled = z.object({ decision: z.enum(['keep', 'cancel', 'move']).nullable(), appointmentIds: z.array(z.uuid()) });

/** The queue, exception, holiday and availability paths of the OpenAPI document. */
function registerSchedulePaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const orphans = {
    description: 'The change would leave future appointments outside the hours: `affectedAppointments` lists them; send again with `onFutureAppointments`',
    content: { 'application/problem+json': { schema: z.object({ detail: z.string(), affectedAppointments: z.array(AffectedAppointment), options: z.array(z.string()) }) } },
  };
  const writes = { 400: problem('Invalid fields; `errors` lists them'), 403: problem('Not the store administrator of this KEP, or missing CSRF token'), 404: problem('No such KEP, queue or exception, or not one of yours') };

  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/availability',
    summary: 'Free slots of the KEP’s active queues per local day (default: 7 days from today; at most 62), after hours, exceptions, holidays and live appointments',
    request: { params: StoreId, query: AvailabilityQuery },
    responses: { 200: json(AvailabilityView, 'Per day, each free slot’s instants (UTC), local "HH:mm" label and queue'), 400: problem('Invalid dates'), 404: problem('No such KEP or queue, or not one of yours') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/queues',
    summary: 'The KEP’s queues, the default first (any staff member of the KEP)',
    request: { params: StoreId },
    responses: { 200: json(z.object({ storeId: z.uuid(), items: z.array(QueueView) }), 'The queues'), 404: problem('No such KEP, or not one of yours') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/queues',
    summary: 'Add a queue (store administrator); hidden from the public unless `public`',
    request: { params: StoreId, body: body(CreateQueueBody) },
    responses: { 201: json(QueueView, 'Added'), ...writes, 409: problem('The employee already serves another queue of the KEP') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/queues/{queueId}',
    summary: 'One queue',
    request: { params: QueueParams },
    responses: { 200: json(QueueView, 'The queue'), 404: problem('No such queue, or not of your KEPs') },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/stores/{storeId}/queues/{queueId}',
    summary: 'Change a queue (store administrator): name, mode, slot length, weekly hours, active, public, employee',
    request: { params: QueueParams, body: body(UpdateQueueBody) },
    responses: { 200: json(QueueView.extend({ futureAppointments: Settled }), 'Changed'), ...writes, 409: orphans },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/stores/{storeId}/queues/{queueId}',
    summary: 'Delete a queue that never had an appointment (never the default queue)',
    request: { params: QueueParams },
    responses: { 204: { description: 'Deleted' }, ...writes, 409: problem('The default queue, or a queue with appointments: deactivate it instead') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/exceptions',
    summary: 'Closures and changed hours that touch the dates (default: today and the next 6 months); yearly ones always',
    request: { params: StoreId, query: ExceptionListQuery },
    responses: { 200: json(z.object({ storeId: z.uuid(), from: z.string(), to: z.string(), items: z.array(ExceptionView) }), 'The exceptions'), 404: problem('No such KEP, or not one of yours') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/exceptions',
    summary: 'Add a closure (`hours` null) or changed hours for the KEP (`queueId` null) or one queue (store administrator)',
    request: { params: StoreId, body: body(CreateExceptionBody) },
    responses: { 201: json(ExceptionView.extend({ futureAppointments: Settled }), 'Added'), ...writes, 409: orphans },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/stores/{storeId}/exceptions/{exceptionId}',
    summary: 'Change an exception (store administrator)',
    request: { params: ExceptionParams, body: body(UpdateExceptionBody) },
    responses: { 200: json(ExceptionView.extend({ futureAppointments: Settled }), 'Changed'), ...writes, 409: orphans },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/stores/{storeId}/exceptions/{exceptionId}',
    summary: 'Remove an exception (store administrator)',
    request: { params: ExceptionParams },
    responses: { 204: { description: 'Removed' }, ...writes },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/holidays',
    summary: 'The year’s national public holidays (with those that follow Orthodox Easter) and the KEP’s own yearly holidays',
    request: { params: StoreId, query: HolidaysQuery },
    responses: { 200: json(z.object({ storeId: z.uuid(), year: z.number().int(), items: z.array(HolidayView) }), 'By date'), 400: problem('Invalid year'), 404: problem('No such KEP, or not one of yours') },
  });
}

registerOpenApiPaths(registerSchedulePaths);
