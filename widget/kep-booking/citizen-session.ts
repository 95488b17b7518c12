/**
 * The citizen's sign-in, without cookies: a popup on the plugin's origin runs the identity
 * provider's flow (its cookies are first-party there, since a popup is a top-level window) and
 * posts the bearer token back to this page with `postMessage`.
 *
 * The token lives in this object's memory only: nothing in storage for another script of the host
 * page to find later, and a closed tab forgets it.
 */
import type { Citizen } from './booking-api.js';
import type { BookingMessages } from './booking-i18n.js';

/** Why a sign-in did not finish. */
export class SignInError extends Error {
  /**
   * 'blocked': the browser refused the popup; 'closed': the citizen closed it first; 'failed': the
   * plugin said why (`detail`, for the citizen).
   */
  readonly reason: 'blocked' | 'closed' | 'failed';
  readonly detail: string | null;

  constructor(reason: 'blocked' | 'closed' | 'failed', detail: string | null = null) {
    super(detail ?? `citizen sign-in ${reason}`);
    this.name = 'SignInError';
    this.reason = reason;
    this.detail = detail;
  }
}

/** What the plugin's popup posts: the signed-in citizen, or why the sign-in failed. */
type PopupMessage = ({ type: 'rantevou:citizen' } & Citizen) | { type: 'rantevou:citizen-error'; detail: string };

/** One citizen's sign-in for one plugin; `change` fires when they sign in or out. */
export class CitizenSession extends EventTarget {
  readonly #apiOrigin: string;
  readonly #loginUrl: string;
  #citizen: Citizen | null = null;
  #pending: Promise<Citizen> | null = null;
  #stopListening: (() => void) | null = null;

  /**
   * @param apiOrigin the only origin whose messages are believed.
   * @param loginUrl the popup's first page.
   */
  constructor(apiOrigin: string, loginUrl: string) {
    super();
    this.#apiOrigin = apiOrigin;
    this.#loginUrl = loginUrl;
  }

  /** The signed-in citizen, or null once their token has lapsed. */
  get citizen(): Citizen | null {
    if (this.#citizen && Date.parse(this.#citizen.expiresAt) <= Date.now()) this.forget();
    return this.#citizen;
  }

  /**
   * Opens the sign-in popup and resolves with the citizen. Call it straight from a click or a
   * submit: browsers allow popups only during a user's action.
   */
  signIn(): Promise<Citizen> {
    if (this.#pending) return this.#pending;
    const popup = window.open(this.#loginUrl, 'rantevou-sign-in', 'popup,width=520,height=720');
    if (!popup) return Promise.reject(new SignInError('blocked'));
    this.#pending = new Promise<Citizen>((resolve, reject) => {
      const onMessage = (event: MessageEvent) => {
        // Only the plugin's own page in our popup may sign the citizen in; any other window's
        // message (an ad frame, another tab) is ignored.
        if (event.origin !== this.#apiOrigin || event.source !== popup) return;
        const message = readMessage(event.data);
        if (!message) return;
        stop();
        popup.close();
        if (message.type === 'rantevou:citizen-error') {
          reject(new SignInError('failed', message.detail));
          return;
        }
        const { type: _type, ...citizen } = message;
        this.#citizen = citizen;
        this.dispatchEvent(new Event('change'));
        resolve(citizen);
      };
      // A closed popup cannot be listened to; polling is the only signal browsers give. The popup
      // closes itself right after posting, and the message may arrive after the poll sees it closed
      // (it comes from another process): wait a moment before giving up.
      let grace: ReturnType<typeof setTimeout> | undefined;
      const timer = setInterval(() => {
        if (!popup.closed || grace) return;
        grace = setTimeout(() => {
          stop();
          reject(new SignInError('closed'));
        }, 1000);
      }, 400);
      const stop = () => {
        clearInterval(timer);
        clearTimeout(grace);
        window.removeEventListener('message', onMessage);
        this.#pending = null;
        this.#stopListening = null;
      };
      this.#stopListening = () => {
        stop();
        reject(new SignInError('closed'));
      };
      window.addEventListener('message', onMessage);
    });
    return this.#pending;
  }

  /** Forgets the token (it lapsed, or the API no longer accepts it). */
  forget(): void {
    if (!this.#citizen) return;
    this.#citizen = null;
    this.dispatchEvent(new Event('change'));
  }

  /** Stops waiting for a popup (the element left the page). */
  dispose(): void {
    this.#stopListening?.();
  }
}

function readMessage(data: unknown): PopupMessage | null {
  const m = data as Record<string, unknown> | null;
  if (!m || typeof m !== 'object') return null;
  if (m.type === 'rantevou:citizen-error') return typeof m.detail === 'string' ? { type: m.type, detail: m.detail } : null;
  if (m.type !== 'rantevou:citizen') return null;
  const { token, name, expiresAt } = m;
  if (typeof token !== 'string' || !token || typeof name !== 'string' || typeof expiresAt !== 'string') return null;
  if (Number.isNaN(Date.parse(expiresAt))) return null;
  // An older plugin sends no names or email: the form then asks for them.
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : null);
  return {
    type: m.type,
    token,
    name,
    expiresAt,
    givenName: text(m.givenName),
    familyName: text(m.familyName),
    email: text(m.email),
    taxId: text(m.taxId),
  };
}

/** What to tell the citizen about a sign-in that did not finish. */
export function signInProblem(error: SignInError, t: Pick<BookingMessages, 'popupBlocked' | 'popupClosed'>): string {
  if (error.reason === 'blocked') return t.popupBlocked;
  return error.detail ?? t.popupClosed;
}
