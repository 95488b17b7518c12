/**
 * The appointment, queue and availability endpoints as `<kep-appointments>` uses them, on top
 * of the shared {@link ApiClient}.
 */
import { ProblemError, type ApiClient, type Appointment, type AppointmentInput, type AppointmentMode, type AppointmentStatus } from '../shared/api.js';

/** Rows per page of the list (the API allows up to 200). */
export const PAGE_SIZE = 50;

/** The list's order: by start or by last name, `-` for descending. */
export type SortKey = 'startsAt' | '-startsAt' | 'lastName' | '-lastName';

/** What the list shows: one day, a range, or a name search (across all dates when no range is set). */
export interface ListQuery {
  /** The calendar's day, used when there is neither a search nor a range. */
  date: string;
  from: string;
  to: string;
  q: string;
  queueId: string;
  statuses: AppointmentStatus[];
  mode: '' | AppointmentMode;
  source: string;
  sort: SortKey;
  page: number;
}

/** `GET /stores/{storeId}/appointments`. */
export interface AppointmentPage {
  storeId: string;
  /** The dates covered; both null for a search across all dates. */
  from: string | null;
  to: string | null;
  items: Appointment[];
  total: number;
  page: number;
  pageSize: number;
  /** Per status, over the same filters but the status filter. */
  counts: Partial<Record<AppointmentStatus, number>>;
}

/** A procedure of the catalogue, as the add/edit form suggests it. */
export interface ProcedureSuggestion {
  id: string;
  name: string;
}

/** A queue of the KEP, as far as booking needs it. */
export interface QueueSummary {
  id: string;
  name: string;
  mode: AppointmentMode;
  slotMinutes: number;
  active: boolean;
  isDefault: boolean;
}

/** A free slot of a queue; `label` is its local "HH:mm". */
export interface FreeSlot {
  queueId: string;
  start: string;
  end: string;
  label: string;
}

/** One line of an appointment's audit trail. */
export interface HistoryEntry {
  at: string;
  actor: string;
  action: string;
  changes: Record<string, { from: unknown; to: unknown }>;
}

/** Statuses staff set from a row; `booked` undoes a mistaken mark. */
export type StaffStatus = 'booked' | 'arrived' | 'served' | 'no_show';

/** The search as sent: the box's text without the spaces around it (the box keeps them while one types). */
export function searchText(query: ListQuery): string {
  return query.q.trim();
}

/** Whether the list is a search or a range rather than the calendar's day. */
export function spansDays(query: ListQuery): boolean {
  return Boolean(searchText(query) || query.from || query.to);
}

/** The list request's query string (a date-less search covers every date). */
export function listParams(query: ListQuery): URLSearchParams {
  const params = new URLSearchParams();
  const q = searchText(query);
  if (q) params.set('q', q);
  if (query.from || query.to) {
    params.set('from', query.from || query.to);
    params.set('to', query.to || query.from);
  } else if (!q) params.set('date', query.date);
  if (query.queueId) params.set('queueId', query.queueId);
  if (query.statuses.length) params.set('status', query.statuses.join(','));
  if (query.mode) params.set('mode', query.mode);
  if (query.source) params.set('source', query.source);
  params.set('sort', query.sort);
  params.set('page', String(query.page));
  params.set('pageSize', String(PAGE_SIZE));
  return params;
}

/** A page of the KEP's appointments for `query`. */
export const listAppointments = (api: ApiClient, storeId: string, query: ListQuery, signal?: AbortSignal) =>
  api.storeRequest<AppointmentPage>(storeId, 'GET', `/appointments?${listParams(query)}`, { signal });

/** Books; a taken time answers 409 with the next free times. */
export const createAppointment = (api: ApiClient, storeId: string, body: AppointmentInput, csrfToken: string) =>
  api.storeRequest<Appointment>(storeId, 'POST', '/appointments', { body, csrfToken });

const byId = (id: string) => `/api/v1/appointments/${encodeURIComponent(id)}`;

/** One appointment as it is now (after a 412, say). */
export const getAppointment = (api: ApiClient, id: string) => api.request<Appointment>('GET', byId(id));

