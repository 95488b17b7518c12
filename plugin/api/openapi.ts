import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { AppointmentView, CreateAppointmentBody, DayQuery } from './schemas/appointment.schema.js';
import { z } from './zod-openapi.js';

const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string() })
  .openapi('Problem');

const StoreId = z.object({ storeId: z.uuid() });

function build() {
  const registry = new OpenAPIRegistry();
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/appointments',
    summary: 'The appointments of one KEP on one day (Europe/Athens)',
    request: { params: StoreId, query: DayQuery },
    responses: {
      200: { description: 'The day list', content: { 'application/json': { schema: z.object({ storeId: z.uuid(), date: z.string(), items: z.array(AppointmentView) }) } } },
      401: problem('Not signed in'),
      404: problem('No such KEP, or not one of yours'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/appointments',
    summary: 'Book an appointment in a queue of the KEP (the default queue unless queueId is given)',
    request: { params: StoreId, body: { content: { 'application/json': { schema: CreateAppointmentBody } } } },
    responses: {
      201: { description: 'Booked', content: { 'application/json': { schema: AppointmentView } } },
      400: problem('Invalid fields; `errors` lists them'),
      403: problem('Missing CSRF token or foreign Origin'),
      404: problem('No such KEP or queue, or not one of yours'),
      409: problem('The slot overlaps another appointment; `nextFreeSlots` suggests others'),
    },
  });
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Rantevou API', version: '1' },
  });
}

let cached: ReturnType<typeof build> | null = null;

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return (cached ??= build());
}
