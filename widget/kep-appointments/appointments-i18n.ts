/**
 * The words of the staff screen `<kep-appointments>`: Greek first, English for `lang="en"`.
 * Words every widget shares (loading, sign-in, the error summary's title) stay in
 * `../shared/i18n.ts`.
 */
import type { AppointmentSource, AppointmentStatus } from '../shared/api.js';
import { en } from './appointments-i18n-en.js';

/** The form's fields, by request body name (plus the date and time the form splits `startsAt` into). */
export type FormField =
  | 'firstName' | 'lastName' | 'queueId' | 'mode' | 'date' | 'time' | 'durationMinutes' | 'email' | 'phone' | 'taxId'
  | 'businessName' | 'businessTaxId' | 'procedure' | 'source' | 'notes';

/** Every word of the screen, in one language. */
export interface AppointmentMessages {
  locale: string;
  dayNavigation: string;
  /** The skip link at the top of the screen, to the list past the search and filters. */
  skipToList: string;
  previousDay: string;
  nextDay: string;
  today: string;
  calendar: { label: string; previousMonth: string; nextMonth: string; help: string; weekdays: string[]; weekdaysLong: string[] };
  search: { label: string; hint: string };
  filters: { title: string; queue: string; mode: string; source: string; from: string; to: string; status: string; any: string; clear: string; rangeHint: string; more: string };
  modes: Record<'in_person' | 'video', string>;
  sources: Record<AppointmentSource, string>;
  statuses: Record<AppointmentStatus, string>;
  /** The list's heading and caption: one day, a range, or a search. */
  titles: { day: (day: string) => string; range: (from: string, to: string) => string; search: (q: string) => string };
  found: (n: number) => string;
  columns: { time: string; dateTime: string; reference: string; name: string; queue: string; contact: string; procedure: string; mode: string; status: string; actions: string };
  sortHint: string;
  noAppointments: string;
  noResults: string;
  pages: { label: string; previous: string; next: string; page: (page: number, of: number) => string };
  toolbar: { add: string; print: (day: string) => string; csv: (day: string) => string; newTab: string };
  row: {
    arrived: string; served: string; noShow: string; undo: string; edit: string; cancel: string;
    representing: (business: string) => string; reason: (reason: string) => string; attention: string;
    changedAt: (time: string) => string;
    /** Below «Κλεισμένο» while attendance cannot be recorded yet: why the buttons are not there. */
    attendanceFrom: (time: string) => string;
  };
  announce: {
    status: (name: string, status: string) => string; created: (name: string, when: string) => string;
    updated: (name: string) => string; cancelled: (name: string) => string;
  };
  /** A supervisor's screen: why there are no buttons. */
  readOnly: string;
  /** A day the KEP (a holiday, a closure) or one queue is closed. */
  closed: { kep: (day: string, reason: string) => string; queue: (queue: string, reason: string) => string };
  video: {
    join: string; link: string; noLink: string; recordStart: string;
    started: (time: string) => string; announceStarted: (name: string) => string;
    /** The citizen pressed «Περιμένω» in the video waiting room (and nobody started the call yet). */
    waiting: (time: string) => string;
    /** After the call started: the record keeps when the citizen began to wait. */
    waited: (time: string) => string;
    /** The late-start alert was raised. */
    late: (time: string) => string; lateHint: string;
    /** Read out when a citizen starts waiting or the alert is raised (the live stream, or the minute's reload). */
    announceWaiting: (names: string[]) => string;
  };
  notice: {
    button: string; notEligible: string; title: (name: string) => string;
    what: (procedure: string) => string; email: (email: string) => string; stays: (when: string) => string;
    submit: string; back: string; sent: (when: string) => string; announce: (name: string) => string; already: (name: string) => string;
  };
  attention: { hint: string; summary: (n: number) => string; announce: (names: string[]) => string };
  form: {
    newTitle: string; editTitle: (name: string) => string; requiredNote: string;
    labels: Record<FormField, string>;
    business: string;
    hints: { email: string; phone: string; taxId: string; duration: (minutes: number | null) => string; time: string; procedure: string };
    errors: { firstName: string; lastName: string; date: string; time: string; email: string; phone: string; taxId: string; businessName: string; businessTaxId: string; durationMinutes: string };
    slots: (day: string) => string; slotsLoading: string; noSlots: string; slotsUnavailable: string; noQueueOfMode: (modes: string) => string;
    submitNew: string; submitEdit: string; close: string; saving: string;
    stale: string; staleReloaded: string; taken: string;
    history: string; historyEmpty: string; historyActions: Record<string, string>;
  };
  reason: {
    cancelTitle: (name: string) => string; cancelLabel: string; cancelHint: string; cancelSubmit: string; cancelRequired: string;
    correctTitle: (name: string, status: string) => string; correctLabel: string; correctHint: string; correctSubmit: string; correctRequired: string;
    back: string;
  };
}