/** Changes some fields of the appointment as it was at `version`: a 412 if someone changed it since. */
export const updateAppointment = (api: ApiClient, id: string, version: number, body: Partial<AppointmentInput>, csrfToken: string) =>
  api.request<Appointment>('PATCH', byId(id), { body, csrfToken, headers: { 'If-Match': `"${version}"` } });

/** Cancels, with the reason the audit keeps; the slot is free at once. */
export const cancelAppointment = (api: ApiClient, id: string, reason: string, csrfToken: string) =>
  api.request<Appointment>('POST', `${byId(id)}/cancel`, { body: { reason }, csrfToken });

/** `reason` is needed only to correct an appointment the end of the day marked as missed by staff. */
export const setStatus = (api: ApiClient, id: string, status: StaffStatus, csrfToken: string, reason?: string) =>
  api.request<Appointment>('POST', `${byId(id)}/status`, { body: reason ? { status, reason } : { status }, csrfToken });

/** Records that staff started the video call (who and when); a second time keeps the first. */
export const recordCallStart = (api: ApiClient, id: string, csrfToken: string) =>
  api.request<Appointment>('POST', `${byId(id)}/call-started`, { body: {}, csrfToken });

/** Puts the polite notice of circular 000 in the outbox (202); the booking stays, and comes back with the notice's time. */
export const sendPoliteNotice = (api: ApiClient, id: string, csrfToken: string) =>
  api.request<{ appointmentId: string; outboxId: string; appointment: Appointment }>('POST', `${byId(id)}/polite-notice`, { body: {}, csrfToken });

/** Who changed what and when (the audit events), oldest first. */
export const getHistory = (api: ApiClient, id: string, signal?: AbortSignal) =>
  api.request<{ items: HistoryEntry[] }>('GET', `${byId(id)}/history`, { signal });

/**
 * The KEP's queues, the default first; null when this server has no queues endpoint yet (404 on
 * an id that `/me` listed can only mean that), so the screen falls back to the queues it sees.
 */
export async function listQueues(api: ApiClient, storeId: string): Promise<QueueSummary[] | null> {
  try {
    const answer = await api.storeRequest<QueueSummary[] | { items: QueueSummary[] }>(storeId, 'GET', '/queues');
    const items = Array.isArray(answer) ? answer : answer.items;
    return [...items].sort((a, b) => Number(b.isDefault) - Number(a.isDefault));
  } catch (error) {
    if (error instanceof ProblemError && error.status === 404) return null;
    throw error;
  }
}

/** The free slots of one queue on one day. */
export async function freeSlots(api: ApiClient, storeId: string, date: string, queueId: string, signal?: AbortSignal): Promise<FreeSlot[]> {
  const params = new URLSearchParams({ from: date, to: date, queueId });
  const answer = await api.storeRequest<{ days: { date: string; slots: FreeSlot[] }[] }>(storeId, 'GET', `/availability?${params}`, { signal });
  return answer.days.find((day) => day.date === date)?.slots.filter((slot) => slot.queueId === queueId) ?? [];
}

/**
 * The procedures of the catalogue, the suggestions of the free-text field: their names in Greek
 * whatever the screen's language (the text is printed on the KEP's day list), their ids sent with a
 * picked one.
 */
export async function procedureSuggestions(api: ApiClient, storeId: string): Promise<ProcedureSuggestion[]> {
  const answer = await api.storeRequest<{ items: ProcedureSuggestion[] }>(storeId, 'GET', '/procedures');
  return answer.items.map(({ id, name }) => ({ id, name }));
}

/** The printable day list (or its CSV) of one day, for a link. */
export function daySheetUrl(api: ApiClient, storeId: string, date: string, queueId: string, format: 'html' | 'csv'): string {
  const params = new URLSearchParams({ date });
  if (queueId) params.set('queueId', queueId);
  if (format === 'csv') params.set('format', 'csv');
  return api.href(`/api/v1/stores/${encodeURIComponent(storeId)}/day-sheet?${params}`);
}
