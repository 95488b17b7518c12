/**
 * The words of `<kep-procedures>`, Greek first (the default), English for `lang="en"`. Shared words
 * (loading, sign in, network errors) come from `../shared/i18n.ts`.
 */

export interface ProcedureMessages {
  title: (store: string) => string;
  introAdmin: string;
  introEditor: string;
  readOnly: string;
  caption: string;
  columns: { procedure: string; video: string; bring: string; offered: string; actions: string };
  yes: string;
  no: string;
  inactive: string;
  nothingToBring: string;
  notOffered: string;
  offeredLabel: (name: string) => string;
  offeredNow: (name: string) => string;
  withdrawnNow: (name: string) => string;
  edit: string;
  deactivate: string;
  reactivate: string;
  deactivated: (name: string) => string;
  reactivated: (name: string) => string;
  newProcedure: string;
  editTitle: (name: string) => string;
  requiredNote: string;
  fields: {
    code: string;
    name: string;
    nameEn: string;
    video: string;
    alternativeText: string;
    alternativeTextEn: string;
    bring: string;
    bringEn: string;
  };
  hints: { code: string; alternativeText: string; bring: string; english: string };
  errors: { code: string; name: string; nameEn: string; video: string; alternativeText: string };
  save: string;
  cancel: string;
  saved: (name: string) => string;
  stale: string;
  errorSummaryTitle: string;
  errorPrefix: string;
  count: (n: number) => string;
}

const el: ProcedureMessages = {
  title: (store) => `Διαδικασίες — ${store}`,
  introAdmin: 'Επιλέξτε ποιες διαδικασίες του καταλόγου προσφέρει το ΚΕΠ για ραντεβού μέσω διαδικτύου.',
  introEditor: 'Ως συντάκτης του καταλόγου, προσθέτετε και αλλάζετε διαδικασίες για όλα τα ΚΕΠ. Μια διαδικασία δεν διαγράφεται ποτέ· απενεργοποιείται, και τα ραντεβού που έχουν κλειστεί κρατούν την περιγραφή τους.',
  readOnly: 'Βλέπετε τις διαδικασίες· ποιες προσφέρει το ΚΕΠ επιλέγει ο Διαχειριστής Καταστήματος.',
  caption: 'Ο κατάλογος διαδικασιών και ποιες προσφέρει το ΚΕΠ',
  columns: { procedure: 'Διαδικασία', video: 'Με βιντεοκλήση', bring: 'Τι να φέρει ο πολίτης', offered: 'Προσφέρεται στο ΚΕΠ', actions: 'Ενέργειες' },
  yes: 'Ναι',
  no: 'Όχι',
  inactive: 'ανενεργή',
  nothingToBring: 'Τίποτε ιδιαίτερο',
  notOffered: 'Δεν μπορεί να προσφερθεί όσο είναι ανενεργή',
  offeredLabel: (name) => `Προσφέρεται στο ΚΕΠ: ${name}`,
  offeredNow: (name) => `Η διαδικασία «${name}» προσφέρεται πλέον στο ΚΕΠ.`,
  withdrawnNow: (name) => `Η διαδικασία «${name}» δεν προσφέρεται πλέον στο ΚΕΠ.`,
  edit: 'Επεξεργασία',
  deactivate: 'Απενεργοποίηση',
  reactivate: 'Ενεργοποίηση',
  deactivated: (name) => `Η διαδικασία «${name}» απενεργοποιήθηκε.`,
  reactivated: (name) => `Η διαδικασία «${name}» ενεργοποιήθηκε ξανά.`,
  newProcedure: 'Νέα διαδικασία',
  editTitle: (name) => `Επεξεργασία: ${name}`,
  requiredNote: 'Τα πεδία με * είναι υποχρεωτικά.',
  fields: {
    code: 'Κωδικός',
    name: 'Όνομα στα ελληνικά',
    nameEn: 'Όνομα στα αγγλικά',
    video: 'Εξυπηρετείται με βιντεοκλήση;',
    alternativeText: 'Τι να κάνει ο πολίτης αντί για βιντεοκλήση',
    alternativeTextEn: 'Τι να κάνει ο πολίτης αντί για βιντεοκλήση, στα αγγλικά',
    bring: 'Τι να φέρει ο πολίτης',
    bringEn: 'Τι να φέρει ο πολίτης, στα αγγλικά',
  },
  hints: {
    code: 'Λατινικά γράμματα, ψηφία και «-», π.χ. PIST-GEN.',
    alternativeText: 'Υποχρεωτικό όταν δεν εξυπηρετείται με βιντεοκλήση: δια ζώσης, ή ταχυδρομικά με ΕΛΤΑ όπου ισχύει.',
    bring: 'Ένα δικαιολογητικό σε κάθε γραμμή.',
    english: 'Προαιρετικό· χωρίς αυτό, οι αγγλόφωνοι βλέπουν το ελληνικό κείμενο.',
  },
  errors: {
    code: 'Συμπληρώστε τον κωδικό',
    name: 'Συμπληρώστε το όνομα στα ελληνικά',
    nameEn: 'Συμπληρώστε το όνομα στα αγγλικά',
    video: 'Επιλέξτε αν η διαδικασία εξυπηρετείται με βιντεοκλήση',
    alternativeText: 'Γράψτε τι να κάνει ο πολίτης αντί για βιντεοκλήση',
  },
  save: 'Αποθήκευση',
  cancel: 'Ακύρωση',
  saved: (name) => `Η διαδικασία «${name}» αποθηκεύτηκε.`,
  stale: 'Η διαδικασία άλλαξε στο μεταξύ από άλλον χρήστη. Η φόρμα δείχνει τώρα τις τρέχουσες τιμές: κάντε ξανά την αλλαγή σας.',
  errorSummaryTitle: 'Υπάρχει πρόβλημα',
  errorPrefix: 'Σφάλμα:',
  count: (n) => (n === 1 ? '1 διαδικασία' : `${n} διαδικασίες`),
};

