/**
 * The words of `<kep-booking>`. Greek first; English with `lang="en"`. Counts use the plural rules
 * of each language (Greek and English both tell one from many).
 */
import { dateInAthens, formatDate, formatTime, formatWeekday } from '../shared/dates.js';

/** Every text the booking widget shows. */
export interface BookingMessages {
  lang: 'el' | 'en';
  locale: string;
  loading: string;
  stepOf: (n: number, total: number) => string;
  steps: { store: string; procedure: string; mode: string; slot: string; details: string; done: string };
  back: string;
  continue: string;
  errorSummaryTitle: string;
  errorPrefix: string;
  networkError: string;
  unexpectedError: string;
  tooManyRequests: string;
  storeSearch: string;
  storeSearchHint: string;
  search: string;
  storesFound: (n: number) => string;
  alsoVideo: string;
  procedureFilter: string;
  proceduresShown: (n: number) => string;
  inPersonOnly: string;
  noProcedures: string;
  modes: { in_person: string; video: string };
  modeHints: { in_person: (address: string) => string; video: string };
  notEligible: (procedure: string) => string;
  defaultAlternative: string;
  noVideoAtStore: string;
  day: string;
  time: string;
  earlier: string;
  later: string;
  period: (from: string, to: string) => string;
  dayOption: (date: string, free: number) => string;
  noSlots: (from: string, to: string) => string;
  signInNote: string;
  signInAndContinue: string;
  signedInAs: (name: string) => string;
  slotTaken: string;
  nearestSlots: string;
  /** Unmet demand: nearby KEPs with a time within `days`, when the chosen one has none. */
  nearbyTitle: (store: string, days: number) => string;
  nearbyStore: (store: string, when: string, km: number | null) => string;
  nearbyHint: string;
  storeSwitched: (store: string) => string;
  popupBlocked: string;
  popupClosed: string;
  signInAgain: string;
  held: (minutes: number) => string;
  remaining: (clock: string) => string;
  oneMinuteLeft: string;
  holdExpired: string;
  summary: { reference: string; store: string; procedure: string; mode: string; when: string };
  /** «Αλλαγή»: back to a step from the check-answers list. */
  change: string;
  /** «Σφάλμα: »: before a step's title while it shows errors. */
  errorTitle: (title: string) => string;
  fields: { name: string; taxId: string; firstName: string; lastName: string; email: string; phone: string; business: string; businessName: string; businessTaxId: string };
  hints: { name: string; email: string; phone: string; businessTaxId: string };
  errors: {
    store: string;
    procedure: string;
    mode: string;
    time: string;
    firstName: string;
    lastName: string;
    email: string;
    emailInvalid: string;
    phone: string;
    businessName: string;
    businessTaxId: string;
  };
  confirm: string;
  confirmed: string;
  emailSent: string;
  bring: string;
  videoLink: string;
  manage: string;
  when: (startsAt: string) => string;
  priority: { title: string; valid: (store: string, until: string) => string; more: string; gone: string; goneMore: string };
}

