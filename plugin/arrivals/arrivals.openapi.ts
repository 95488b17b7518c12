import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { registerOpenApiPaths, registerStoreSetting } from '../http/openapi.js';
import { z } from '../http/zod-openapi.js';
import { ArrivalBody, ArrivalTicket, ArrivalWindowBody, DeviceView, IssueDeviceBody, IssuedDevice } from './arrivals.schema.js';

const StoreId = z.object({ storeId: z.uuid() });
const DeviceParams = z.object({ storeId: z.uuid(), deviceId: z.uuid() });

/** The arrival and device paths of the OpenAPI document. */
function registerArrivalPaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerComponent('securitySchemes', 'deviceKey', { type: 'http', scheme: 'bearer', description: 'A KEP device key, of one KEP and one kind: `arrivals` (ticket machine, kiosk) records arrivals only, `display` (waiting-room screen) reads the calls only' });
  const admin = { 401: problem('Not signed in'), 403: problem('Not the store administrator of this KEP, or missing CSRF token'), 404: problem('No such KEP, or not one of yours') };

  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/arrivals',
    summary:
      'Check in by booking reference: a device key of the KEP (`Authorization: Bearer`, no cookie, no CSRF) or a staff session of the KEP (with CSRF). The booked appointment of today becomes arrived and gets the KEP’s next queue number of the day; the same reference again answers the same ticket',
    security: [{ deviceKey: [] }, {}],
    request: { params: StoreId, body: body(ArrivalBody) },
    responses: {
      200: json(ArrivalTicket, 'What the ticket prints'),
      400: problem('Not a booking reference (`errors`: reference)'),
      401: problem('Unknown or revoked device key, or not signed in'),
      403: problem('Read-only access, missing CSRF token or foreign Origin (staff)'),
      404: problem('No appointment with this reference in this KEP (or not your KEP)'),
      409: problem('`arrival-too-early` (with `opensAt`: when to come back), `arrival-too-late` (take a walk-in ticket), or `not-waiting` (cancelled, served …)'),
      429: problem('Too many failed device key attempts from this client'),
    },
  });
  registerStoreSetting(registry, problem, {
    path: '/api/v1/stores/{storeId}/arrivals/window',
    schema: ArrivalWindowBody,
    read: 'How early and how late the KEP takes an arrival by reference (default 30 and 15 minutes; any staff member of the KEP)',
    write: 'Set the arrival window (store administrator); early at most 30 minutes, as the attendance rule records an arrival',
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/devices',
    summary: 'The KEP’s ticket machines and kiosks, revoked ones included (store administrator); never their keys',
    request: { params: StoreId },
    responses: { 200: json(z.object({ storeId: z.uuid(), items: z.array(DeviceView) }), 'The devices'), ...admin },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/devices',
    summary: 'Issue a device key of this KEP (store administrator): `kind` `arrivals` (default; ticket machine, kiosk) or `display` (waiting-room call display); the key is in this answer only',
    request: { params: StoreId, body: body(IssueDeviceBody) },
    responses: { 201: json(IssuedDevice, 'Issued'), 400: problem('Invalid name'), ...admin },
  });
  registry.registerPath({
    method: 'delete',
    path: '/api/v1/stores/{storeId}/devices/{deviceId}',
    summary: 'Revoke a device key (store administrator): it answers 401 from now on; the device stays listed',
    request: { params: DeviceParams },
    responses: { 204: { description: 'Revoked (or already revoked)' }, ...admin },
  });
}

registerOpenApiPaths(registerArrivalPaths);
