/**
 * The call display's endpoints (plugin/calls): the day's latest calls and the stream of calls, by
 * the display's device key (`Authorization: Bearer`), or by the staff session for a preview.
 */
import { ProblemError, readProblem } from '../shared/api.js';

/** One call as the display shows it: a number and a queue, never a citizen. */
export interface DisplayCall {
  appointmentId: string;
  queueId: string;
  queueName: string;
  number: number;
  calledAt: string;
}

/** Where the display's requests go, and how they say who is asking. */
export interface DisplaySource {
  apiBase: string;
  storeId: string;
  deviceKey: string;
}

/** The headers of every request: the device key, when there is one. */
export function displayHeaders(source: DisplaySource): Record<string, string> {
  return source.deviceKey ? { Authorization: `Bearer ${source.deviceKey}` } : {};
}

/** The URL of one of the display's endpoints (`/calls`, `/events`). */
export function displayUrl(source: DisplaySource, path: string): string {
  return `${source.apiBase.replace(/\/+$/, '')}/api/v1/stores/${encodeURIComponent(source.storeId)}/display${path}`;
}

/** The day's latest calls, latest first. */
export async function loadDisplayCalls(source: DisplaySource, limit: number): Promise<DisplayCall[]> {
  const response = await fetch(`${displayUrl(source, '/calls')}?limit=${limit}`, {
    headers: { Accept: 'application/json', ...displayHeaders(source) },
    credentials: source.deviceKey ? 'omit' : 'include',
    cache: 'no-store',
  });
  if (!response.ok) throw new ProblemError(response.status, await readProblem(response));
  return ((await response.json()) as { items: DisplayCall[] }).items;
}
