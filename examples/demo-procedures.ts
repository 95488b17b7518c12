import type { EntityManager } from '@mikro-orm/core';
import { Procedure } from '../plugin/db/procedure.entity.js';
import { Store } from '../plugin/db/store.entity.js';
import { StoreProcedure } from '../plugin/db/store-procedure.entity.js';

/** One procedure of the demo catalogue. */
export interface DemoProcedure {
  code: string;
  name: string;
  nameEn: string;
  videoEligible: boolean;
  alternativeText?: string;
  alternativeTextEn?: string;
  bring: string[];
  bringEn: string[];
}

const ID = 'Αστυνομική ταυτότητα ή διαβατήριο';
const ID_EN = 'Police identity card or passport';
const IN_PERSON = 'Η διαδικασία απαιτεί φυσική παρουσία στο ΚΕΠ: κλείστε ραντεβού δια ζώσης.';
const IN_PERSON_EN = 'This procedure needs you at the KEP in person: book an in-person appointment.';
const POST =
  ' Όσο ισχύει η ειδική σύμβαση με τα ΕΛΤΑ, μπορείτε εναλλακτικά να στείλετε την αίτηση και τα δικαιολογητικά ταχυδρομικά στο ΚΕΠ.';
const POST_EN = ' While the special arrangement with ΕΛΤΑ (Hellenic Post) is in force, you may instead send the application and documents to the KEP by post.';

/**
 * A realistic demo catalogue: common KEP procedures, which ones can be served by video call
 * (myKEPLive), and what to do instead for the rest (circular 000: visit in person, or the ΕΛΤΑ
 * arrangement where it applies).
 */
