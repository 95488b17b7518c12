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
  /** `supervisor`: the directorate's read-only view of every KEP (older servers leave it out). */
  user: { sub: string; name: string; email: string; supervisor?: boolean };
  stores: StoreGrant[];
  /** Echoed back in `X-CSRF-Token` on every state-changing request. */
  csrfToken: string;
}

/** A KEP the signed-in person works at, or reads as a supervisor. */
export interface StoreGrant {
  id: string;
  code: string;
  name: string;
  municipality: string;
  /** `supervisor` reads the KEP and changes nothing: the server refuses its writes with 403. */
  role: StaffRole;
}

/** What a person may do at one KEP. */
export type StaffRole = 'store_admin' | 'operator' | 'supervisor';

/** Whether the role records and changes appointments: everyone but a supervisor. */
export function canWriteAppointments(role: StaffRole | undefined): boolean {
  return role === 'store_admin' || role === 'operator';
}

/** An appointment's life: only `cancelled` frees its slot. */
export type AppointmentStatus = 'booked' | 'arrived' | 'served' | 'cancelled' | 'no_show' | 'missed_by_staff';
/** How it was agreed: staff record the first three; `online` is the citizen's own booking. */
export type AppointmentSource = 'phone' | 'email' | 'walk_in' | 'online';
/** Served at the counter, or by video call (myKEPLive). */
export type AppointmentMode = 'in_person' | 'video';

/** One appointment, as the API shows it. */
export interface Appointment {
  id: string;
  storeId: string;
  queueId: string;
  queueName: string;
  /** The booking reference the citizen quotes, unique in its KEP: "K7P-4MX" (the staff search `q` finds it). */
  reference: string;
  /** ISO 8601 instant in UTC. */
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  firstName: string;
  lastName: string;
  email: string | null;
  /** E.164 (`+306912345678`). */
  phone: string | null;
  taxId: string | null;
  business: { name: string; taxId: string } | null;
  procedure: string | null;
  /** The catalogue procedure (chosen online, or picked or typed by its name by staff); null for other free text. */
  procedureId?: string | null;
  /** Whether a video call can serve the catalogue procedure; null when there is none. */
  procedureVideoEligible?: boolean | null;
  notes: string | null;
  mode: AppointmentMode;
  /** The meeting link of a video appointment (myKEPLive); null when it has none. */
  videoLink?: string | null;
  status: AppointmentStatus;
  source: AppointmentSource;
  statusChangedAt: string | null;
  statusChangedBy: string | null;
  cancelledReason: string | null;
  /** A video appointment: when and by whom staff recorded the start of the call. */
  callStartedAt?: string | null;
  callStartedBy?: string | null;
  /** A video appointment: the citizen's first «Περιμένω» in the waiting room (newer servers only). */
  videoWaitingAt?: string | null;
  /** A video appointment: when the late-start alert was raised. */
  videoAlertAt?: string | null;
  /** Still only booked well after its start (newer servers only). */
  needsAttention?: boolean;
  /** When staff sent the polite notice (video cannot serve the procedure); null when not sent. */
  politeNoticeSentAt?: string | null;
  /** From when each attendance outcome may be recorded (the server refuses earlier ones); missing from older servers. */
  outcomesFrom?: Record<'arrived' | 'served' | 'no_show', string>;
  createdBy: string;
  createdAt: string;
  /** Sent back in `If-Match` so that a stale edit is refused rather than overwriting. */
  version: number;
}

/**
 * The body of `POST /api/v1/stores/{storeId}/appointments`; `PATCH /api/v1/appointments/{id}`
 * takes any subset, with `null` clearing an optional field.
 */
export interface AppointmentInput {
  firstName: string;
  lastName: string;
  /** `YYYY-MM-DDTHH:mm` wall-clock time at the KEP; the server applies its zone. */
  startsAt: string;
  durationMinutes?: number;
  queueId?: string;
  email?: string | null;
  phone?: string | null;
  taxId?: string | null;
  businessName?: string | null;
  businessTaxId?: string | null;
  procedure?: string | null;
  /** The catalogue procedure picked from the suggestions (an active one). */
  procedureId?: string | null;
  source?: Exclude<AppointmentSource, 'online'>;
  notes?: string | null;
  mode?: AppointmentMode;
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

/** The plugin's HTTP API as the signed-in staff member (see the module comment). */
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

  /**
   * Any JSON request under `/api/v1/stores/{storeId}` (`path` starts with '/'): writes carry the
   * CSRF token, and a 204 answers `undefined`. Widgets wrap it in typed functions of their own.
   */
  storeRequest<T>(storeId: string, method: string, path: string, options: RequestOptions = {}): Promise<T> {
    return this.request<T>(method, `${storePath(storeId)}${path}`, options);
  }

  /** Any JSON request to the plugin (`path` from the root, e.g. `/api/v1/appointments/…`); as {@link storeRequest}. */
  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.csrfToken) headers['X-CSRF-Token'] = options.csrfToken;
    const response = await fetch(this.href(path), {
      method,
      signal: options.signal,
      credentials: 'include',
      headers: { Accept: 'application/json, application/problem+json', ...headers },
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (!response.ok) throw new ProblemError(response.status, await readProblem(response));
    return (response.status === 204 ? undefined : await response.json()) as T;
  }

  /** The absolute or page-relative URL of a plugin path, for links (a printable page, a download). */
  href(path: string): string {
    return `${this.#base}${path}`;
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

/** Options of {@link ApiClient.request}. */
export interface RequestOptions {
  body?: unknown;
  csrfToken?: string;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

function storePath(storeId: string): string {
  return `/api/v1/stores/${encodeURIComponent(storeId)}`;
}

/** The problem document of a failed response; a proxy's HTML error page yields just its status. */
export async function readProblem(response: Response): Promise<Problem> {
  const fallback: Problem = { status: response.status, title: response.statusText || undefined };
  if (!/[/+]json\b/.test(response.headers.get('Content-Type') ?? '')) return fallback;
  try {
    return { ...fallback, ...((await response.json()) as Problem) };
  } catch {
    return fallback;
  }
}
