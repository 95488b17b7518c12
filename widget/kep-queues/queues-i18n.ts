/** The words of `<kep-queues>`: Greek first (the default), English for `lang="en"`. */

export interface QueueMessages {
  locale: string;
  title: (store: string) => string;
  readOnly: string;
  queues: string;
  queuesCaption: string;
  columns: { name: string; mode: string; slot: string; hours: string; active: string; public: string; actions: string };
  modes: { in_person: string; video: string };
  defaultQueue: string;
  minutes: (n: number) => string;
  closedAllWeek: string;
  editHours: (queue: string) => string;
  deleteQueue: (queue: string) => string;
  activeLabel: (queue: string) => string;
  publicLabel: (queue: string) => string;
  hoursEditor: (queue: string) => string;
  weekdays: string[];
  weekdaysShort: string[];
  from: string;
  to: string;
  addInterval: string;
  removeInterval: (day: string, n: number) => string;
  closedDay: string;
  slotMinutes: string;
  save: string;
  cancel: string;
  newQueue: string;
  queueName: string;
  create: string;
  exceptions: string;
  exceptionsCaption: string;
  exceptionColumns: { dates: string; scope: string; hours: string; reason: string; actions: string };
  wholeKep: string;
  closed: string;
  yearly: string;
  noExceptions: string;
  deleteException: (reason: string) => string;
  newException: string;
  startDate: string;
  endDate: string;
  scope: string;
  closedAllDay: string;
  openFrom: string;
  openTo: string;
  reason: string;
  reasonHint: string;
  recursYearly: string;
  add: string;
  holidays: string;
  holidaysCaption: string;
  holidayColumns: { date: string; name: string; kind: string };
  national: string;
  local: string;
  decisionTitle: (n: number) => string;
  decisionHint: string;
  keep: string;
  cancelWithNotice: string;
  move: string;
  moveTo: string;
  confirm: string;
  withEmail: string;
  withoutEmail: string;
  errors: { time: string; order: string; name: string; dates: string; reason: string; moveTo: string };
  errorSummaryTitle: string;
  saved: string;
  deleted: string;
}

const el: QueueMessages = {
  locale: 'el-GR',
  title: (store) => `Ουρές εξυπηρέτησης — ${store}`,
  readOnly: 'Βλέπετε τις ουρές και τα ωράρια· αλλαγές κάνει ο Διαχειριστής Καταστήματος.',
  queues: 'Ουρές',
  queuesCaption: 'Οι ουρές του ΚΕΠ με το ωράριο και την κατάστασή τους',
  columns: { name: 'Ουρά', mode: 'Τρόπος', slot: 'Διάρκεια', hours: 'Ωράριο', active: 'Ενεργή', public: 'Δημόσια', actions: 'Ενέργειες' },
  modes: { in_person: 'Δια ζώσης', video: 'Βιντεοκλήση' },
  defaultQueue: 'προκαθορισμένη',
  minutes: (n) => `${n} λεπτά`,
  closedAllWeek: 'Χωρίς ωράριο',
  editHours: (q) => `Ωράριο: ${q}`,
  deleteQueue: (q) => `Διαγραφή: ${q}`,
  activeLabel: (q) => `Ενεργή: ${q}`,
  publicLabel: (q) => `Δημόσια: ${q}`,
  hoursEditor: (q) => `Εβδομαδιαίο ωράριο — ${q}`,
  weekdays: ['Δευτέρα', 'Τρίτη', 'Τετάρτη', 'Πέμπτη', 'Παρασκευή', 'Σάββατο', 'Κυριακή'],
  weekdaysShort: ['Δευ', 'Τρι', 'Τετ', 'Πεμ', 'Παρ', 'Σαβ', 'Κυρ'],
  from: 'Από',
  to: 'Έως',
  addInterval: 'Προσθήκη διαστήματος',
  removeInterval: (day, n) => `Αφαίρεση διαστήματος ${n} (${day})`,
  closedDay: 'Κλειστά',
  slotMinutes: 'Διάρκεια ραντεβού (λεπτά)',
  save: 'Αποθήκευση',
  cancel: 'Ακύρωση',
  newQueue: 'Νέα ουρά',
  queueName: 'Όνομα ουράς',
  create: 'Προσθήκη ουράς',
  exceptions: 'Εξαιρέσεις',
  exceptionsCaption: 'Κλεισίματα και αλλαγές ωραρίου των επόμενων μηνών',
  exceptionColumns: { dates: 'Ημερομηνίες', scope: 'Ισχύει για', hours: 'Ωράριο', reason: 'Αιτία', actions: 'Ενέργειες' },
  wholeKep: 'Όλο το ΚΕΠ',
  closed: 'Κλειστά',
  yearly: 'κάθε χρόνο',
  noExceptions: 'Δεν υπάρχουν εξαιρέσεις τους επόμενους μήνες.',
  deleteException: (r) => `Διαγραφή εξαίρεσης: ${r}`,
  newException: 'Νέα εξαίρεση',
  startDate: 'Από ημερομηνία',
  endDate: 'Έως ημερομηνία',
  scope: 'Ισχύει για',
  closedAllDay: 'Κλειστά όλη την ημέρα',
  openFrom: 'Ανοιχτά από',
  openTo: 'Ανοιχτά έως',
  reason: 'Αιτία',
  reasonHint: 'Π.χ. τοπική εορτή, επιμόρφωση προσωπικού, απεργία.',
  recursYearly: 'Επαναλαμβάνεται κάθε χρόνο (π.χ. πολιούχος)',
  add: 'Προσθήκη εξαίρεσης',
  holidays: 'Αργίες',
  holidaysCaption: 'Αργίες των επόμενων μηνών (το ΚΕΠ είναι κλειστό)',
  holidayColumns: { date: 'Ημερομηνία', name: 'Αργία', kind: 'Είδος' },
  national: 'Εθνική',
  local: 'Τοπική',
  decisionTitle: (n) => (n === 1 ? '1 μελλοντικό ραντεβού μένει εκτός ωραρίου' : `${n} μελλοντικά ραντεβού μένουν εκτός ωραρίου`),
  decisionHint: 'Επιλέξτε τι θα γίνει με αυτά τα ραντεβού πριν αποθηκευτεί η αλλαγή.',
  keep: 'Να διατηρηθούν όπως είναι',
  cancelWithNotice: 'Να ακυρωθούν (όσοι έχουν email ειδοποιούνται)',
  move: 'Να μεταφερθούν σε άλλη ουρά, την ίδια ώρα',
  moveTo: 'Ουρά προορισμού',
  confirm: 'Επιβεβαίωση αλλαγής',
  withEmail: 'με email',
  withoutEmail: 'χωρίς email',
  errors: {
    time: 'Συμπληρώστε και τις δύο ώρες κάθε διαστήματος',
    order: 'Η ώρα λήξης πρέπει να είναι μετά την ώρα έναρξης',
    name: 'Συμπληρώστε το όνομα της ουράς',
    dates: 'Συμπληρώστε τις ημερομηνίες (η λήξη ίδια ή μετά την έναρξη)',
    reason: 'Συμπληρώστε την αιτία',
    moveTo: 'Επιλέξτε ουρά προορισμού',
  },
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  saved: 'Οι αλλαγές αποθηκεύτηκαν.',
  deleted: 'Διαγράφηκε.',
};