const el: BookingMessages = {
  lang: 'el',
  locale: 'el-GR',
  loading: 'Φόρτωση…',
  stepOf: (n, total) => `Βήμα ${n} από ${total}`,
  steps: {
    store: 'Επιλέξτε ΚΕΠ',
    procedure: 'Για ποια υπόθεση έρχεστε;',
    mode: 'Πώς θέλετε να εξυπηρετηθείτε;',
    slot: 'Επιλέξτε ημέρα και ώρα',
    details: 'Τα στοιχεία σας',
    done: 'Το ραντεβού σας κλείστηκε',
  },
  back: 'Πίσω',
  continue: 'Συνέχεια',
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  errorPrefix: 'Σφάλμα:',
  networkError: 'Δεν ήταν δυνατή η επικοινωνία με την υπηρεσία. Ελέγξτε τη σύνδεσή σας και δοκιμάστε ξανά.',
  unexpectedError: 'Κάτι πήγε στραβά. Δοκιμάστε ξανά.',
  tooManyRequests: 'Έγιναν πολλά αιτήματα σε λίγο χρόνο. Περιμένετε ένα λεπτό και δοκιμάστε ξανά — ευχαριστούμε για την υπομονή σας.',
  storeSearch: 'Αναζήτηση ΚΕΠ',
  storeSearchHint: 'Γράψτε δήμο, περιοχή ή διεύθυνση.',
  search: 'Αναζήτηση',
  storesFound: (n) => (n === 0 ? 'Δεν βρέθηκε ΚΕΠ. Δοκιμάστε άλλη λέξη.' : n === 1 ? 'Βρέθηκε 1 ΚΕΠ.' : `Βρέθηκαν ${n} ΚΕΠ.`),
  alsoVideo: 'Εξυπηρετεί και με βιντεοκλήση',
  procedureFilter: 'Αναζήτηση υπόθεσης',
  proceduresShown: (n) => (n === 1 ? 'Εμφανίζεται 1 υπόθεση.' : `Εμφανίζονται ${n} υποθέσεις.`),
  inPersonOnly: 'Μόνο με φυσική παρουσία',
  noProcedures: 'Αυτό το ΚΕΠ δεν δέχεται ακόμη ραντεβού μέσω διαδικτύου. Επιλέξτε άλλο ΚΕΠ.',
  modes: { in_person: 'Με φυσική παρουσία στο ΚΕΠ', video: 'Με βιντεοκλήση (myKEPLive)' },
  modeHints: {
    in_person: (address) => `Στη διεύθυνση ${address}.`,
    video: 'Θα λάβετε με email τον σύνδεσμο της κλήσης. Χρειάζεστε κάμερα και μικρόφωνο.',
  },
  notEligible: (procedure) => `Η υπόθεση «${procedure}» δεν μπορεί να εξυπηρετηθεί με βιντεοκλήση.`,
  defaultAlternative: 'Μπορείτε να κλείσετε ραντεβού με φυσική παρουσία στο ΚΕΠ.',
  noVideoAtStore: 'Αυτό το ΚΕΠ δεν εξυπηρετεί με βιντεοκλήση. Το ραντεβού θα είναι με φυσική παρουσία.',
  day: 'Ημέρα',
  time: 'Ώρα',
  earlier: 'Προηγούμενες 2 εβδομάδες',
  later: 'Επόμενες 2 εβδομάδες',
  period: (from, to) => `Από ${from} έως ${to}`,
  dayOption: (date, free) => `${date} (${free === 1 ? '1 ώρα' : `${free} ώρες`})`,
  noSlots: (from, to) => `Δεν υπάρχουν ελεύθερες ώρες από ${from} έως ${to}. Δείτε τις επόμενες εβδομάδες.`,
  signInNote: 'Για να κρατηθεί η ώρα θα συνδεθείτε με τους κωδικούς σας Taxisnet, σε νέο παράθυρο.',
  signInAndContinue: 'Σύνδεση και συνέχεια',
  signedInAs: (name) => `Έχετε συνδεθεί ως ${name}.`,
  slotTaken: 'Η ώρα που επιλέξατε μόλις κλείστηκε από άλλον. Επιλέξτε άλλη ώρα.',
  nearestSlots: 'Οι πλησιέστερες ελεύθερες ώρες:',
  nearbyTitle: (store, days) => `Το ${store} δεν έχει ελεύθερη ώρα τις επόμενες ${days} ημέρες. Κοντινά ΚΕΠ έχουν νωρίτερα:`,
  nearbyStore: (store, when, km) => `${store}: ${when}${km === null ? '' : ` (${String(km).replace('.', ',')} χλμ.)`}`,
  nearbyHint: 'Επιλέγοντας ένα ΚΕΠ κρατάτε τη διαδικασία και τον τρόπο εξυπηρέτησης που διαλέξατε.',
  storeSwitched: (store) => `Επιλέξατε το ${store}. Διαλέξτε ώρα.`,
  popupBlocked: 'Ο φυλλομετρητής εμπόδισε το παράθυρο σύνδεσης. Επιτρέψτε τα αναδυόμενα παράθυρα για αυτή τη σελίδα και δοκιμάστε ξανά.',
  popupClosed: 'Η σύνδεση δεν ολοκληρώθηκε. Δοκιμάστε ξανά.',
  signInAgain: 'Η σύνδεσή σας έληξε. Συνδεθείτε ξανά για να συνεχίσετε.',
  held: (minutes) => `Η ώρα κρατείται για εσάς για ${minutes === 1 ? '1 λεπτό' : `${minutes} λεπτά`}.`,
  remaining: (clock) => `Απομένουν ${clock}.`,
  oneMinuteLeft: 'Απομένει 1 λεπτό για να ολοκληρώσετε το ραντεβού.',
  holdExpired: 'Ο χρόνος κράτησης της ώρας έληξε. Επιλέξτε ξανά ώρα.',
  summary: { reference: 'Κωδικός ραντεβού', store: 'ΚΕΠ', procedure: 'Υπόθεση', mode: 'Τρόπος', when: 'Ημέρα και ώρα' },
  change: 'Αλλαγή',
  errorTitle: (title) => `Σφάλμα: ${title}`,
  fields: {
    name: 'Ονοματεπώνυμο',
    taxId: 'ΑΦΜ',
    firstName: 'Όνομα',
    lastName: 'Επώνυμο',
    email: 'Email',
    phone: 'Κινητό τηλέφωνο (προαιρετικό)',
    business: 'Κλείνω ραντεβού ως νόμιμος εκπρόσωπος επιχείρησης',
    businessName: 'Επωνυμία επιχείρησης',
    businessTaxId: 'ΑΦΜ επιχείρησης',
  },
  hints: {
    name: 'Όπως στον λογαριασμό σας Taxisnet. Το ραντεβού κλείνεται στο όνομά σας.',
    email: 'Εκεί θα σας στείλουμε την επιβεβαίωση.',
    phone: 'Μόνο για να σας καλέσει το ΚΕΠ αν χρειαστεί. Δεν στέλνουμε SMS.',
    businessTaxId: '9 ψηφία, π.χ. 094014298',
  },
  errors: {
    store: 'Επιλέξτε ΚΕΠ',
    procedure: 'Επιλέξτε υπόθεση',
    mode: 'Επιλέξτε πώς θέλετε να εξυπηρετηθείτε',
    time: 'Επιλέξτε ώρα',
    firstName: 'Συμπληρώστε το όνομά σας',
    lastName: 'Συμπληρώστε το επώνυμό σας',
    email: 'Συμπληρώστε το email σας',
    emailInvalid: 'Γράψτε το email σωστά, π.χ. onoma@example.gr',
    phone: 'Γράψτε το τηλέφωνο σωστά, π.χ. 6912345678',
    businessName: 'Συμπληρώστε την επωνυμία της επιχείρησης',
    businessTaxId: 'Ο ΑΦΜ έχει 9 ψηφία',
  },
  confirm: 'Επιβεβαίωση ραντεβού',
  confirmed: 'Το ραντεβού σας κλείστηκε.',
  emailSent: 'Σας στείλαμε επιβεβαίωση με email.',
  bring: 'Τι να έχετε μαζί σας',
  videoLink: 'Σύνδεσμος βιντεοκλήσης',
  manage: 'Αλλαγή ή ακύρωση του ραντεβού',
  when: (startsAt) => whenText(startsAt, 'el-GR', 'στις'),
  priority: {
    title: 'Σημαντικό',
    valid: (store, until) => `Έχετε προτεραιότητα: κλείστε ξανά ραντεβού στο ${store} έως ${until}.`,
    more: 'Ζητούμε συγγνώμη που δεν σας εξυπηρετήσαμε στο ραντεβού σας. Σας δείχνουμε και ώρες που δεν είναι διαθέσιμες σε άλλους.',
    gone: 'Ο σύνδεσμος προτεραιότητας δεν ισχύει πια.',
    goneMore: 'Έχει ήδη χρησιμοποιηθεί ή έχει λήξει. Μπορείτε να κλείσετε ραντεβού όπως συνήθως.',
  },
};

