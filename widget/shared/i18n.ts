/**
 * The widgets' words. Greek is the language of the KEP and the default; English is
 * there for staff who ask for it with `lang="en"`.
 */

import { ProblemError } from './api.js';

export type Lang = 'el' | 'en';

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
  dayNavigation: string;
  previousDay: string;
  nextDay: string;
  date: string;
  caption: (day: string) => string;
  columns: { time: string; name: string; phone: string; email: string; notes: string; status: string };
  noAppointments: string;
  statuses: Record<string, string>;
  newAppointment: string;
  requiredNote: string;
  timeHint: (day: string) => string;
  fields: { firstName: string; lastName: string; time: string; email: string; phone: string; notes: string };
  emailHint: string;
  errors: { firstName: string; lastName: string; time: string; email: string };
  errorSummaryTitle: string;
  errorPrefix: string;
  freeSlots: string;
  submit: string;
  created: string;
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
  dayNavigation: 'Επιλογή ημέρας',
  previousDay: 'Προηγούμενη ημέρα',
  nextDay: 'Επόμενη ημέρα',
  date: 'Ημερομηνία',
  caption: (day) => `Ραντεβού ${day}`,
  columns: {
    time: 'Ώρα',
    name: 'Ονοματεπώνυμο',
    phone: 'Τηλέφωνο',
    email: 'Email',
    notes: 'Σημειώσεις',
    status: 'Κατάσταση',
  },
  noAppointments: 'Δεν υπάρχουν ραντεβού για αυτή την ημέρα.',
  statuses: {
    booked: 'Κλεισμένο',
    arrived: 'Προσήλθε',
    served: 'Εξυπηρετήθηκε',
    cancelled: 'Ακυρώθηκε',
    no_show: 'Δεν προσήλθε',
    missed_by_staff: 'Δεν εξυπηρετήθηκε από το ΚΕΠ',
  },
  newAppointment: 'Νέο ραντεβού',
  requiredNote: 'Τα πεδία με * είναι υποχρεωτικά.',
  timeHint: (day) => `Για την ημέρα ${day}.`,
  fields: {
    firstName: 'Όνομα',
    lastName: 'Επώνυμο',
    time: 'Ώρα',
    email: 'Email',
    phone: 'Τηλέφωνο',
    notes: 'Σημειώσεις',
  },
  emailHint: 'Με email ο πολίτης λαμβάνει επιβεβαίωση. Δεν αποστέλλονται SMS.',
  errors: {
    firstName: 'Συμπληρώστε το όνομα',
    lastName: 'Συμπληρώστε το επώνυμο',
    time: 'Συμπληρώστε την ώρα',
    email: 'Το email δεν είναι έγκυρο',
  },
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  errorPrefix: 'Σφάλμα:',
  freeSlots: 'Ελεύθερες ώρες:',
  submit: 'Καταχώριση',
  created: 'Το ραντεβού καταχωρίστηκε.',
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
  dayNavigation: 'Choose a day',
  previousDay: 'Previous day',
  nextDay: 'Next day',
  date: 'Date',
  caption: (day) => `Appointments on ${day}`,
  columns: {
    time: 'Time',
    name: 'Name',
    phone: 'Phone',
    email: 'Email',
    notes: 'Notes',
    status: 'Status',
  },
  noAppointments: 'There are no appointments on this day.',
  statuses: {
    booked: 'Booked',
    arrived: 'Arrived',
    served: 'Served',
    cancelled: 'Cancelled',
    no_show: 'Did not attend',
    missed_by_staff: 'Not served by the KEP',
  },
  newAppointment: 'New appointment',
  requiredNote: 'Fields marked * are required.',
  timeHint: (day) => `On ${day}.`,
  fields: {
    firstName: 'First name',
    lastName: 'Last name',
    time: 'Time',
    email: 'Email',
    phone: 'Phone',
    notes: 'Notes',
  },
  emailHint: 'With an email address the citizen receives a confirmation. No SMS is sent.',
  errors: {
    firstName: 'Enter the first name',
    lastName: 'Enter the last name',
    time: 'Enter the time',
    email: 'The email address is not valid',
  },
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  freeSlots: 'Free times:',
  submit: 'Save',
  created: 'The appointment has been saved.',
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
