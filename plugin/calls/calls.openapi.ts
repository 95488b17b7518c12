import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths, registerStoreSetting } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';
import { LiveEventView } from '../live/live.openapi.js';
import { CallBody, CallView, DisplayCall, DisplayCallsQuery, LiveQueueSettings, LiveQueueView } from './calls.schema.js';

const StoreId = z.object({ storeId: z.uuid() });
const QueueParams = z.object({ storeId: z.uuid(), queueId: z.uuid() });

/** The live queue, call and call display paths of the OpenAPI document. */
function registerCallPaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const reader = { 401: problem('Not signed in'), 404: problem('No such KEP, or not one of yours') };
  const display = {
    401: problem('Unknown or revoked device key (or, without one, not signed in: a staff session of the KEP previews the display)'),
    403: problem('A key of another kind (a kiosk’s key opens no display)'),
    404: problem('Another KEP’s key, or no such KEP'),
    429: problem('Too many failed device key attempts from this client'),
  };

  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/live-queue',
    summary:
      'The counter’s live queue of today (any staff member of the KEP): per active in-person queue, who has arrived and waits (by appointment time) with ticket number, reference, name, arrival and the call alert flag, and the latest calls; whether the caller may call there',
    request: { params: StoreId },
    responses: { 200: json(LiveQueueView, 'The live queue'), ...reader },
  });
  registerStoreSetting(registry, problem, {
    path: '/api/v1/stores/{storeId}/live-queue/settings',
    schema: LiveQueueSettings,
    read: 'After how many minutes an arrived citizen nobody called raises the call alert (any staff member of the KEP)',
    write: 'Set the call alert minutes, 1–120 (store administrator); audited as store.call_alert',
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/queues/{queueId}/calls',
    summary:
      '«Κλήση»: call the next citizen of the queue (arrived today, not called, earliest appointment first; two calls at once call two different citizens), or with `appointmentId` call that arrived citizen again (recall). The number is published to the KEP’s screens and call displays',
    request: { params: QueueParams, body: body(CallBody) },
    responses: {
      200: json(CallView, 'Called'),
      400: problem('Invalid body'),
      401: problem('Not signed in'),
      403: problem('Not the queue’s employee nor the store administrator (`not-your-queue`), read-only access, or missing CSRF token'),
      404: problem('No such queue or appointment in this KEP, or not your KEP'),
      409: problem('`nobody-waiting`: everyone who arrived has been called; `not-waiting`: the appointment is not arrived'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/display/events',
    summary:
      'The waiting-room call display’s stream (`text/event-stream`), for a device key of kind `display` (`Authorization: Bearer`): only `called` events (a ticket number and a queue’s name), heartbeats every 25 s, no history replayed',
    security: [{ deviceKey: [] }, {}],
    request: { params: StoreId },
    responses: { 200: { description: 'The stream', content: { 'text/event-stream': { schema: LiveEventView } } }, ...display },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/display/calls',
    summary: 'The KEP’s latest calls of today, latest first, for the display’s first paint and its polling fallback (device key of kind `display`): numbers and queues, never a citizen',
    security: [{ deviceKey: [] }, {}],
    request: { params: StoreId, query: DisplayCallsQuery },
    responses: { 200: json(z.object({ storeId: z.uuid(), items: z.array(DisplayCall) }), 'The calls'), 400: problem('Bad `limit` (1–50)'), ...display },
  });
}

registerOpenApiPaths(registerCallPaths);