const en: QueueMessages = {
  ...el,
  locale: 'en-GB',
  title: (store) => `Service queues — ${store}`,
  readOnly: 'You can see the queues and hours; the store administrator changes them.',
  queues: 'Queues',
  queuesCaption: "The KEP's queues with their hours and state",
  columns: { name: 'Queue', mode: 'Mode', slot: 'Slot', hours: 'Hours', active: 'Active', public: 'Public', actions: 'Actions' },
  modes: { in_person: 'In person', video: 'Video call' },
  defaultQueue: 'default',
  minutes: (n) => `${n} minutes`,
  closedAllWeek: 'No hours',
  editHours: (q) => `Hours: ${q}`,
  deleteQueue: (q) => `Delete: ${q}`,
  activeLabel: (q) => `Active: ${q}`,
  publicLabel: (q) => `Public: ${q}`,
  hoursEditor: (q) => `Weekly hours — ${q}`,
  weekdays: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
  weekdaysShort: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
  from: 'From',
  to: 'To',
  addInterval: 'Add interval',
  removeInterval: (day, n) => `Remove interval ${n} (${day})`,
  closedDay: 'Closed',
  slotMinutes: 'Appointment length (minutes)',
  save: 'Save',
  cancel: 'Cancel',
  newQueue: 'New queue',
  queueName: 'Queue name',
  create: 'Add queue',
  exceptions: 'Exceptions',
  exceptionsCaption: 'Closures and changed hours in the coming months',
  exceptionColumns: { dates: 'Dates', scope: 'Applies to', hours: 'Hours', reason: 'Reason', actions: 'Actions' },
  wholeKep: 'The whole KEP',
  closed: 'Closed',
  yearly: 'every year',
  noExceptions: 'There are no exceptions in the coming months.',
  deleteException: (r) => `Delete exception: ${r}`,
  newException: 'New exception',
  startDate: 'From date',
  endDate: 'To date',
  scope: 'Applies to',
  closedAllDay: 'Closed all day',
  openFrom: 'Open from',
  openTo: 'Open until',
  reason: 'Reason',
  reasonHint: 'E.g. local feast, staff training, strike.',
  recursYearly: "Repeats every year (e.g. the town's patron saint)",
  add: 'Add exception',
  holidays: 'Holidays',
  holidaysCaption: 'Holidays in the coming months (the KEP is closed)',
  holidayColumns: { date: 'Date', name: 'Holiday', kind: 'Kind' },
  national: 'National',
  local: 'Local',
  decisionTitle: (n) => (n === 1 ? '1 future appointment falls outside the hours' : `${n} future appointments fall outside the hours`),
  decisionHint: 'Choose what happens to these appointments before the change is saved.',
  keep: 'Keep them as they are',
  cancelWithNotice: 'Cancel them (citizens with an email are told)',
  move: 'Move them to another queue, same time',
  moveTo: 'Target queue',
  confirm: 'Confirm change',
  withEmail: 'with email',
  withoutEmail: 'no email',
  errors: {
    time: 'Fill in both times of every interval',
    order: 'The end time must be after the start time',
    name: 'Enter the queue name',
    dates: 'Enter the dates (the end on or after the start)',
    reason: 'Enter the reason',
    moveTo: 'Choose the target queue',
  },
  errorSummaryTitle: 'There is a problem',
  saved: 'The changes have been saved.',
  deleted: 'Deleted.',
};

/** The words for `lang`; anything but English falls back to Greek. */
export function queueMessagesFor(lang: string | null | undefined): QueueMessages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}
