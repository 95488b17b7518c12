import type { EventType } from './webhooks-api.js';

/** The texts of `<kep-webhooks>`, Greek first. */
export interface WebhookMessages {
  title: string;
  intro: string;
  caption: string;
  columns: { url: string; events: string; scope: string; state: string; actions: string };
  events: Record<EventType, string>;
  scopes: { ids: string; contact: string };
  scopeHints: { ids: string; contact: string };
  active: string;
  paused: (when: string, failing: boolean) => string;
  failingSince: (when: string) => string;
  none: string;
  newTitle: string;
  urlLabel: string;
  urlHint: string;
  eventsLegend: string;
  scopeLegend: string;
  descriptionLabel: string;
  create: string;
  urlRequired: string;
  eventsRequired: string;
  created: string;
  secretTitle: string;
  secretWarning: string;
  secretLabel: string;
  copy: string;
  copied: string;
  copyFailed: string;
  done: string;
  pause: (url: string) => string;
  resume: (url: string) => string;
  remove: (url: string) => string;
  removeConfirm: (url: string) => string;
  showLog: (url: string) => string;
  pausedNow: string;
  resumedNow: string;
  removed: string;
  logTitle: (url: string) => string;
  logCaption: string;
  logColumns: { when: string; event: string; state: string; attempts: string; result: string; actions: string };
  logNone: string;
  states: { pending: string; queued: string; delivered: string; failed: string; skipped: string };
  replay: (event: string, when: string) => string;
  replayed: string;
  closeLog: string;
}

const EVENTS_EL: Record<EventType, string> = {
  'appointment.created': 'Νέο ραντεβού',
  'appointment.changed': 'Αλλαγή ραντεβού',
  'appointment.cancelled': 'Ακύρωση',
  'appointment.arrived': 'Άφιξη',
  'appointment.served': 'Εξυπηρέτηση',
  'appointment.no_show': 'Ο πολίτης δεν προσήλθε',
  'appointment.missed_by_staff': 'Χάθηκε από την υπηρεσία',
  'appointment.hold_lapsed': 'Κράτηση ώρας που έληξε',
};
const EVENTS_EN: Record<EventType, string> = {
  'appointment.created': 'Booked',
  'appointment.changed': 'Changed',
  'appointment.cancelled': 'Cancelled',
  'appointment.arrived': 'Arrived',
  'appointment.served': 'Served',
  'appointment.no_show': 'Citizen did not come',
  'appointment.missed_by_staff': 'Missed by staff',
  'appointment.hold_lapsed': 'Hold lapsed',
};

const el: WebhookMessages = {
  title: 'Webhooks',
  intro: 'Άλλα συστήματα (η πλατφόρμα, ένα σύστημα ουράς) λαμβάνουν τα γεγονότα των ραντεβού του ΚΕΠ σε μια διεύθυνση https, υπογεγραμμένα (Standard Webhooks). Μια διεύθυνση που αποτυγχάνει για μια ημέρα τίθεται σε παύση και ενημερώνεστε με email.',
  caption: 'Διευθύνσεις webhook του ΚΕΠ',
  columns: { url: 'Διεύθυνση', events: 'Γεγονότα', scope: 'Δεδομένα', state: 'Κατάσταση', actions: 'Ενέργειες' },
  events: EVENTS_EL,
  scopes: { ids: 'Μόνο αναγνωριστικά', contact: 'Και στοιχεία επικοινωνίας' },
  scopeHints: { ids: 'Αναγνωριστικά, ώρες, ΚΕΠ, κατάσταση, κωδικός κράτησης· κανένα προσωπικό δεδομένο.', contact: 'Επιπλέον ονοματεπώνυμο, email και τηλέφωνο του πολίτη. Μόνο για συστήματα που τα χρειάζονται.' },
  active: 'Ενεργή',
  paused: (when, failing) => (failing ? `Σε παύση από ${when} (αποτύγχανε για μια ημέρα)` : `Σε παύση από ${when}`),
  failingSince: (when) => `Αποτυγχάνει από ${when}`,
  none: 'Δεν υπάρχουν διευθύνσεις webhook.',
  newTitle: 'Νέα διεύθυνση',
  urlLabel: 'Διεύθυνση (URL)',
  urlHint: 'https://… · εσωτερικές διευθύνσεις (localhost, ιδιωτικές IP) γίνονται δεκτές μόνο όπου το επιτρέπει η εγκατάσταση.',
  eventsLegend: 'Γεγονότα',
  scopeLegend: 'Δεδομένα του πολίτη',
  descriptionLabel: 'Περιγραφή (προαιρετικά)',
  create: 'Προσθήκη',
  urlRequired: 'Συμπληρώστε τη διεύθυνση (https://…).',
  eventsRequired: 'Επιλέξτε τουλάχιστον ένα γεγονός.',
  created: 'Η διεύθυνση προστέθηκε.',
  secretTitle: 'Το μυστικό υπογραφής',
  secretWarning: 'Αντιγράψτε το τώρα και δώστε το στο σύστημα που λαμβάνει: δεν θα εμφανιστεί ξανά.',
  secretLabel: 'Μυστικό (whsec_…)',
  copy: 'Αντιγραφή',
  copied: 'Αντιγράφηκε.',
  copyFailed: 'Η αντιγραφή δεν έγινε· επιλέξτε το κείμενο και αντιγράψτε το.',
  done: 'Το αντέγραψα',
  pause: (url) => `Παύση ${url}`,
  resume: (url) => `Συνέχεια ${url}`,
  remove: (url) => `Διαγραφή ${url}`,
  removeConfirm: (url) => `Να διαγραφεί η διεύθυνση ${url} και το ημερολόγιό της;`,
  showLog: (url) => `Αποστολές ${url}`,
  pausedNow: 'Η διεύθυνση τέθηκε σε παύση.',
  resumedNow: 'Η διεύθυνση είναι ξανά ενεργή.',
  removed: 'Η διεύθυνση διαγράφηκε.',
  logTitle: (url) => `Αποστολές προς ${url}`,
  logCaption: 'Ημερολόγιο αποστολών, νεότερες πρώτα',
  logColumns: { when: 'Πότε', event: 'Γεγονός', state: 'Κατάσταση', attempts: 'Προσπάθειες', result: 'Αποτέλεσμα', actions: 'Ενέργειες' },
  logNone: 'Καμία αποστολή ακόμη.',
  states: { pending: 'Σε αναμονή', queued: 'Σε αναμονή', delivered: 'Παραδόθηκε', failed: 'Απέτυχε', skipped: 'Δεν στάλθηκε' },
  replay: (event, when) => `Αποστολή ξανά: ${event}, ${when}`,
  replayed: 'Η αποστολή μπήκε ξανά στην ουρά.',
  closeLog: 'Κλείσιμο',
};

