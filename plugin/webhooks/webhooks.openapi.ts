import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';
import { CreatedWebhook, CreateWebhookBody, DeliveryList, DeliveryListQuery, DeliveryView, UpdateWebhookBody, WebhookList, WebhookView } from './webhooks.schema.js';

/** The webhook paths of the OpenAPI document: the KEP's (`/stores/{storeId}/webhooks`) and the directorate's (`/webhooks`). */
registerOpenApiPaths((registry: OpenAPIRegistry, problem) => {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  for (const [prefix, who, params] of [
    ['/api/v1/stores/{storeId}/webhooks', 'the KEP’s store administrator', { storeId: z.uuid() }],
    ['/api/v1/webhooks', 'the directorate (subscriptions to every KEP)', {}],
  ] as const) {
    const base = z.object(params);
    const one = base.extend({ webhookId: z.uuid() });
    const refused = { 401: problem('Not signed in'), 403: problem(`Not ${who}, or missing CSRF token`), 404: problem('No such KEP or subscription, or not yours') };
    registry.registerPath({ method: 'get', path: prefix, summary: `Webhook subscriptions (${who}); never their secrets`, request: { params: base }, responses: { 200: json(WebhookList, 'The subscriptions'), ...refused } });
    registry.registerPath({
      method: 'post',
      path: prefix,
      summary: `Subscribe an https URL to appointment events (${who}). The answer shows the signing secret once. URLs resolving to loopback, private or link-local addresses are refused unless the deployment allows them`,
      request: { params: base, body: body(CreateWebhookBody) },
      responses: { 201: json(CreatedWebhook, 'Subscribed; keep the secret'), 400: problem('Invalid fields or a refused URL (`errors`)'), ...refused },
    });
    registry.registerPath({
      method: 'patch',
      path: `${prefix}/{webhookId}`,
      summary: 'Pause or resume (resuming clears the day of failures), or change the events, scope or description',
      request: { params: one, body: body(UpdateWebhookBody) },
      responses: { 200: json(WebhookView, 'Changed'), 400: problem('Invalid fields'), ...refused },
    });
    registry.registerPath({ method: 'delete', path: `${prefix}/{webhookId}`, summary: 'Delete the subscription and its delivery log', request: { params: one }, responses: { 204: { description: 'Deleted' }, ...refused } });
    registry.registerPath({
      method: 'get',
      path: `${prefix}/{webhookId}/deliveries`,
      summary: 'The delivery log, newest first: event, attempts, the last status code or error, timings, whether it can be replayed',
      request: { params: one, query: DeliveryListQuery },
      responses: { 200: json(DeliveryList, 'A page of the log'), 400: problem('Invalid page'), ...refused },
    });
    registry.registerPath({
      method: 'post',
      path: `${prefix}/{webhookId}/deliveries/{deliveryId}/replay`,
      summary: 'Send a delivery again, with the same body and `webhook-id` (a new line in the log)',
      request: { params: one.extend({ deliveryId: z.uuid() }) },
      responses: { 202: json(DeliveryView, 'Queued'), 409: problem('The subscription is paused, or the body is no longer kept'), ...refused },
    });
  }
});
