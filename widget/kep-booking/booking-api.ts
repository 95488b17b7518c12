/**
 * The client of the plugin's public API (`/api/v1/public`), as `<kep-booking>` uses it on a page
 * of any origin.
 *
 * It never sends or accepts cookies (`credentials: 'omit'`): a gov.gr page embeds the widget from
 * another origin, where browsers block third-party cookies. A signed-in citizen is a bearer token
 * held in memory and sent in `Authorization`.
 */
import { ProblemError, readProblem } from '../shared/api.js';
import type { WaitlistJoined, WaitlistRequest } from './waitlist-join.js';

/** A KEP that takes public bookings. */
export interface PublicStore {
  id: string;
  name: string;
  municipality: string;
  address: string;
  /** Whether the KEP has a public video-call queue (myKEPLive). */
  offersVideo: boolean;
}

/** A procedure a KEP serves, named in the language asked for. */
export interface PublicProcedure {
  id: string;
  name: string;
  videoEligible: boolean;
  /** What to do instead of a video call when it is not eligible; null when video is fine. */
  alternative: string | null;
  /** What to bring. */
  bring: string[];
}

/** How the citizen is served. */
export type BookingMode = 'in_person' | 'video';

/** A free time: instants in UTC and the Athens wall-clock label ("09:30"). */
export interface PublicSlot {
  startsAt: string;
  endsAt: string;
  label: string;
}

/** The free times of one day (YYYY-MM-DD, Athens). */
export interface AvailabilityDay {
  date: string;
  slots: PublicSlot[];
}

/** A time kept for the citizen while they fill in their details. */
export interface Hold {
  holdId: string;
  startsAt: string;
  endsAt: string;
  /** When the hold lapses (ISO 8601). */
  expiresAt: string;
}

/** The citizen's details that turn a hold into a booking. */
export interface BookingDetails {
  /** Left out when the identity provider gave the names: the server books under those. */
  firstName?: string;
  lastName?: string;
  email: string;
  phone?: string;
  /** A business represented by its legal representative. */
  business?: { name: string; taxId: string };
  language: 'el' | 'en';
}

/** A confirmed booking, as `kep-booking-confirmed` reports it. */
export interface Booking {
  id: string;
  storeName: string;
  startsAt: string;
  endsAt: string;
  mode: BookingMode;
  /** The procedure's name, in the booking's language. */
  procedure: string | null;
  /** The video call's link, for video appointments. */
  videoLink: string | null;
  /** A video appointment: the plugin's waiting room for the call (the link to follow). */
  videoRoomUrl: string | null;
  /** Where the citizen sees, moves or cancels the appointment. */
  manageUrl: string;
  /** The booking's short reference, when the plugin gives one. */
  reference?: string | null;
}

/** A "book again first in line" link's token, as `GET /public/priority/:token` describes it. */
export interface Priority {
  storeId: string;
  storeCode: string;
  storeName: string;
  validFrom: string;
  validUntil: string;
  used: boolean;
}

/** A signed-in citizen, as the sign-in popup reports them. */
export interface Citizen {
  token: string;
  /** The name the identity provider gave. */
  name: string;
  /** Given and family names, when the identity provider gave them: the booking is made under them. */
  givenName: string | null;
  familyName: string | null;
  /** The identity provider's email, to prefill the form with (the citizen may change it). */
  email: string | null;
  /** The ΑΦΜ, when the identity provider gave it (GSIS): shown as text, never asked or edited. */
  taxId?: string | null;
  expiresAt: string;
}

/** An appointment as its citizen sees it (`GET /public/manage/:token`). */
export interface CitizenAppointment {
  id: string;
  storeId: string;
  storeName: string;
  address: string;
  startsAt: string;
  endsAt: string;
  mode: BookingMode;
  procedure: string | null;
  videoLink: string | null;
  /** A video appointment: the plugin's waiting room for the call (the link to follow). */
  videoRoomUrl: string | null;
  status: 'booked' | 'arrived' | 'served' | 'cancelled' | 'no_show' | 'missed_by_staff';
  /** Whether it can still be cancelled or moved online. */
  canChange: boolean;
  /** The booking's short reference, when the plugin gives one. */
  reference?: string | null;
}

/** What a search of free times says beyond the KEP and dates (see {@link PublicApiClient.availability}). */
export interface SearchContext {
  procedureId?: string | undefined;
  /** A random id of this booking flow: never tied to the citizen. */
  searchId?: string | undefined;
}

/** A first free time: the local date, the instant and its Athens label. */
export interface FirstFree {
  date: string;
  startsAt: string;
  label: string;
}

/** `GET /public/stores/:storeId/nearby`: the KEP's first time within `days`, and nearby KEPs with one. */
export interface Nearby {
  days: number;
  firstFree: FirstFree | null;
  stores: (PublicStore & { distanceKm: number | null; firstFree: FirstFree })[];
}

function definedOnly(o: { [key: string]: string | undefined } | SearchContext): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => e[1] !== undefined));
}

/** The public API of one plugin. */
export class PublicApiClient {
  readonly #base: string;
  /**
   * The priority token of the citizen's "book again first in line" link, and its KEP: availability
   * and holds at that KEP carry it (elsewhere it means nothing).
   */
  priority: { token: string; storeId: string } | null = null;