const en: WebhookMessages = {
  ...el,
  intro: 'Other systems (the platform, a queue system) receive the KEP’s appointment events at an https URL, signed (Standard Webhooks). A URL that fails for a day is paused and you are told by email.',
  caption: 'The KEP’s webhook URLs',
  columns: { url: 'URL', events: 'Events', scope: 'Data', state: 'State', actions: 'Actions' },
  events: EVENTS_EN,
  scopes: { ids: 'Ids only', contact: 'With contact details' },
  scopeHints: { ids: 'Ids, times, KEP, status, booking reference; no personal data.', contact: 'Also the citizen’s name, email and phone. Only for systems that need them.' },
  active: 'Active',
  paused: (when, failing) => (failing ? `Paused since ${when} (failing for a day)` : `Paused since ${when}`),
  failingSince: (when) => `Failing since ${when}`,
  none: 'No webhook URLs.',
  newTitle: 'New URL',
  urlLabel: 'URL',
  urlHint: 'https://… · internal addresses (localhost, private IPs) are accepted only where the deployment allows them.',
  eventsLegend: 'Events',
  scopeLegend: 'The citizen’s data',
  descriptionLabel: 'Description (optional)',
  create: 'Add',
  urlRequired: 'Enter the URL (https://…).',
  eventsRequired: 'Choose at least one event.',
  created: 'The URL was added.',
  secretTitle: 'The signing secret',
  secretWarning: 'Copy it now and give it to the receiving system: it will not be shown again.',
  secretLabel: 'Secret (whsec_…)',
  copy: 'Copy',
  copied: 'Copied.',
  copyFailed: 'Could not copy; select the text and copy it.',
  done: 'I have copied it',
  pause: (url) => `Pause ${url}`,
  resume: (url) => `Resume ${url}`,
  remove: (url) => `Delete ${url}`,
  removeConfirm: (url) => `Delete the URL ${url} and its log?`,
  showLog: (url) => `Deliveries to ${url}`,
  pausedNow: 'The URL is paused.',
  resumedNow: 'The URL is active again.',
  removed: 'The URL was deleted.',
  logTitle: (url) => `Deliveries to ${url}`,
  logCaption: 'Delivery log, newest first',
  logColumns: { when: 'When', event: 'Event', state: 'State', attempts: 'Attempts', result: 'Result', actions: 'Actions' },
  logNone: 'No deliveries yet.',
  states: { pending: 'Waiting', queued: 'Waiting', delivered: 'Delivered', failed: 'Failed', skipped: 'Not sent' },
  replay: (event, when) => `Send again: ${event}, ${when}`,
  replayed: 'The delivery is queued again.',
  closeLog: 'Close',
};

export function webhookMessagesFor(lang: string): WebhookMessages {
  return lang === 'en' ? en : el;
}
