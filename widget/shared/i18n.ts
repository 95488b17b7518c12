/**
 * The words the staff widgets share: signing in, loading, failures, the error summary. Each widget
 * keeps its own words beside it. Greek is the language of the KEP and the default; English is
 * there for staff who ask for it with `lang="en"`.
 */

import { ProblemError } from './api.js';

export type Lang = 'el' | 'en';

/** The shared words in one language. */
export interface Messages {
  /** BCP 47 locale for Intl formatting. */
  locale: string;
  loading: string;
  signedOut: string;
  signIn: string;
  noStore: string;
  storeNotFound: string;
  networkError: string;
  unexpectedError: string;
  errorSummaryTitle: string;
  errorPrefix: string;
  freeSlots: string;
}

const el: Messages = {
  locale: 'el-GR',
  loading: 'Φόρτωση…',
  signedOut: 'Δεν έχετε συνδεθεί.',
  signIn: 'Σύνδεση',
  noStore: 'Δεν έχει οριστεί ΚΕΠ.',
  storeNotFound: 'Το ΚΕΠ δεν βρέθηκε ή δεν έχετε πρόσβαση σε αυτό.',
  networkError: 'Δεν ήταν δυνατή η επικοινωνία με τον διακομιστή. Δοκιμάστε ξανά.',
  unexpectedError: 'Κάτι πήγε στραβά. Δοκιμάστε ξανά.',
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  errorPrefix: 'Σφάλμα:',
  freeSlots: 'Ελεύθερες ώρες:',
};

const en: Messages = {
  locale: 'en-GB',
  loading: 'Loading…',
  signedOut: 'You are not signed in.',
  signIn: 'Sign in',
  noStore: 'No KEP has been chosen.',
  storeNotFound: 'The KEP was not found or you do not have access to it.',
  networkError: 'Could not reach the server. Try again.',
  unexpectedError: 'Something went wrong. Try again.',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  freeSlots: 'Free times:',
};

/** The words for `lang` ('en', 'en-GB', …); anything but English falls back to Greek. */
export function messagesFor(lang: string | null | undefined): Messages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}

/** What to tell staff about a failed request. */
export function describeError(error: unknown, t: Messages): string {
  if (error instanceof ProblemError) return error.problem.detail ?? error.problem.title ?? t.unexpectedError;
  // fetch rejects with a TypeError when the network, CORS or the server is down.
  return error instanceof TypeError ? t.networkError : t.unexpectedError;
}
