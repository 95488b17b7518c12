/** The words of `<kep-reports>`: Greek first (the default), English for `lang="en"`. */
import { formatDate } from '../shared/dates.js';

export interface ReportMessages {
  locale: string;
  title: string;
  loading: string;
  signedOut: string;
  signIn: string;
  period: string;
  from: string;
  to: string;
  show: string;
  errorSummaryTitle: string;
  errorPrefix: string;
  errors: { from: string; to: string; order: string; tooLong: string };
  caption: (from: string, to: string, count: number) => string;
  columns: {
    kep: string;
    booked: string;
    served: string;
    noShow: string;
    missed: string;
    cancelled: string;
    unrecorded: string;
    leadTime: string;
    utilisation: string;
    weekly: string;
    unmet: string;
  };
  /** The table of the citizens who waited (issue 16). */
  waiting: {
    title: string;
    intro: string;
    caption: (count: number) => string;
    median: string;
    p90: string;
    count: string;
    late: string;
    notServed: string;
    minutes: (n: number | null) => string;
    lateOf: (late: string, started: string) => string;
  };
  /** What the unmet-demand column counts. */
  unmetNote: string;
  /** The two views of a report (the second is named by `waiting.title`). */
  views: { label: string; attendance: string };
  total: string;
  none: string;
  days: (n: number | null) => string;
  chartLabel: (kep: string, firstWeek: string, booked: number[], missed: number[]) => string;
  legend: { booked: string; missed: string };
  /** The words of the missed-rate bands (with their shape in missed-bands.ts). */
  bands: { none: string; low: string; medium: string; high: string };
  bandsTitle: string;
  bandRanges: { below: (p: string) => string; between: (a: string, b: string) => string; from: (p: string) => string };
  /** The badge of a KEP in the high band, by its name. */
  highlight: string;
  /** The charts' one scale. */
  scale: (max: number) => string;
  showAll: (n: number) => string;
  csv: string;
  print: string;
  opensInNewWindow: string;
  loaded: (count: number) => string;
  notFound: string;
}

const el: ReportMessages = {
  locale: 'el',
  title: 'Αναφορά προσέλευσης και χαμένων ραντεβού',
  loading: 'Φόρτωση…',
  signedOut: 'Δεν έχετε συνδεθεί.',
  signIn: 'Σύνδεση',
  period: 'Περίοδος',
  from: 'Από',
  to: 'Έως',
  show: 'Εμφάνιση',
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  errorPrefix: 'Σφάλμα:',
  errors: {
    from: 'Συμπληρώστε την ημερομηνία έναρξης.',
    to: 'Συμπληρώστε την ημερομηνία λήξης.',
    order: 'Η ημερομηνία λήξης πρέπει να είναι ίδια ή μετά την ημερομηνία έναρξης.',
    tooLong: 'Η περίοδος μπορεί να είναι έως 366 ημέρες.',
  },
  caption: (from, to, count) => `${count === 1 ? '1 ΚΕΠ' : `${count} ΚΕΠ`}, ${from} – ${to}, από το χειρότερο (ποσοστό ραντεβού που χάθηκαν από την υπηρεσία)`,
  columns: {
    kep: 'ΚΕΠ',
    booked: 'Ραντεβού',
    served: 'Εξυπηρετήθηκαν',
    noShow: 'Δεν προσήλθαν',
    missed: 'Χάθηκαν από την υπηρεσία (ποσοστό, πλήθος)',
    cancelled: 'Ακυρώσεις',
    unrecorded: 'Χωρίς καταγραφή',
    leadTime: 'Αναμονή (διάμεσος / 90%)',
    utilisation: 'Αξιοποίηση ωραρίου',
    weekly: 'Ανά εβδομάδα',
    unmet: 'Αναζητήσεις χωρίς ώρα',
  },
  waiting: {
    title: 'Οι πολίτες που περίμεναν',
    intro:
      'Από την άφιξη ως την κλήση: για βιντεοκλήση, από το «Περιμένω» του πολίτη ως την έναρξη. Καθυστερημένη βιντεοκλήση: ξεκίνησε αργότερα από τα λεπτά ειδοποίησης του ΚΕΠ μετά την ώρα του ραντεβού ή το «Περιμένω», ό,τι ήταν αργότερα.',
    caption: (count) => `${count === 1 ? '1 ΚΕΠ' : `${count} ΚΕΠ`}, από το χειρότερο (όσοι περίμεναν και δεν εξυπηρετήθηκαν, καθυστερημένες βιντεοκλήσεις, χρόνος ως την κλήση)`,
    median: 'Από την άφιξη ως την κλήση: διάμεσος',
    p90: 'Από την άφιξη ως την κλήση: 90%',
    count: 'Μετρήσεις',
    late: 'Βιντεοκλήσεις με καθυστέρηση (ποσοστό, πλήθος)',
    notServed: 'Περίμεναν και δεν εξυπηρετήθηκαν',
    minutes: (n) => (n === null ? '—' : `${String(n).replace('.', ',')} λεπτά`),
    lateOf: (late, started) => `${late} από ${started}`,
  },
  views: { label: 'Προβολή της αναφοράς', attendance: 'Προσέλευση και χαμένα ραντεβού' },
  unmetNote: 'Αναζητήσεις χωρίς ώρα: αναζητήσεις ελεύθερης ώρας μέσω διαδικτύου που δεν βρήκαν καμία ώρα στις επόμενες ημέρες, στις εβδομάδες της περιόδου.',
  total: 'Σύνολο',
  none: 'Δεν υπάρχουν ΚΕΠ σε αυτή την αναφορά.',
  days: (n) => (n === null ? '—' : `${String(n).replace('.', ',')} ημ.`),
  chartLabel: (kep, first, booked, missed) =>
    `${kep}, ανά εβδομάδα από ${formatDate(first)}: ραντεβού ${booked.join(', ')}· χαμένα από την υπηρεσία ${missed.join(', ')}.`,
  legend: { booked: 'ραντεβού', missed: 'χαμένα από την υπηρεσία' },
  bands: { none: 'Κανένα', low: 'Χαμηλό', medium: 'Μέτριο', high: 'Υψηλό' },
  bandsTitle: 'Ποσοστό χαμένων από την υπηρεσία:',
  bandRanges: { below: (p) => `κάτω από ${p}`, between: (a, b) => `${a} έως κάτω από ${b}`, from: (p) => `${p} και πάνω` },
  highlight: 'Υψηλό ποσοστό χαμένων',
  scale: (max) =>
    max === 0 ? 'Κανένα ραντεβού στην περίοδο: τα γραφήματα είναι κενά.' : `Όλα τα γραφήματα έχουν την ίδια κλίμακα: η ψηλότερη στήλη είναι ${max} ραντεβού την εβδομάδα.`,
  showAll: (n) => `Εμφάνιση όλων των ΚΕΠ (${n})`,
  csv: 'Λήψη CSV',
  print: 'Εκτύπωση',
  opensInNewWindow: '(ανοίγει σε νέο παράθυρο)',
  loaded: (n) => (n === 1 ? 'Η αναφορά φορτώθηκε: 1 ΚΕΠ.' : `Η αναφορά φορτώθηκε: ${n} ΚΕΠ.`),
  notFound: 'Το ΚΕΠ δεν βρέθηκε στα ΚΕΠ που μπορείτε να δείτε.',
};

