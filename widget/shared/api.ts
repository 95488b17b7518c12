/**
 * A small client for the Rantevou plugin's HTTP API, as the widgets use it.
 *
 * Every request carries the staff session cookie (`credentials: 'include'`), so a
 * widget embedded on an intranet page of another origin still acts as the signed-in
 * person. Failures arrive as RFC 9457 `application/problem+json` and are thrown as
 * {@link ProblemError}.
 */

/** The signed-in person, as `GET /api/v1/me` returns them. */
export interface Me {
  user: { sub: string; name: string; email: string };
  stores: StoreGrant[];
  /** Echoed back in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
}

/** A KEP the signed-in person works at. */
export interface StoreGrant {
  id: string;
  code: string;
  name: string;
  municipality: string;
  role: 'store_admin' | 'operator';
}

/** One appointment of a KEP's day. */
export interface Appointment {
  id: string;
  queueId: string;
  queueName: string;
  /** ISO 8601 instant in UTC. */
  startsAt: string;
  endsAt: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
  status: string;
  version: number;
}

/** `GET /api/v1/stores/{storeId}/appointments?date=…` */
export interface AppointmentDay {
  date: string;
  items: Appointment[];
}

/** The body of `POST /api/v1/stores/{storeId}/appointments`. */
export interface NewAppointment {
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DDTHH:mm` wall-clock time at the KEP; the server applies its zone. */
  startsAt: string;
  email?: string;
  phone?: string;
  notes?: string;
}

/** An RFC 9457 problem document, with the plugin's extensions. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  /** Validation failures, one per offending field of the request body. */
  errors?: { path: string; message: string }[];
  /** On 409: the next instants (ISO 8601) at which the slot is free. */
  nextFreeSlots?: string[];
}

/** A request the server answered with an error status. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ProblemError';
    this.status = status;
    this.problem = problem;
  }
}

export class ApiClient {
  readonly #base: string;

  /** @param base URL prefix of the plugin; '' means the page's own origin. */
  constructor(base: string) {
    this.#base = base.replace(/\/+$/, '');
  }

  /** Where to send someone who is not signed in, so that they come back to `returnTo`. */
  loginUrl(returnTo: string): string {
    return `${this.#base}/auth/login?returnTo=${encodeURIComponent(returnTo)}`;
  }

  me(): Promise<Me> {
    return this.#request('/api/v1/me');
  }

  appointments(storeId: string, date: string, signal?: AbortSignal): Promise<AppointmentDay> {
    const query = new URLSearchParams({ date });
    return this.#request(`${storePath(storeId)}/appointments?${query}`, { signal });
  }

  createAppointment(storeId: string, body: NewAppointment, csrfToken: string): Promise<Appointment> {
    return this.#request(`${storePath(storeId)}/appointments`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(body),
    });
  }

  async #request<T>(path: string, init: RequestInit = {}): Promise<T> {
    const response = await fetch(`${this.#base}${path}`, {
      ...init,
      credentials: 'include',
      headers: { Accept: 'application/json, application/problem+json', ...init.headers },
    });
    if (!response.ok) throw new ProblemError(response.status, await readProblem(response));
    return (await response.json()) as T;
  }
}

function storePath(storeId: string): string {
  return `/api/v1/stores/${encodeURIComponent(storeId)}`;
}

/** The problem document of a failed response; a proxy's HTML error page yields just its status. */
async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText || undefined };
  if (!/[/+]json\b/.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    return { ...fallback, ...((await response.json()) as Problem) };
  } catch {
    return fallback;
  }
}
