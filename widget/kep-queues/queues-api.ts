/**
 * The queue, exception and holiday endpoints as `<kep-queues>` uses them, on top of the shared
 * {@link ApiClient}.
 */
import type { ApiClient } from '../shared/api.js';

/** Opening intervals per ISO weekday ("1" = Monday … "7" = Sunday), local "HH:mm" pairs. */
export type WeeklyHours = Partial<Record<'1' | '2' | '3' | '4' | '5' | '6' | '7', [string, string][]>>;

/** A queue of the KEP. */
export interface Queue {
  id: string;
  name: string;
  isDefault: boolean;
  mode: 'in_person' | 'video';
  slotMinutes: number;
  weeklyHours: WeeklyHours;
  active: boolean;
  public: boolean;
  employee: { sub: string; name: string } | null;
}

/** A closure (`hours` null) or changed hours of the KEP (`queueId` null) or one queue. */
export interface ScheduleException {
  id: string;
  queueId: string | null;
  startDate: string;
  endDate: string;
  hours: [string, string][] | null;
  reason: string;
  recursYearly: boolean;
}

/** A day the KEP is closed: a national holiday or the KEP's own yearly one. */
export interface Holiday {
  date: string;
  nameEl: string;
  nameEn: string;
  kind: 'national' | 'local';
  moving: boolean;
}

/** A future appointment a change would leave outside the hours (in the 409 the server answers). */
export interface AffectedAppointment {
  id: string;
  queueId: string;
  startsAt: string;
  endsAt: string;
  firstName: string;
  lastName: string;
  hasEmail: boolean;
}

/** What to do with the affected appointments. */
export interface FutureDecision {
  onFutureAppointments: 'keep' | 'cancel' | 'move';
  moveToQueueId?: string;
}

export type QueueChange = Partial<Pick<Queue, 'name' | 'mode' | 'slotMinutes' | 'weeklyHours' | 'active' | 'public'>>;
export type NewException = Omit<ScheduleException, 'id'>;

export const listQueues = (api: ApiClient, storeId: string) => api.storeRequest<{ items: Queue[] }>(storeId, 'GET', '/queues');

export const createQueue = (api: ApiClient, storeId: string, body: QueueChange & { name: string }, csrfToken: string) =>
  api.storeRequest<Queue>(storeId, 'POST', '/queues', { body, csrfToken });

export const updateQueue = (api: ApiClient, storeId: string, id: string, body: QueueChange & Partial<FutureDecision>, csrfToken: string) =>
  api.storeRequest<Queue>(storeId, 'PATCH', `/queues/${encodeURIComponent(id)}`, { body, csrfToken });

export const deleteQueue = (api: ApiClient, storeId: string, id: string, csrfToken: string) =>
  api.storeRequest<void>(storeId, 'DELETE', `/queues/${encodeURIComponent(id)}`, { csrfToken });

export const listExceptions = (api: ApiClient, storeId: string, from: string, to: string) =>
  api.storeRequest<{ items: ScheduleException[] }>(storeId, 'GET', `/exceptions?${new URLSearchParams({ from, to })}`);

export const createException = (api: ApiClient, storeId: string, body: NewException & Partial<FutureDecision>, csrfToken: string) =>
  api.storeRequest<ScheduleException>(storeId, 'POST', '/exceptions', { body, csrfToken });

export const deleteException = (api: ApiClient, storeId: string, id: string, csrfToken: string) =>
  api.storeRequest<void>(storeId, 'DELETE', `/exceptions/${encodeURIComponent(id)}`, { csrfToken });

export const listHolidays = (api: ApiClient, storeId: string, year: number) =>
  api.storeRequest<{ items: Holiday[] }>(storeId, 'GET', `/holidays?year=${year}`);