const el: AppointmentMessages = {
  locale: 'el-GR',
  dayNavigation: 'Επιλογή ημέρας',
  skipToList: 'Μετάβαση στη λίστα ραντεβού',
  previousDay: 'Προηγούμενη ημέρα',
  nextDay: 'Επόμενη ημέρα',
  today: 'Σήμερα',
  calendar: {
    label: 'Ημερολόγιο',
    previousMonth: 'Προηγούμενος μήνας',
    nextMonth: 'Επόμενος μήνας',
    help: 'Βελάκια: ημέρα και εβδομάδα. Home, End: αρχή και τέλος εβδομάδας. Page Up, Page Down: μήνας. Enter: εμφάνιση της ημέρας.',
    weekdays: ['Δε', 'Τρ', 'Τε', 'Πε', 'Πα', 'Σα', 'Κυ'],
    weekdaysLong: ['Δευτέρα', 'Τρίτη', 'Τετάρτη', 'Πέμπτη', 'Παρασκευή', 'Σάββατο', 'Κυριακή'],
  },
  search: { label: 'Αναζήτηση με ονοματεπώνυμο ή κωδικό', hint: 'Σε όλες τις ημερομηνίες· με ελληνικούς ή λατινικούς χαρακτήρες, χωρίς τόνους, ή ο κωδικός ραντεβού (K7P-4MX).' },
  filters: {
    title: 'Φίλτρα',
    queue: 'Ουρά',
    mode: 'Τρόπος εξυπηρέτησης',
    source: 'Συνεννόηση',
    from: 'Από',
    to: 'Έως',
    status: 'Κατάσταση',
    any: 'Όλα',
    clear: 'Καθαρισμός φίλτρων',
    rangeHint: 'Για περισσότερες από μία ημέρες (έως 93).',
    more: 'Περισσότερα φίλτρα: ουρά, τρόπος, συνεννόηση, ημερομηνίες',
  },
  modes: { in_person: 'Δια ζώσης', video: 'Βιντεοκλήση' },
  sources: { phone: 'Τηλεφωνικά', email: 'Με email', walk_in: 'Δια ζώσης', online: 'Ηλεκτρονικά' },
  statuses: {
    booked: 'Κλεισμένο',
    arrived: 'Ήρθε',
    served: 'Εξυπηρετήθηκε',
    cancelled: 'Ακυρώθηκε',
    no_show: 'Δεν προσήλθε',
    missed_by_staff: 'Δεν εξυπηρετήθηκε από το ΚΕΠ',
  },
  titles: {
    day: (day) => `Ραντεβού ${day}`,
    range: (from, to) => `Ραντεβού ${from} – ${to}`,
    search: (q) => `Αναζήτηση «${q}»`,
  },
  // «ραντεβού» does not decline; only the verb changes with the number.
  found: (n) => (n === 1 ? 'Βρέθηκε 1 ραντεβού.' : `Βρέθηκαν ${n} ραντεβού.`),
  columns: {
    time: 'Ώρα',
    dateTime: 'Ημερομηνία, ώρα',
    reference: 'Κωδικός',
    name: 'Ονοματεπώνυμο',
    queue: 'Ουρά',
    contact: 'Επικοινωνία',
    procedure: 'Διαδικασία, σημειώσεις',
    mode: 'Τρόπος',
    status: 'Κατάσταση',
    actions: 'Ενέργειες',
  },
  sortHint: 'ταξινόμηση',
  noAppointments: 'Δεν υπάρχουν ραντεβού για αυτή την ημέρα.',
  noResults: 'Δεν βρέθηκαν ραντεβού.',
  pages: { label: 'Σελίδες', previous: 'Προηγούμενη σελίδα', next: 'Επόμενη σελίδα', page: (page, of) => `Σελίδα ${page} από ${of}` },
  toolbar: {
    add: 'Νέο ραντεβού',
    print: (day) => `Εκτύπωση ημέρας ${day}`,
    csv: (day) => `CSV ημέρας ${day}`,
    newTab: '(ανοίγει σε νέα καρτέλα)',
  },
  row: {
    arrived: 'Ήρθε',
    served: 'Εξυπηρετήθηκε',
    noShow: 'Δεν προσήλθε',
    undo: 'Αναίρεση',
    edit: 'Αλλαγή',
    cancel: 'Ακύρωση',
    representing: (business) => `για ${business}`,
    reason: (reason) => `Λόγος: ${reason}`,
    attention: 'Χρειάζεται προσοχή',
    changedAt: (time) => `στις ${time}`,
    attendanceFrom: (time) => `Η προσέλευση καταγράφεται από ${time}`,
  },
  announce: {
    status: (name, status) => `${name}: ${status}.`,
    created: (name, when) => `Το ραντεβού καταχωρίστηκε. ${name}, ${when}.`,
    updated: (name) => `Οι αλλαγές αποθηκεύτηκαν. ${name}.`,
    cancelled: (name) => `Το ραντεβού ακυρώθηκε. ${name}.`,
  },
  readOnly: 'Μόνο ανάγνωση: ως εποπτεία βλέπετε τα ραντεβού του ΚΕΠ χωρίς να τα αλλάζετε.',
  closed: {
    // «το Σάββατο», «την Κυριακή»: the article follows the weekday's gender.
    kep: (day, reason) => `Το ΚΕΠ είναι κλειστό ${day.startsWith('Σάββατο') ? 'το' : 'την'} ${day}: ${reason}.`,
    queue: (queue, reason) => `Η ουρά «${queue}» είναι κλειστή: ${reason}.`,
  },
  video: {
    join: 'Έναρξη βιντεοκλήσης',
    link: 'Σύνδεσμος βιντεοκλήσης',
    noLink: 'Χωρίς σύνδεσμο βιντεοκλήσης',
    recordStart: 'Η κλήση ξεκίνησε',
    started: (time) => `Η κλήση ξεκίνησε στις ${time}`,
    announceStarted: (name) => `Καταγράφηκε η έναρξη της βιντεοκλήσης. ${name}.`,
    waiting: (time) => `Ο πολίτης περιμένει από ${time}`,
    waited: (time) => `Ο πολίτης περίμενε από ${time}`,
    late: (time) => `Καθυστέρηση βιντεοκλήσης: ειδοποίηση ${time}`,
    lateHint: 'Ο υπεύθυνος του ΚΕΠ ειδοποιήθηκε· ξεκινήστε την κλήση',
    announceWaiting: (names) => `Περιμένει στη βιντεοκλήση: ${names.join('· ')}.`,
  },
  notice: {
    button: 'Ευγενική ειδοποίηση',
    notEligible: 'Δεν εξυπηρετείται με βιντεοκλήση',
    title: (name) => `Ευγενική ειδοποίηση: ${name}`,
    what: (procedure) => `Η διαδικασία «${procedure}» δεν μπορεί να εξυπηρετηθεί με βιντεοκλήση.`,
    email: (email) => `Θα σταλεί email στο ${email} που εξηγεί ευγενικά τι μπορεί να κάνει ο πολίτης αντί γι’ αυτό: να έρθει στο ΚΕΠ ή, όπου προβλέπεται, να εξυπηρετηθεί μέσω ΕΛΤΑ.`,
    stays: (when) => `Το ραντεβού της ${when} δεν ακυρώνεται· ο πολίτης αποφασίζει. Η ειδοποίηση στέλνεται μόνο μία φορά.`,
    submit: 'Αποστολή email',
    back: 'Επιστροφή',
    sent: (when) => `Ευγενική ειδοποίηση στάλθηκε ${when}`,
    announce: (name) => `Η ευγενική ειδοποίηση στάλθηκε. ${name}.`,
    already: (name) => `Η ευγενική ειδοποίηση είχε ήδη σταλεί από άλλον χρήστη. ${name}.`,
  },
  attention: {
    hint: 'Τίποτα καταγεγραμμένο μετά την ώρα έναρξης',
    // «ραντεβού» does not decline; the verb and the pronoun follow the number.
    summary: (n) =>
      n === 1
        ? '1 ραντεβού χρειάζεται προσοχή: δεν έχει καταγραφεί τίποτα μετά την ώρα έναρξής του.'
        : `${n} ραντεβού χρειάζονται προσοχή: δεν έχει καταγραφεί τίποτα μετά την ώρα έναρξής τους.`,
    announce: (names) => (names.length === 1 ? `Χρειάζεται προσοχή: ${names[0]}.` : `Χρειάζονται προσοχή: ${names.join('· ')}.`),
  },
  form: {
    newTitle: 'Νέο ραντεβού',
    editTitle: (name) => `Αλλαγή ραντεβού: ${name}`,
    requiredNote: 'Τα πεδία με * είναι υποχρεωτικά.',
    labels: {
      firstName: 'Όνομα',
      lastName: 'Επώνυμο',
      queueId: 'Ουρά',
      mode: 'Τρόπος εξυπηρέτησης',
      date: 'Ημερομηνία',
      time: 'Ώρα',
      durationMinutes: 'Διάρκεια (λεπτά)',
      email: 'Email',
      phone: 'Τηλέφωνο',
      taxId: 'ΑΦΜ',
      businessName: 'Επωνυμία επιχείρησης',
      businessTaxId: 'ΑΦΜ επιχείρησης',
      procedure: 'Διαδικασία',
      source: 'Συνεννόηση',
      notes: 'Σημειώσεις',
    },
    business: 'Εκπροσώπηση επιχείρησης',
    hints: {
      email: 'Με email ο πολίτης λαμβάνει επιβεβαίωση και ενημερώσεις. Δεν αποστέλλονται SMS.',
      phone: 'Κινητό (69…), σταθερό (2…) ή διεθνές με +.',
      taxId: '9 ψηφία.',
      duration: (minutes) => (minutes ? `Αν μείνει κενό: ${minutes} λεπτά, όσο μια θέση της ουράς.` : 'Αν μείνει κενό: όσο μια θέση της ουράς.'),
      time: 'Μια ελεύθερη ώρα από τις παραπάνω, ή άλλη ώρα, π.χ. 09:30.',
      procedure: 'Για τι έρχεται ο πολίτης.',
    },
    errors: {
      firstName: 'Συμπληρώστε το όνομα',
      lastName: 'Συμπληρώστε το επώνυμο',
      date: 'Συμπληρώστε την ημερομηνία',
      time: 'Συμπληρώστε την ώρα',
      email: 'Το email δεν είναι έγκυρο',
      phone: 'Το τηλέφωνο δεν είναι έγκυρο',
      taxId: 'Ο ΑΦΜ δεν είναι έγκυρος (9 ψηφία με σωστό ψηφίο ελέγχου)',
      businessName: 'Συμπληρώστε την επωνυμία της επιχείρησης',
      businessTaxId: 'Συμπληρώστε έγκυρο ΑΦΜ της επιχείρησης',
      durationMinutes: 'Η διάρκεια είναι από 5 έως 240 λεπτά',
    },
    slots: (day) => `Ελεύθερες ώρες ${day}`,
    slotsLoading: 'Φόρτωση ελεύθερων ωρών…',
    noSlots: 'Δεν υπάρχουν ελεύθερες ώρες αυτή την ημέρα σε αυτή την ουρά.',
    slotsUnavailable: 'Οι ελεύθερες ώρες δεν είναι διαθέσιμες· γράψτε την ώρα.',
    noQueueOfMode: (modes) => `Το ΚΕΠ δεν έχει ενεργή ουρά για: ${modes}.`,
    submitNew: 'Καταχώριση',
    submitEdit: 'Αποθήκευση',
    close: 'Κλείσιμο',
    saving: 'Αποθήκευση…',
    stale: 'Το ραντεβού άλλαξε στο μεταξύ από άλλον χρήστη. Φορτώστε το ξανά.',
    staleReloaded: 'Φορτώθηκαν τα τρέχοντα στοιχεία· κάντε ξανά την αλλαγή σας.',
    taken: 'Η ώρα δεν είναι ελεύθερη.',
    history: 'Ιστορικό αλλαγών',
    historyEmpty: 'Δεν υπάρχουν καταγραφές.',
    historyActions: {
      'appointment.create': 'Καταχώριση',
      'appointment.update': 'Αλλαγή',
      'appointment.cancel': 'Ακύρωση',
      'appointment.status': 'Κατάσταση',
      'appointment.call_started': 'Έναρξη βιντεοκλήσης',
      'appointment.polite-notice': 'Ευγενική ειδοποίηση',
      'appointment.attention': 'Χρειάζεται προσοχή',
    },
  },
  reason: {
    cancelTitle: (name) => `Ακύρωση ραντεβού: ${name}`,
    cancelLabel: 'Λόγος ακύρωσης',
    cancelHint: 'Αν ο πολίτης έδωσε email, ενημερώνεται για την ακύρωση.',
    cancelSubmit: 'Ακύρωση ραντεβού',
    cancelRequired: 'Γράψτε τον λόγο της ακύρωσης',
    correctTitle: (name, status) => `${status}: ${name}`,
    correctLabel: 'Λόγος διόρθωσης',
    correctHint: 'Το ραντεβού είχε καταγραφεί ως «Δεν εξυπηρετήθηκε από το ΚΕΠ». Η διόρθωση καταγράφεται με τον λόγο της.',
    correctSubmit: 'Διόρθωση',
    correctRequired: 'Γράψτε τον λόγο της διόρθωσης',
    back: 'Επιστροφή',
  },
};

/** The words for `lang` ('en', 'en-GB', …); anything but English falls back to Greek. */
export function appointmentMessages(lang: string | null | undefined): AppointmentMessages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}
