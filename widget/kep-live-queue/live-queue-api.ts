/**
 * The live queue and call endpoints as `<kep-live-queue>` uses them, on top of the shared
 * {@link ApiClient}; the server's zod schemas (plugin/calls/calls.schema.ts) are the source.
 */
import type { ApiClient } from '../shared/api.js';

/** One arrived citizen of a queue, waiting or called (a staff screen: names are shown). */
export interface QueueEntry {
  appointmentId: string;
  /** The ticket's number of the day; null until the citizen has a ticket (given at the first call). */
  number: number | null;
  reference: string;
  firstName: string;
  lastName: string;
  /** The appointment's start, "HH:mm" at the KEP. */
  time: string;
  startsAt: string;
  arrivedAt: string | null;
  calledAt: string | null;
  calledBy: string | null;
  status: string;
  /** Arrived and not called for the KEP's call alert minutes. */
  alert: boolean;
}

/** One in-person queue of the KEP today. */
export interface LiveQueue {
  id: string;
  name: string;
  employee: { sub: string; name: string } | null;
  mine: boolean;
  canCall: boolean;
  /** Arrived and not called, in order of appointment time. */
  waiting: QueueEntry[];
  /** The latest calls, latest first. */
  called: QueueEntry[];
}

/** `GET /api/v1/stores/{storeId}/live-queue`. */
export interface LiveQueueView {
  storeId: string;
  day: string;
  callAlertMinutes: number;
  queues: LiveQueue[];
}

/** What a call answers: what the display announces. */
export interface CallView {
  appointmentId: string;
  queue: { id: string; name: string };
  number: number;
  reference: string;
  time: string;
  calledAt: string;
  recall: boolean;
}

export function loadLiveQueue(api: ApiClient, storeId: string): Promise<LiveQueueView> {
  return api.storeRequest(storeId, 'GET', '/live-queue');
}

/** «Κλήση»: the next citizen of the queue, or (`appointmentId`) that one again. */
export function callNext(api: ApiClient, storeId: string, queueId: string, csrfToken: string, appointmentId?: string): Promise<CallView> {
  return api.storeRequest(storeId, 'POST', `/queues/${encodeURIComponent(queueId)}/calls`, { body: appointmentId ? { appointmentId } : {}, csrfToken });
}

/** Sets the KEP's call alert minutes (store administrator). */
export function saveCallAlertMinutes(api: ApiClient, storeId: string, callAlertMinutes: number | null, csrfToken: string): Promise<{ callAlertMinutes: number }> {
  return api.storeRequest(storeId, 'PUT', '/live-queue/settings', { body: { callAlertMinutes }, csrfToken });
}

/** The KEP's arrival window: how many minutes before and after its time an appointment takes an arrival. */
export interface ArrivalWindow {
  earlyMinutes: number;
  lateMinutes: number;
}

export function loadArrivalWindow(api: ApiClient, storeId: string): Promise<ArrivalWindow> {
  return api.storeRequest(storeId, 'GET', '/arrivals/window');
}

export function saveArrivalWindow(api: ApiClient, storeId: string, window: { earlyMinutes: number | null; lateMinutes: number | null }, csrfToken: string): Promise<ArrivalWindow> {
  return api.storeRequest(storeId, 'PUT', '/arrivals/window', { body: window, csrfToken });
}

/** Minutes after the later of a video call's time and the citizen's «Περιμένω» before the alert. */
export function loadVideoAlertMinutes(api: ApiClient, storeId: string): Promise<{ alertMinutes: number }> {
  return api.storeRequest(storeId, 'GET', '/video-room');
}

export function saveVideoAlertMinutes(api: ApiClient, storeId: string, alertMinutes: number | null, csrfToken: string): Promise<{ alertMinutes: number }> {
  return api.storeRequest(storeId, 'PUT', '/video-room', { body: { alertMinutes }, csrfToken });
}
