import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';
import { BookingView } from '../public/public.schema.js';
import { JoinWaitlistBody, StaffWaitlistQuery, StaffWaitlistView, WaitlistEntryView, WaitlistJoinedView } from './waitlist.schema.js';

/** The waitlist paths of the OpenAPI document: the citizen's (public API) and the staff count. */
function registerWaitlistPaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const Token = z.object({ token: z.string() });
  const limited = { 429: problem('Too many requests from this IP; see Retry-After') };

  registry.registerPath({
    method: 'post',
    path: '/api/v1/public/waitlist',
    summary:
      'Join the waitlist of a KEP for a procedure and mode between two local dates (today to the public horizon): when a matching time frees up, the first in line gets it held for `publicBooking.waitlistOfferMinutes` and an email with a link to book it or leave. One live entry per citizen per KEP and procedure',
    security: [{ citizenBearer: [] }],
    request: { body: { content: { 'application/json': { schema: JoinWaitlistBody } } } },
    responses: {
      201: json(WaitlistJoinedView, 'On the list'),
      400: problem('Invalid fields (`errors`): dates in the past or beyond the horizon, a procedure not offered, a video call for a procedure that needs a visit, a mode the KEP does not offer online'),
      401: problem('Not signed in'),
      404: problem('No such KEP, or it takes no online bookings'),
      409: problem('Already on this KEP’s list for this procedure (`waitlist-already`)'),
      ...limited,
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/public/waitlist/{token}',
    summary: 'The entry of a waitlist link: what it waits for and the time an offer holds. A browser (Accept: text/html) gets a page with the buttons to book or leave; opening it changes nothing',
    request: { params: Token },
    responses: { 200: json(WaitlistEntryView, 'The entry'), 404: problem('No such link (left, or replaced by a newer email)'), ...limited },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/public/waitlist/{token}/book',
    summary: 'Book the time the offer holds (the link of the offer email is the credential, as a manage link is)',
    request: { params: Token },
    responses: {
      201: json(BookingView, 'Booked; the confirmation email is on its way'),
      404: problem('No such link'),
      409: problem('`offer-expired` (it went to the next in line), `no-offer` (still waiting), `waitlist-booked`, or the citizen limit'),
      ...limited,
    },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/public/waitlist/{token}',
    summary: 'Leave the waitlist; a time held for the citizen goes to the next in line',
    request: { params: Token },
    responses: { 204: { description: 'Left' }, 404: problem('No such link, or already left'), ...limited },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/waitlist',
    summary: 'How many citizens are on the KEP’s waitlist per local day and procedure (an entry counts on each day of its range; waiting or holding an offer); days with nobody are left out. Counts only, no names',
    request: { params: z.object({ storeId: z.uuid() }), query: StaffWaitlistQuery },
    responses: { 200: json(StaffWaitlistView, 'The counts'), 400: problem('Invalid dates'), 401: problem('Not signed in'), 404: problem('No such KEP, or not one of yours') },
  });
}

registerOpenApiPaths(registerWaitlistPaths);
