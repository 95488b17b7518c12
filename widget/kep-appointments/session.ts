import { ProblemError, type ApiClient, type Me } from '../shared/api.js';
import { describeError, messagesFor } from '../shared/i18n.js';

/** Who is signed in, as far as the screen knows. */
export type Session = { state: 'loading' } | { state: 'signed-out' } | { state: 'ready'; me: Me } | { state: 'failed'; message: string };

/** The signed-in person and their KEPs; a 401 means nobody is signed in, anything else is a failure to show. */
export async function fetchSession(api: ApiClient, lang: string): Promise<Session> {
  try {
    return { state: 'ready', me: await api.me() };
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) return { state: 'signed-out' };
    return { state: 'failed', message: describeError(error, messagesFor(lang)) };
  }
}