const en: ReportMessages = {
  locale: 'en-GB',
  title: 'Attendance and missed appointments',
  loading: 'Loading…',
  signedOut: 'You are not signed in.',
  signIn: 'Sign in',
  period: 'Period',
  from: 'From',
  to: 'To',
  show: 'Show',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  errors: {
    from: 'Enter the start date.',
    to: 'Enter the end date.',
    order: 'The end date must be the same as or after the start date.',
    tooLong: 'The period can be at most 366 days.',
  },
  caption: (from, to, count) => `${count === 1 ? '1 KEP' : `${count} KEPs`}, ${from} – ${to}, worst first (share of appointments missed by staff)`,
  columns: {
    kep: 'KEP',
    booked: 'Appointments',
    served: 'Served',
    noShow: 'Did not come',
    missed: 'Missed by staff (rate, count)',
    cancelled: 'Cancelled',
    unrecorded: 'Not recorded',
    leadTime: 'Lead time (median / 90%)',
    utilisation: 'Use of hours',
    weekly: 'Per week',
    unmet: 'Searches with no time',
  },
  waiting: {
    title: 'Citizens who waited',
    intro:
      'Arrival to call: for a video call, from the citizen’s «I am waiting» to its start. A late video call started more than the KEP’s alert minutes after the appointment’s time or the citizen’s «I am waiting», whichever was later.',
    caption: (count) => `${count === 1 ? '1 KEP' : `${count} KEPs`}, worst first (waited and not served, late video calls, time to the call)`,
    median: 'Arrival to call: median',
    p90: 'Arrival to call: 90%',
    count: 'Measured',
    late: 'Late video calls (rate, count)',
    notServed: 'Waited and not served',
    minutes: (n) => (n === null ? '—' : `${n} min`),
    lateOf: (late, started) => `${late} of ${started}`,
  },
  views: { label: 'Report view', attendance: 'Attendance and missed appointments' },
  unmetNote: 'Searches with no time: online searches for a free time that found none in the coming days, in the weeks of the period.',
  total: 'Total',
  none: 'No KEPs in this report.',
  days: (n) => (n === null ? '—' : `${n} d`),
  chartLabel: (kep, first, booked, missed) => `${kep}, per week from ${formatDate(first)}: appointments ${booked.join(', ')}; missed by staff ${missed.join(', ')}.`,
  legend: { booked: 'appointments', missed: 'missed by staff' },
  bands: { none: 'None', low: 'Low', medium: 'Medium', high: 'High' },
  bandsTitle: 'Share missed by staff:',
  bandRanges: { below: (p) => `below ${p}`, between: (a, b) => `${a} to below ${b}`, from: (p) => `${p} and over` },
  highlight: 'High missed rate',
  scale: (max) =>
    max === 0 ? 'No appointments in the period: the charts are empty.' : `All charts share one scale: the tallest bar is ${max} appointment${max === 1 ? '' : 's'} in a week.`,
  showAll: (n) => `Show all KEPs (${n})`,
  csv: 'Download CSV',
  print: 'Print',
  opensInNewWindow: '(opens in a new window)',
  loaded: (n) => (n === 1 ? 'The report is ready: 1 KEP.' : `The report is ready: ${n} KEPs.`),
  notFound: 'The KEP is not one you can see.',
};

/** The words for `lang` (Greek unless it starts with "en"). */
export function reportMessages(lang: string | null | undefined): ReportMessages {
  return lang?.toLowerCase().startsWith('en') ? en : el;
}
