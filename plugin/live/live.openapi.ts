import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';

/** One event of a stream (the `data:` line), as plugin/live/live-events.ts defines it. */
export const LiveEventView = z
  .object({
    kind: z.enum(['arrived', 'called', 'video-waiting', 'attention', 'appointments-changed']),
    storeId: z.uuid(),
    queueId: z.uuid().optional(),
    appointmentId: z.uuid().optional(),
    number: z.number().int().optional().describe('The ticket number (arrived, called)'),
    queueName: z.string().optional(),
    at: z.string().describe('ISO 8601, by the plugin’s clock'),
  })
  .openapi('LiveEvent');

function registerLivePaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/events',
    summary:
      'The KEP’s live events as server-sent events (`text/event-stream`) for its staff (session cookie): each event one `data:` line of JSON with a per-stream `id:`, a comment every 25 s, `retry: 3000`; no history is replayed (poll once on reconnecting); the stream ends after about 5 minutes and the client reconnects. Ids, ticket numbers and queue names only, never a citizen’s name or contact',
    request: { params: z.object({ storeId: z.uuid() }) },
    responses: {
      200: { description: 'The stream', content: { 'text/event-stream': { schema: LiveEventView } } },
      401: problem('Not signed in'),
      404: problem('No such KEP, or not one of yours'),
    },
  });
}

registerOpenApiPaths(registerLivePaths);
