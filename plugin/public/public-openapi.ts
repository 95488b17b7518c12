import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths } from '../http/openapi.js';
import { PriorityView } from '../priority/priority.routes.js';
import { z } from '../http/zod-openapi.js';
import {
  BookingBody,
  BookingView,
  CitizenAppointmentView,
  HoldBody,
  HoldView,
  LangQuery,
  MoveBody,
  PublicAvailabilityQuery,
  PublicAvailabilityView,
  PublicProcedureView,
  PublicStoreView,
  StoreSearchQuery,
} from './public.schema.js';

let registered = false;

/** Adds the public API to the one OpenAPI document (once per process). */
export function registerPublicOpenApi(): void {
  if (registered) return;
  registered = true;
  registerOpenApiPaths(register);
}

function register(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  const bearer = [{ citizenBearer: [] }];
  registry.registerComponent('securitySchemes', 'citizenBearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The token the citizen sign-in popup posts to the page (`/api/v1/public/auth/login`)',
  });
  const StoreId = z.object({ storeId: z.uuid() });
  const Token = z.object({ token: z.string() });
  const limited = { 429: problem('Too many requests from this IP; see Retry-After') };

  registry.registerPath({
    method: 'get', path: '/api/v1/public/stores', summary: 'KEPs that take online bookings, searched by municipality or name (accents, case and Latin spelling aside)',
    request: { query: StoreSearchQuery }, responses: { 200: json(z.array(PublicStoreView), 'Up to 50 KEPs'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/stores/{storeId}/procedures', summary: 'The procedures a KEP offers, in Greek or (`lang=en`) English',
    request: { params: StoreId, query: LangQuery }, responses: { 200: json(z.array(PublicProcedureView), 'The procedures'), 404: problem('No such KEP, or it takes no online bookings'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/stores/{storeId}/availability', summary: 'Free public slots per day (after minimum notice, up to the horizon); a time is listed when any public queue of the mode has it free. With a valid `priorityToken` also the times inside the minimum notice and those in a cancellation’s cool-down',
    request: { params: StoreId, query: PublicAvailabilityQuery }, responses: { 200: json(PublicAvailabilityView, 'Days and slots'), 400: problem('Invalid dates, or a `priorityToken` not valid for this KEP (unknown, expired, used, another KEP’s)'), 404: problem('No such KEP'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/priority/{token}', summary: 'The KEP and period a priority token (given with the apology for a missed appointment) is valid for, as `/api/v1/priority/{token}` answers, for the gov.gr pages (public CORS and limits)',
    request: { params: Token }, responses: { 200: json(PriorityView, 'Valid (`used` says whether a booking already used it)'), 404: problem('Unknown or expired token'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/auth/login', summary: 'Opens the citizen sign-in (in a popup); `origin` is the embedding page’s origin, which must be configured. The callback page posts `{ type: "rantevou:citizen", token, name, expiresAt }` to `window.opener` at that origin',
    request: { query: z.object({ origin: z.url() }) }, responses: { 302: { description: 'To the citizen identity provider' }, 400: { description: 'An origin that is not allowed (HTML page)' }, ...limited },
  });
  registry.registerPath({
    method: 'post', path: '/api/v1/public/holds', summary: 'Hold a free slot for a few minutes while the form is filled in (one hold per citizen; a new one releases the previous). With `priorityToken` the times only a priority token offers may be held too; the booking then uses the token up',
    security: bearer, request: { body: body(HoldBody) },
    responses: { 201: json(HoldView, 'Held'), 400: problem('Invalid fields, a procedure not offered, a `priorityToken` not valid for this KEP, or a video call for a procedure that needs a visit (`alternative` says what to do)'), 401: problem('Not signed in'), 404: problem('No such KEP'), 409: problem('Taken (`nextFreeSlots`), or the citizen limit'), ...limited },
  });
  registry.registerPath({
    method: 'post', path: '/api/v1/public/bookings', summary: 'Book the held slot. `Idempotency-Key` is required: the same key and body answer the same 201 again; another body with the key answers 422',
    security: bearer, request: { headers: z.object({ 'idempotency-key': z.string() }), body: body(BookingBody) },
    responses: { 201: json(BookingView, 'Booked; the confirmation email is on its way'), 400: problem('Invalid fields or missing key'), 401: problem('Not signed in'), 404: problem('No such hold of this citizen'), 409: problem('The hold lapsed, the citizen limit, or the hold’s priority token was used by another booking (`priority-used`)'), 422: problem('The key came with another body'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/me/appointments', summary: 'The signed-in citizen’s appointments', security: bearer,
    responses: { 200: json(z.array(CitizenAppointmentView), 'Newest first'), 401: problem('Not signed in'), ...limited },
  });
  registry.registerPath({
    method: 'post', path: '/api/v1/public/me/appointments/{id}/cancel', summary: 'Cancel one’s own appointment', security: bearer,
    request: { params: z.object({ id: z.uuid() }) }, responses: { 200: json(CitizenAppointmentView, 'Cancelled'), 404: problem('Not found (or another citizen’s)'), 409: problem('Already cancelled or started'), ...limited },
  });
  registry.registerPath({
    method: 'get', path: '/api/v1/public/manage/{token}', summary: 'The appointment of a manage link (from the confirmation email)',
    request: { params: Token }, responses: { 200: json(CitizenAppointmentView, 'The appointment'), 404: problem('No such link'), ...limited },
  });
  registry.registerPath({
    method: 'post', path: '/api/v1/public/manage/{token}/cancel', summary: 'Cancel through the manage link',
    request: { params: Token }, responses: { 200: json(CitizenAppointmentView, 'Cancelled'), 404: problem('No such link'), 409: problem('Already cancelled or started'), ...limited },
  });
  registry.registerPath({
    method: 'post', path: '/api/v1/public/manage/{token}/move', summary: 'Move to another free public time of the same KEP and mode',
    request: { params: Token, body: body(MoveBody) }, responses: { 200: json(CitizenAppointmentView, 'Moved'), 404: problem('No such link'), 409: problem('Taken (`nextFreeSlots`), cancelled or started'), ...limited },
  });
}
