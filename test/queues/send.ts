import type { StaffClient } from '../support/staff-client.js';
import type { TestSystem } from '../support/test-system.js';

/** PATCH and DELETE (or any method) with the CSRF token, as the widget sends them. */
export function send(system: TestSystem, client: StaffClient, method: string, path: string, body?: unknown) {
  return client.browser.fetch(`${system.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', 'x-csrf-token': client.csrfToken },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}
