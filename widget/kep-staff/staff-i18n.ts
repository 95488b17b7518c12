/**
 * The words of the staff intranet's shell (`<kep-staff-app>`, `<kep-staff-header>`, `<kep-staff-nav>`),
 * Greek first. Shared words (loading, sign in, errors) come from `../shared/i18n.ts`.
 */
import type { StaffRole } from '../shared/api.js';
import type { StaffView } from './staff-views.js';

/** The shell's words in one language. */
export interface StaffMessages {
  brand: string;
  views: Record<StaffView, string>;
  roles: Record<StaffRole, string>;
  readOnly: string;
  navLabel: string;
  storeLabel: string;
  switchStore: string;
  allStores: (n: number) => string;
  signOut: string;
  signedOutTitle: string;
  signedOut: string;
  notSignedInTitle: string;
  noStores: string;
  chooseStore: (view: string) => string;
  showing: (view: string, store: string) => string;
}

const el: StaffMessages = {
  brand: 'Ενδοδίκτυο ΚΕΠ',
  views: {
    appointments: 'Ραντεβού',
    'live-queue': 'Ουρά αναμονής',
    queues: 'Ουρές & ωράριο',
    procedures: 'Διαδικασίες',
    outbox: 'Email που δεν στάλθηκαν',
    webhooks: 'Webhooks',
    reports: 'Αναφορές',
  },
  roles: { operator: 'Χειριστής', store_admin: 'Διαχειριστής Καταστήματος', supervisor: 'Εποπτεία' },
  readOnly: 'μόνο ανάγνωση',
  navLabel: 'Ενότητες',
  storeLabel: 'ΚΕΠ',
  switchStore: 'Αλλαγή',
  allStores: (n) => `Όλα τα ΚΕΠ (${n})`,
  signOut: 'Αποσύνδεση',
  signedOutTitle: 'Αποσυνδεθήκατε',
  signedOut: 'Η σύνδεσή σας στην εφαρμογή έληξε, και στον πάροχο ταυτότητας όπου εκείνος το υποστηρίζει. Ο επόμενος χρήστης αυτού του υπολογιστή συνδέεται με τον δικό του λογαριασμό.',
  notSignedInTitle: 'Δεν έχετε συνδεθεί',
  noStores: 'Ο λογαριασμός σας δεν έχει ρόλο σε κανένα ΚΕΠ. Απευθυνθείτε στον υπεύθυνο του ΚΕΠ σας.',
  chooseStore: (view) => `Η ενότητα «${view}» αφορά ένα ΚΕΠ. Επιλέξτε ΚΕΠ:`,
  showing: (view, store) => `${view} — ${store}`,
};

const en: StaffMessages = {
  brand: 'KEP intranet',
  views: {
    appointments: 'Appointments',
    'live-queue': 'Waiting queue',
    queues: 'Queues & hours',
    procedures: 'Procedures',
    outbox: 'Undelivered email',
    webhooks: 'Webhooks',
    reports: 'Reports',
  },
  roles: { operator: 'Operator', store_admin: 'Store administrator', supervisor: 'Supervision' },
  readOnly: 'read only',
  navLabel: 'Sections',
  storeLabel: 'KEP',
  switchStore: 'Change',
  allStores: (n) => `All KEPs (${n})`,
  signOut: 'Sign out',
  signedOutTitle: 'You have signed out',
  signedOut: 'Your session in this application has ended, and at the identity provider where it supports that. The next person at this computer signs in with their own account.',
  notSignedInTitle: 'You are not signed in',
  noStores: 'Your account has no role at any KEP. Ask the head of your KEP.',
  chooseStore: (view) => `“${view}” is about one KEP. Choose a KEP:`,
  showing: (view, store) => `${view} — ${store}`,
};

/** The words for `lang`; Greek unless English is asked for. */
export function staffMessagesFor(lang: string | null | undefined): StaffMessages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}