export const DEMO_PROCEDURES: DemoProcedure[] = [
  { code: 'PIST-OIK', name: 'Έκδοση πιστοποιητικού οικογενειακής κατάστασης', nameEn: 'Family status certificate', videoEligible: true, bring: [ID], bringEn: [ID_EN] },
  { code: 'PIST-GEN', name: 'Έκδοση πιστοποιητικού γέννησης', nameEn: 'Birth certificate', videoEligible: true, bring: [ID], bringEn: [ID_EN] },
  { code: 'PIST-SYG', name: 'Έκδοση πιστοποιητικού εγγυτέρων συγγενών', nameEn: 'Certificate of next of kin', videoEligible: true, bring: [ID, 'Ληξιαρχική πράξη θανάτου, όταν ζητείται για κληρονομιά'], bringEn: [ID_EN, 'Death certificate, when needed for an inheritance'] },
  { code: 'PIST-ITH', name: 'Έκδοση πιστοποιητικού ιθαγένειας', nameEn: 'Certificate of citizenship', videoEligible: true, bring: [ID], bringEn: [ID_EN] },
  {
    code: 'BEB-KAT', name: 'Βεβαίωση μόνιμης κατοικίας', nameEn: 'Certificate of permanent residence', videoEligible: true,
    bring: [ID, 'Λογαριασμός ΔΕΚΟ ή μισθωτήριο στο όνομά σας', 'Εκκαθαριστικό εφορίας'], bringEn: [ID_EN, 'A utility bill or lease in your name', 'Tax assessment notice'],
  },
  {
    code: 'EPIK-ANT', name: 'Επικύρωση αντιγράφων', nameEn: 'Certified copies of documents', videoEligible: false,
    alternativeText: 'Η επικύρωση αντιγράφου γίνεται μόνο με επίδειξη του πρωτοτύπου: κλείστε ραντεβού δια ζώσης. Για έγγραφα του Δημοσίου, πολλά εκδίδονται πλέον ψηφιακά στο gov.gr και δεν χρειάζονται επικύρωση.',
    alternativeTextEn: 'A copy can be certified only against the original: book an in-person appointment. Many public documents are now issued digitally on gov.gr and need no certification.',
    bring: [ID, 'Τα πρωτότυπα έγγραφα και τα αντίγραφά τους'], bringEn: [ID_EN, 'The original documents and their copies'],
  },
  {
    code: 'GNIS-YPO', name: 'Βεβαίωση γνησίου υπογραφής', nameEn: 'Authentication of signature', videoEligible: false,
    alternativeText: 'Η υπογραφή βεβαιώνεται μόνο μπροστά στον υπάλληλο: κλείστε ραντεβού δια ζώσης, ή εκδώστε ψηφιακά υπεύθυνη δήλωση ή εξουσιοδότηση στο gov.gr.',
    alternativeTextEn: 'A signature can be authenticated only in front of the officer: book an in-person appointment, or issue a solemn declaration or authorisation digitally on gov.gr.',
    bring: [ID, 'Το έγγραφο προς υπογραφή (ανυπόγραφο)'], bringEn: [ID_EN, 'The document to be signed (unsigned)'],
  },
  {
    code: 'AMKA', name: 'Έκδοση ΑΜΚΑ', nameEn: 'Social security number (AMKA)', videoEligible: false,
    alternativeText: `Η πρώτη έκδοση ΑΜΚΑ απαιτεί ταυτοποίηση με τα πρωτότυπα έγγραφα: ${IN_PERSON.charAt(0).toLowerCase()}${IN_PERSON.slice(1)}`,
    alternativeTextEn: `A first AMKA needs identification against the original documents. ${IN_PERSON_EN}`,
    bring: [ID, 'Πιστοποιητικό γέννησης (για ανήλικους)', 'ΑΦΜ, αν υπάρχει'], bringEn: [ID_EN, 'Birth certificate (for minors)', 'Tax number (ΑΦΜ), if any'],
  },
  {
    code: 'A21', name: 'Αίτηση επιδόματος παιδιού (Α21)', nameEn: 'Child benefit application (A21)', videoEligible: true,
    bring: ['Κωδικοί TaxisNet', 'ΑΜΚΑ γονέων και τέκνων', 'IBAN λογαριασμού'], bringEn: ['TaxisNet credentials', 'AMKA of parents and children', 'Bank account IBAN'],
  },
  { code: 'POIN-MHT', name: 'Έκδοση αντιγράφου ποινικού μητρώου', nameEn: 'Criminal record certificate', videoEligible: true, bring: [ID], bringEn: [ID_EN] },
  {
    code: 'ADEIA-DIAM', name: 'Άδεια διαμονής (ανανέωση)', nameEn: 'Residence permit (renewal)', videoEligible: false,
    alternativeText: `Η αίτηση άδειας διαμονής συνοδεύεται από βιομετρικά στοιχεία και πρωτότυπα έγγραφα. ${IN_PERSON}`,
    alternativeTextEn: `A residence permit application needs biometric data and original documents. ${IN_PERSON_EN}`,
    bring: ['Διαβατήριο σε ισχύ', 'Τρέχουσα άδεια διαμονής', 'Δύο πρόσφατες φωτογραφίες', 'Παράβολο'], bringEn: ['Valid passport', 'Current residence permit', 'Two recent photographs', 'Fee receipt'],
  },
  { code: 'EKAA', name: 'Έκδοση Ευρωπαϊκής Κάρτας Ασφάλισης Ασθένειας', nameEn: 'European Health Insurance Card', videoEligible: true, bring: ['ΑΜΚΑ'], bringEn: ['AMKA'] },
  {
    code: 'EP-STEG', name: 'Αίτηση επιδόματος στέγασης', nameEn: 'Housing benefit application', videoEligible: true,
    bring: ['Κωδικοί TaxisNet', 'Μισθωτήριο συμβόλαιο', 'IBAN λογαριασμού'], bringEn: ['TaxisNet credentials', 'Lease contract', 'Bank account IBAN'],
  },
  {
    code: 'KOT', name: 'Αίτηση για Κοινωνικό Οικιακό Τιμολόγιο (ΚΟΤ)', nameEn: 'Social electricity tariff (KOT)', videoEligible: true,
    bring: ['Κωδικοί TaxisNet', 'Αριθμός παροχής ρεύματος'], bringEn: ['TaxisNet credentials', 'Electricity supply number'],
  },
  {
    code: 'KART-AMEA', name: 'Αίτηση έκδοσης Κάρτας Αναπηρίας', nameEn: 'Disability card application', videoEligible: true,
    bring: ['Απόφαση ΚΕΠΑ σε ισχύ', 'Μία πρόσφατη φωτογραφία'], bringEn: ['Valid disability assessment (KEPA) decision', 'One recent photograph'],
  },
  {
    code: 'METADIM', name: 'Μεταδημότευση', nameEn: 'Transfer of municipal registration', videoEligible: false,
    alternativeText: `Η μεταδημότευση υπογράφεται από τον αιτούντα ενώπιον του υπαλλήλου. ${IN_PERSON}${POST}`,
    alternativeTextEn: `The transfer is signed by the applicant in front of the officer. ${IN_PERSON_EN}${POST_EN}`,
    bring: [ID, 'Βεβαίωση μόνιμης κατοικίας στον νέο δήμο (τουλάχιστον δύο ετών)'], bringEn: [ID_EN, 'Proof of two years’ permanent residence in the new municipality'],
  },
  {
    code: 'ADEIA-ODHG', name: 'Αντικατάσταση άδειας οδήγησης λόγω απώλειας', nameEn: 'Replacement of a lost driving licence', videoEligible: false,
    alternativeText: `Χρειάζονται πρωτότυπη υπογραφή και φωτογραφία. ${IN_PERSON}${POST}`,
    alternativeTextEn: `An original signature and photograph are needed. ${IN_PERSON_EN}${POST_EN}`,
    bring: [ID, 'Βεβαίωση απώλειας από την αστυνομία', 'Μία πρόσφατη φωτογραφία', 'Παράβολο'], bringEn: [ID_EN, 'Police report of the loss', 'One recent photograph', 'Fee receipt'],
  },
  {
    code: 'SYNT', name: 'Υποβολή αίτησης συνταξιοδότησης', nameEn: 'Pension application', videoEligible: true,
    bring: ['Κωδικοί TaxisNet', 'ΑΜΚΑ', 'IBAN λογαριασμού'], bringEn: ['TaxisNet credentials', 'AMKA', 'Bank account IBAN'],
  },
  {
    code: 'LHXI-DIOR', name: 'Διόρθωση στοιχείων ληξιαρχικής πράξης', nameEn: 'Correction of a civil registry record', videoEligible: false,
    alternativeText: `Η διόρθωση απαιτεί πρωτότυπα δικαιολογητικά. ${IN_PERSON}${POST}`,
    alternativeTextEn: `A correction needs original supporting documents. ${IN_PERSON_EN}${POST_EN}`,
    bring: [ID, 'Τα δικαιολογητικά που τεκμηριώνουν τη διόρθωση'], bringEn: [ID_EN, 'The documents that support the correction'],
  },
  {
    code: 'EXOUS', name: 'Υπεύθυνη δήλωση και εξουσιοδότηση', nameEn: 'Solemn declaration and authorisation', videoEligible: true,
    bring: ['Κωδικοί TaxisNet (για την ψηφιακή έκδοση)'], bringEn: ['TaxisNet credentials (for the digital version)'],
  },
];

/**
 * Creates the demo catalogue once (a second run changes nothing) and lets every demo KEP offer every
 * procedure, except that the Heraklion KEP does not offer residence permits (so «not offered» can be seen).
 */
export async function seedDemoProcedures(em: EntityManager): Promise<void> {
  if ((await em.count(Procedure)) > 0) return;
  const procedures = DEMO_PROCEDURES.map((p) =>
    em.create(Procedure, { ...p, alternativeText: p.alternativeText ?? null, alternativeTextEn: p.alternativeTextEn ?? null, active: true }),
  );
  for (const store of await em.find(Store, {})) {
    for (const procedure of procedures) {
      if (store.code === 'KEP-HER-0301' && procedure.code === 'ADEIA-DIAM') continue;
      em.create(StoreProcedure, { store, procedure });
    }
  }
  await em.flush();
}
