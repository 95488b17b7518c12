/**
 * The arrival and device endpoints as `<kep-arrival-check-in>` and `<kep-devices>` use them, on top
 * of the shared {@link ApiClient}.
 */
import type { ApiClient } from '../shared/api.js';

/** What a ticket prints: the KEP's queue number of the day, the queue, the time and the reference. */
export interface ArrivalTicket {
  number: number;
  day: string;
  reference: string;
  appointmentId: string;
  queue: { id: string; name: string };
  startsAt: string;
  time: string;
  issuedAt: string;
}

/** What a device key is for. */
export type DeviceKind = 'arrivals' | 'display';

/** A ticket machine, kiosk or call display of the KEP (never its key). */
export interface Device {
  id: string;
  name: string;
  /** `arrivals`: a ticket machine or kiosk; `display`: a waiting-room call display. */
  kind: DeviceKind;
  createdAt: string;
  createdBy: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A device as just issued: its key is in this answer only. */
export interface IssuedDevice extends Device {
  key: string;
}

export function recordArrival(api: ApiClient, storeId: string, reference: string, csrfToken: string): Promise<ArrivalTicket> {
  return api.storeRequest(storeId, 'POST', '/arrivals', { body: { reference }, csrfToken });
}

export async function listDevices(api: ApiClient, storeId: string): Promise<Device[]> {
  return (await api.storeRequest<{ items: Device[] }>(storeId, 'GET', '/devices')).items;
}

export function issueDevice(api: ApiClient, storeId: string, device: { name: string; kind: DeviceKind }, csrfToken: string): Promise<IssuedDevice> {
  return api.storeRequest(storeId, 'POST', '/devices', { body: device, csrfToken });
}

export function revokeDevice(api: ApiClient, storeId: string, deviceId: string, csrfToken: string): Promise<void> {
  return api.storeRequest(storeId, 'DELETE', `/devices/${encodeURIComponent(deviceId)}`, { csrfToken });
}