const en: ProcedureMessages = {
  title: (store) => `Procedures — ${store}`,
  introAdmin: 'Choose which procedures of the catalogue this KEP offers for online appointments.',
  introEditor: 'As a catalogue editor, you add and change procedures for every KEP. A procedure is never deleted: it is deactivated, and appointments already booked keep their description.',
  readOnly: 'You can see the procedures; the store administrator chooses which ones the KEP offers.',
  caption: 'The procedures catalogue and which procedures the KEP offers',
  columns: { procedure: 'Procedure', video: 'By video call', bring: 'What to bring', offered: 'Offered at this KEP', actions: 'Actions' },
  yes: 'Yes',
  no: 'No',
  inactive: 'inactive',
  nothingToBring: 'Nothing in particular',
  notOffered: 'Cannot be offered while inactive',
  offeredLabel: (name) => `Offered at this KEP: ${name}`,
  offeredNow: (name) => `“${name}” is now offered at this KEP.`,
  withdrawnNow: (name) => `“${name}” is no longer offered at this KEP.`,
  edit: 'Edit',
  deactivate: 'Deactivate',
  reactivate: 'Reactivate',
  deactivated: (name) => `“${name}” has been deactivated.`,
  reactivated: (name) => `“${name}” is active again.`,
  newProcedure: 'New procedure',
  editTitle: (name) => `Edit: ${name}`,
  requiredNote: 'Fields marked * are required.',
  fields: {
    code: 'Code',
    name: 'Name in Greek',
    nameEn: 'Name in English',
    video: 'Can it be served by video call?',
    alternativeText: 'What the citizen should do instead of a video call',
    alternativeTextEn: 'What the citizen should do instead of a video call, in English',
    bring: 'What the citizen should bring',
    bringEn: 'What the citizen should bring, in English',
  },
  hints: {
    code: 'Latin letters, digits and “-”, like PIST-GEN.',
    alternativeText: 'Required when it cannot be served by video call: in person, or by post through ΕΛΤΑ where that applies.',
    bring: 'One document per line.',
    english: 'Optional; without it, English readers see the Greek text.',
  },
  errors: {
    code: 'Enter the code',
    name: 'Enter the name in Greek',
    nameEn: 'Enter the name in English',
    video: 'Select whether the procedure can be served by video call',
    alternativeText: 'Enter what the citizen should do instead of a video call',
  },
  save: 'Save',
  cancel: 'Cancel',
  saved: (name) => `“${name}” has been saved.`,
  stale: 'Someone else changed this procedure meanwhile. The form now shows the current values: make your change again.',
  errorSummaryTitle: 'There is a problem',
  errorPrefix: 'Error:',
  count: (n) => (n === 1 ? '1 procedure' : `${n} procedures`),
};

/** The words in `lang`; Greek unless English is asked for. */
export function procedureMessagesFor(lang: string | null | undefined): ProcedureMessages {
  return /^en\b/i.test(lang ?? '') ? en : el;
}
