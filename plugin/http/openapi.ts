import { OpenApiGeneratorV31, OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import {
  AppointmentView,
  CancelBody,
  CreateAppointmentBody,
  HistoryEntry,
  ListQuery,
  StatusBody,
  UpdateAppointmentBody,
} from '../schemas/appointment.schema.js';
import { z } from './zod-openapi.js';

const Problem = z
  .object({ type: z.string(), title: z.string(), status: z.number().int(), detail: z.string() })
  .openapi('Problem');

const StoreId = z.object({ storeId: z.uuid() });
const AppointmentId = z.object({ id: z.uuid() });

type Registrar = (registry: OpenAPIRegistry, problem: (description: string) => object) => void;

/** Each router's file may add its paths here; one document describes the whole API. */
const registrars: Registrar[] = [registerAppointmentPaths];

/**
 * One of a KEP's settings (the arrival window, the call alert, the video alert): `GET` for any of its
 * staff, `PUT` for its store administrator, both answering the setting as it now is.
 */
export function registerStoreSetting(
  registry: OpenAPIRegistry,
  problem: (description: string) => object,
  { path, schema, read, write }: { path: string; schema: z.ZodType; read: string; write: string },
): void {
  const json = (description: string) => ({ description, content: { 'application/json': { schema } } });
  const notYours = problem('No such KEP, or not one of yours');
  registry.registerPath({ method: 'get', path, summary: read, request: { params: StoreId }, responses: { 200: json('The setting'), 401: problem('Not signed in'), 404: notYours } });
  registry.registerPath({
    method: 'put',
    path,
    summary: write,
    request: { params: StoreId, body: { content: { 'application/json': { schema } } } },
    responses: {
      200: json('Saved'),
      400: problem('Out of range (`errors` lists the fields)'),
      401: problem('Not signed in'),
      403: problem('Not the store administrator of this KEP, or missing CSRF token'),
      404: notYours,
    },
  });
}

/** Adds the paths of another part of the API to the document. */
export function registerOpenApiPaths(registrar: Registrar): void {
  registrars.push(registrar);
  cached = null;
}

function registerAppointmentPaths(registry: OpenAPIRegistry, problem: (description: string) => object): void {
  const json = (schema: z.ZodType, description: string) => ({ description, content: { 'application/json': { schema } } });
  const body = (schema: z.ZodType) => ({ content: { 'application/json': { schema } } });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/appointments',
    summary: 'A KEP’s appointments: a day, a range or a search `q` by name (Greek, accent-insensitive, Latin transliteration) or booking reference (any case, with or without the dash), with filters and pages',
    request: { params: StoreId, query: ListQuery },
    responses: {
      200: json(z.object({ storeId: z.uuid(), from: z.string().nullable(), to: z.string().nullable(), items: z.array(AppointmentView), total: z.number(), page: z.number(), pageSize: z.number(), counts: z.record(z.string(), z.number()) }), 'The page'),
      400: problem('Invalid query'),
      401: problem('Not signed in'),
      404: problem('No such KEP, or not one of yours'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/stores/{storeId}/appointments',
    summary: 'Book an appointment in a queue of the KEP (the default queue unless queueId is given)',
    request: { params: StoreId, body: body(CreateAppointmentBody) },
    responses: {
      201: json(AppointmentView, 'Booked'),
      400: problem('Invalid fields; `errors` lists them'),
      403: problem('Missing CSRF token, foreign Origin, or read-only access'),
      404: problem('No such KEP or queue, or not one of yours'),
      409: problem('The slot overlaps another appointment; `nextFreeSlots` suggests others'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/stores/{storeId}/day-sheet',
    summary: 'The print-ready day list (HTML, A4) or the same day as CSV (`format=csv`)',
    request: { params: StoreId, query: z.object({ date: z.iso.date(), queueId: z.uuid().optional(), format: z.enum(['html', 'csv']).optional() }) },
    responses: { 200: { description: 'text/html or text/csv; each appointment with its time, booking reference (column «Κωδικός»), name, phone, procedure, notes, queue and status' }, 404: problem('No such KEP, or not one of yours') },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/appointments/{id}',
    summary: 'One appointment; its ETag is its version',
    request: { params: AppointmentId },
    responses: { 200: json(AppointmentView, 'The appointment'), 404: problem('No such appointment, or not of your KEPs') },
  });
  registry.registerPath({
    method: 'patch',
    path: '/api/v1/appointments/{id}',
    summary: 'Edit or move an appointment; send `If-Match: "<version>"` (or `version` in the body)',
    request: { params: AppointmentId, body: body(UpdateAppointmentBody) },
    responses: {
      200: json(AppointmentView, 'Changed'),
      400: problem('Invalid fields'),
      404: problem('No such appointment, or not of your KEPs'),
      409: problem('The new time overlaps another appointment, or the appointment is cancelled'),
      412: problem('Someone else changed it since the given version; nothing was overwritten'),
      428: problem('No version given'),
    },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/appointments/{id}/cancel',
    summary: 'Cancel with a reason: the record stays; staff may book the slot at once, the public sees it again after the cool-down',
    request: { params: AppointmentId, body: body(CancelBody) },
    responses: { 200: json(AppointmentView, 'Cancelled'), 404: problem('Not found'), 409: problem('Already cancelled') },
  });
  registry.registerPath({
    method: 'post',
    path: '/api/v1/appointments/{id}/status',
    summary: 'Attendance: arrived, served, no-show by the citizen, or back to booked',
    request: { params: AppointmentId, body: body(StatusBody) },
    responses: {
      200: json(AppointmentView, 'Recorded'),
      404: problem('Not found'),
      409: problem('Cancelled; an outcome before its time (not-started: arrival from 30 minutes before the start, served and no-show from the start, see outcomesFrom); or a missed appointment corrected to a status it cannot take'),
    },
  });
  registry.registerPath({
    method: 'get',
    path: '/api/v1/appointments/{id}/history',
    summary: 'Who changed what, and when',
    request: { params: AppointmentId },
    responses: { 200: json(z.object({ items: z.array(HistoryEntry) }), 'The audit events'), 404: problem('Not found') },
  });
}

function build() {
  const registry = new OpenAPIRegistry();
  const problem = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });
  for (const register of registrars) register(registry, problem);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: { title: 'Rantevou API', version: '1', description: 'Appointments for the Citizen Service Centres (ΚΕΠ). Errors are application/problem+json (RFC 9457).' },
  });
}

let cached: ReturnType<typeof build> | null = null;

/** The OpenAPI 3.1 document, generated from the same zod schemas that validate requests. */
export function openApiDocument() {
  return (cached ??= build());
}
