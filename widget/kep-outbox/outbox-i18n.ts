/**
 * The words of `<kep-outbox>`, Greek first. Shared words (loading, sign in, errors) come from
 * `../shared/i18n.ts`.
 */
import type { OutboxKind } from './outbox-api.js';

export interface OutboxMessages {
  title: (store: string) => string;
  intro: string;
  caption: string;
  notAdmin: string;
  empty: string;
  refresh: string;
  columns: { appointment: string; citizen: string; kind: string; reason: string; attempts: string; action: string };
  kinds: Record<OutboxKind, string>;
  emailLabel: (name: string) => string;
  resend: string;
  resendFor: (name: string) => string;
  resent: (name: string) => string;
  errorSummaryTitle: string;
  invalidEmail: (name: string) => string;
  count: (n: number) => string;
}

const el: OutboxMessages = {
  title: (store) => `Email που δεν στάλθηκαν — ${store}`,
  intro: 'Μηνύματα προς πολίτες που ο διακομιστής email απέρριψε οριστικά ή που δεν στάλθηκαν έπειτα από πολλές προσπάθειες. Διορθώστε τη διεύθυνση, αν είναι λανθασμένη, και στείλτε ξανά.',
  caption: 'Μηνύματα που απέτυχαν',
  notAdmin: 'Τα μηνύματα που απέτυχαν τα βλέπει μόνο ο Διαχειριστής Καταστήματος.',
  empty: 'Δεν υπάρχουν μηνύματα που απέτυχαν.',
  refresh: 'Ανανέωση',
  columns: { appointment: 'Ραντεβού', citizen: 'Πολίτης', kind: 'Μήνυμα', reason: 'Αιτία', attempts: 'Προσπάθειες', action: 'Διεύθυνση και αποστολή' },
  kinds: {
    'appointment.confirmation': 'Επιβεβαίωση',
    'appointment.change': 'Αλλαγή',
    'appointment.cancellation': 'Ακύρωση',
    'appointment.reminder': 'Υπενθύμιση',
    'appointment.video-not-eligible': 'Βιντεοκλήση μη διαθέσιμη',
  },
  emailLabel: (name) => `Email για ${name}`,
  resend: 'Αποστολή ξανά',
  resendFor: (name) => `Αποστολή ξανά: ${name}`,
  resent: (name) => `Το μήνυμα προς ${name} μπήκε ξανά στην ουρά αποστολής.`,
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  invalidEmail: (name) => `Γράψτε ένα έγκυρο email για ${name}, π.χ. onoma@example.gr.`,
  count: (n) => (n === 1 ? '1 μήνυμα' : `${n} μηνύματα`),
};

const en: OutboxMessages = {
  title: (store) => `Email not delivered — ${store}`,
  intro: 'Messages to citizens that the mail server refused for good, or that could not be sent after many attempts. Correct the address if it is wrong, and send again.',
  caption: 'Failed messages',
  notAdmin: 'Only the store administrator sees the failed messages.',
  empty: 'There are no failed messages.',
  refresh: 'Refresh',
  columns: { appointment: 'Appointment', citizen: 'Citizen', kind: 'Message', reason: 'Reason', attempts: 'Attempts', action: 'Address and sending' },
  kinds: {
    'appointment.confirmation': 'Confirmation',
    'appointment.change': 'Change',
    'appointment.cancellation': 'Cancellation',
    'appointment.reminder': 'Reminder',
    'appointment.video-not-eligible': 'Video call not possible',
  },
  emailLabel: (name) => `Email for ${name}`,
  resend: 'Send again',
  resendFor: (name) => `Send again: ${name}`,
  resent: (name) => `The message to ${name} is queued again.`,
  errorSummaryTitle: 'There is a problem',
  invalidEmail: (name) => `Enter a valid email for ${name}, like name@example.com.`,
  count: (n) => (n === 1 ? '1 message' : `${n} messages`),
};

/** The words in `lang`; Greek unless English is asked for. */
export function outboxMessagesFor(lang: string | null | undefined): OutboxMessages {
  return lang?.toLowerCase().startsWith('en') ? en : el;
}