  /** @param base URL prefix of the plugin ("https://rantevou.example.gov.gr"); '' means the page's origin. */
  constructor(base: string) {
    this.#base = base.replace(/\/+$/, '');
  }

  /** The origin sign-in messages must come from; for a base that is no URL, a text no origin equals. */
  get origin(): string {
    return URL.canParse(this.#base || '/', location.href) ? new URL(this.#base || '/', location.href).origin : '(invalid api-base)';
  }

  /** The popup's first page: the plugin starts the citizen's sign-in and posts the token to `pageOrigin`. */
  loginUrl(pageOrigin: string): string {
    return `${this.#base}/api/v1/public/auth/login?origin=${encodeURIComponent(pageOrigin)}`;
  }

  stores(q: string, signal?: AbortSignal): Promise<PublicStore[]> {
    return this.#request(`/stores?${new URLSearchParams({ q })}`, { signal });
  }

  procedures(storeId: string, lang: 'el' | 'en', signal?: AbortSignal): Promise<PublicProcedure[]> {
    return this.#request(`/stores/${encodeURIComponent(storeId)}/procedures?${new URLSearchParams({ lang })}`, { signal });
  }

  /** What a priority token is good for; a 404 ProblemError when it is unknown or expired. */
  priorityOf(token: string, signal?: AbortSignal): Promise<Priority> {
    return this.#request(`/priority/${encodeURIComponent(token)}`, { signal });
  }

  /**
   * With a signed-in citizen's `token`, the time they hold is among the free ones. `search` names the
   * procedure and the booking flow's random id: a search that finds no time is counted (unmet
   * demand), once per flow.
   */
  availability(
    storeId: string,
    from: string,
    to: string,
    mode: BookingMode,
    signal?: AbortSignal,
    token?: string,
    search: SearchContext = {},
  ): Promise<{ days: AvailabilityDay[] }> {
    const query = new URLSearchParams({ from, to, mode, ...definedOnly(search), ...this.#priorityAt(storeId) });
    return this.#request(`/stores/${encodeURIComponent(storeId)}/availability?${query}`, { signal, ...(token ? { token } : {}) });
  }

  /** The KEP's first free time within the unmet-demand days, and the nearest KEPs with one. */
  nearby(storeId: string, mode: BookingMode, procedureId: string | undefined, signal?: AbortSignal): Promise<Nearby> {
    const query = new URLSearchParams({ mode, ...definedOnly({ procedureId }) });
    return this.#request(`/stores/${encodeURIComponent(storeId)}/nearby?${query}`, { signal });
  }

  hold(token: string, body: { storeId: string; startsAt: string; mode: BookingMode; procedureId: string; searchId?: string }): Promise<Hold> {
    return this.#request('/holds', { method: 'POST', body: { ...body, ...this.#priorityAt(body.storeId) }, token });
  }

  /** Puts the signed-in citizen on the KEP's waitlist (issue 17): a matching freed time is held for them and emailed. */
  joinWaitlist(token: string, body: WaitlistRequest): Promise<WaitlistJoined> {
    return this.#request('/waitlist', { method: 'POST', body, token });
  }

  #priorityAt(storeId: string): { priorityToken?: string } {
    return this.priority?.storeId === storeId ? { priorityToken: this.priority.token } : {};
  }

  /** `idempotencyKey` is the same for every try of one confirmation, so a retry never books twice. */
  book(token: string, idempotencyKey: string, body: BookingDetails & { holdId: string }): Promise<Booking> {
    return this.#request('/bookings', { method: 'POST', body, token, headers: { 'Idempotency-Key': idempotencyKey } });
  }

  /** The appointment of a manage link (from the confirmation email); a 404 ProblemError when the link no longer works. */
  managed(token: string, signal?: AbortSignal): Promise<CitizenAppointment> {
    return this.#request(`/manage/${encodeURIComponent(token)}`, { signal });
  }

  /** Cancels the appointment of a manage link. */
  cancelManaged(token: string): Promise<CitizenAppointment> {
    return this.#request(`/manage/${encodeURIComponent(token)}/cancel`, { method: 'POST', body: {} });
  }

  /** Moves the appointment of a manage link to another free time; a 409 ProblemError (with `nextFreeSlots`) when it was taken. */
  moveManaged(token: string, startsAt: string): Promise<CitizenAppointment> {
    return this.#request(`/manage/${encodeURIComponent(token)}/move`, { method: 'POST', body: { startsAt } });
  }

  async #request<T>(
    path: string,
    options: { method?: string; body?: unknown; token?: string; headers?: Record<string, string>; signal?: AbortSignal },
  ): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json, application/problem+json', ...options.headers };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.token) headers.Authorization = `Bearer ${options.token}`;
    const response = await fetch(`${this.#base}/api/v1/public${path}`, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      credentials: 'omit',
      // The widget's requests say nothing about the page they come from beyond its origin.
      referrerPolicy: 'strict-origin',
    });
    if (!response.ok) throw new ProblemError(response.status, await readProblem(response));
    return (await response.json()) as T;
  }
}