const en: BookingMessages = {
  lang: 'en',
  locale: 'en-GB',
  loading: 'Loading…',
  stepOf: (n, total) => `Step ${n} of ${total}`,
  steps: {
    store: 'Choose a KEP',
    procedure: 'What do you need to do?',
    mode: 'How would you like to be served?',
    slot: 'Choose a day and time',
    details: 'Your details',
    done: 'Your appointment is booked',
  },
  back: 'Back',
  continue: 'Continue',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  networkError: 'We could not reach the service. Check your connection and try again.',
  unexpectedError: 'Something went wrong. Try again.',
  tooManyRequests: 'There have been many requests in a short time. Please wait a minute and try again — thank you for your patience.',
  storeSearch: 'Search for a KEP',
  storeSearchHint: 'Type a municipality, area or address.',
  search: 'Search',
  storesFound: (n) => (n === 0 ? 'No KEP found. Try another word.' : n === 1 ? '1 KEP found.' : `${n} KEPs found.`),
  alsoVideo: 'Also serves by video call',
  procedureFilter: 'Search for a procedure',
  proceduresShown: (n) => (n === 1 ? '1 procedure shown.' : `${n} procedures shown.`),
  inPersonOnly: 'In person only',
  noProcedures: 'This KEP does not take online bookings yet. Choose another KEP.',
  modes: { in_person: 'In person at the KEP', video: 'By video call (myKEPLive)' },
  modeHints: {
    in_person: (address) => `At ${address}.`,
    video: 'We will email you the link to the call. You need a camera and a microphone.',
  },
  notEligible: (procedure) => `“${procedure}” cannot be handled by video call.`,
  defaultAlternative: 'You can book an appointment in person at the KEP.',
  noVideoAtStore: 'This KEP does not serve by video call. Your appointment will be in person.',
  day: 'Day',
  time: 'Time',
  earlier: 'Previous 2 weeks',
  later: 'Next 2 weeks',
  period: (from, to) => `From ${from} to ${to}`,
  dayOption: (date, free) => `${date} (${free === 1 ? '1 time' : `${free} times`})`,
  noSlots: (from, to) => `There are no free times from ${from} to ${to}. Look at the following weeks.`,
  signInNote: 'To hold the time you will sign in with your Taxisnet credentials, in a new window.',
  signInAndContinue: 'Sign in and continue',
  signedInAs: (name) => `You are signed in as ${name}.`,
  slotTaken: 'Someone has just booked the time you chose. Choose another time.',
  nearestSlots: 'The nearest free times:',
  nearbyTitle: (store, days) => `${store} has no free time in the next ${days} days. KEPs nearby have one sooner:`,
  nearbyStore: (store, when, km) => `${store}: ${when}${km === null ? '' : ` (${km} km)`}`,
  nearbyHint: 'Choosing a KEP keeps the procedure and the way of service you chose.',
  storeSwitched: (store) => `You chose ${store}. Choose a time.`,
  popupBlocked: 'Your browser blocked the sign-in window. Allow pop-ups for this page and try again.',
  popupClosed: 'Sign-in was not completed. Try again.',
  signInAgain: 'Your sign-in has expired. Sign in again to continue.',
  held: (minutes) => `The time is held for you for ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`,
  remaining: (clock) => `${clock} left.`,
  oneMinuteLeft: 'You have 1 minute left to complete the booking.',
  holdExpired: 'The time is no longer held for you. Choose a time again.',
  summary: { reference: 'Appointment reference', store: 'KEP', procedure: 'Procedure', mode: 'How', when: 'Day and time' },
  change: 'Change',
  errorTitle: (title) => `Error: ${title}`,
  fields: {
    name: 'Full name',
    taxId: 'Tax ID (ΑΦΜ)',
    firstName: 'First name',
    lastName: 'Last name',
    email: 'Email',
    phone: 'Mobile phone (optional)',
    business: 'I am booking as the legal representative of a business',
    businessName: 'Business name',
    businessTaxId: 'Business tax number (ΑΦΜ)',
  },
  hints: {
    name: 'As in your Taxisnet account. The appointment is booked in your name.',
    email: 'We will send the confirmation there.',
    phone: 'Only so the KEP can call you if needed. We do not send text messages.',
    businessTaxId: '9 digits, for example 094014298',
  },
  errors: {
    store: 'Choose a KEP',
    procedure: 'Choose a procedure',
    mode: 'Choose how you would like to be served',
    time: 'Choose a time',
    firstName: 'Enter your first name',
    lastName: 'Enter your last name',
    email: 'Enter your email address',
    emailInvalid: 'Enter an email address in the correct format, like name@example.com',
    phone: 'Enter a phone number in the correct format, like 6912345678',
    businessName: 'Enter the name of the business',
    businessTaxId: 'The tax number has 9 digits',
  },
  confirm: 'Confirm appointment',
  confirmed: 'Your appointment is booked.',
  emailSent: 'We have sent you a confirmation email.',
  bring: 'What to bring',
  videoLink: 'Video call link',
  manage: 'Change or cancel the appointment',
  when: (startsAt) => whenText(startsAt, 'en-GB', 'at'),
  priority: {
    title: 'Important',
    valid: (store, until) => `You have priority: book again at ${store} until ${until}.`,
    more: 'We are sorry we did not serve you at your appointment. We also show you times that are not open to others.',
    gone: 'The priority link no longer applies.',
    goneMore: 'It has already been used or has expired. You can book an appointment as usual.',
  },
};

/** The booking widget's words for `lang`; anything but English is Greek. */
export function bookingMessagesFor(lang: string | null | undefined): BookingMessages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}

/** "Τρίτη 01/12/2026" */
export function longDate(date: string, t: BookingMessages): string {
  return `${formatWeekday(date, t.locale)} ${formatDate(date)}`;
}

/** The last day (Athens) before the instant `until`: "Τρίτη 01/12/2026". */
export function lastDayBefore(until: string, t: BookingMessages): string {
  return longDate(dateInAthens(new Date(Date.parse(until) - 1)), t);
}

/** "Τρίτη 01/12/2026 στις 09:30", always in Athens time. */
function whenText(startsAt: string, locale: string, at: string): string {
  const date = dateInAthens(new Date(startsAt));
  return `${formatWeekday(date, locale)} ${formatDate(date)} ${at} ${formatTime(startsAt)}`;
}
