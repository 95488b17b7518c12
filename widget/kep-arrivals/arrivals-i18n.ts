/** The texts of the arrival check-in and the devices section, Greek first. */
export interface ArrivalMessages {
  checkIn: { label: string; hint: string; submit: string; busy: string; empty: string; ticket: (number: number, queue: string, time: string, reference: string) => string; numberLabel: string };
  devices: {
    title: string;
    intro: string;
    caption: string;
    columns: { name: string; kind: string; created: string; lastUsed: string; state: string; actions: string };
    kindLegend: string;
    kinds: { arrivals: string; display: string };
    kindHints: { arrivals: string; display: string };
    snippetLabel: string;
    snippetHint: string;
    never: string;
    active: string;
    revokedOn: (when: string) => string;
    none: string;
    newTitle: string;
    nameLabel: string;
    nameHint: string;
    issue: string;
    nameRequired: string;
    keyTitle: (name: string) => string;
    keyWarning: string;
    keyLabel: string;
    copy: string;
    copied: string;
    copyFailed: string;
    done: string;
    revoke: (name: string) => string;
    revokeConfirm: (name: string) => string;
    revoked: (name: string) => string;
    issued: (name: string) => string;
  };
}

const el: ArrivalMessages = {
  checkIn: {
    label: 'Άφιξη με κωδικό',
    hint: 'Ο κωδικός του ραντεβού (π.χ. K7P-4MX): πληκτρολογήστε τον ή σαρώστε τον από το email του πολίτη.',
    submit: 'Καταγραφή άφιξης',
    busy: 'Καταγραφή…',
    empty: 'Συμπληρώστε τον κωδικό του ραντεβού.',
    ticket: (n, queue, time, reference) => `Άφιξη καταγράφηκε: αριθμός προτεραιότητας ${n} — ${queue}, ${time}, κωδικός ${reference}.`,
    numberLabel: 'Αριθμός προτεραιότητας',
  },
  devices: {
    title: 'Συσκευές',
    intro: 'Μηχανήματα προτεραιότητας, κιόσκια και οθόνες κλήσεων του ΚΕΠ: καθένα έχει το δικό του κλειδί, μόνο για αυτό το ΚΕΠ.',
    caption: 'Οι συσκευές του ΚΕΠ',
    columns: { name: 'Όνομα', kind: 'Είδος', created: 'Εκδόθηκε', lastUsed: 'Τελευταία χρήση', state: 'Κατάσταση', actions: 'Ενέργειες' },
    kindLegend: 'Είδος συσκευής',
    kinds: { arrivals: 'Μηχάνημα αφίξεων', display: 'Οθόνη κλήσεων' },
    kindHints: {
      arrivals: 'Μηχάνημα προτεραιότητας ή κιόσκι: καταγράφει αφίξεις με τον κωδικό του ραντεβού.',
      display: 'Οθόνη στην αίθουσα αναμονής: δείχνει μόνο τους αριθμούς που καλούνται, χωρίς στοιχεία πολιτών.',
    },
    snippetLabel: 'Κώδικας για τη σελίδα της οθόνης',
    snippetHint: 'Βάλτε τον σε μια σελίδα της ίδιας διεύθυνσης με την εφαρμογή και ανοίξτε τη σε πλήρη οθόνη.',
    never: 'Ποτέ',
    active: 'Ενεργή',
    revokedOn: (when) => `Ανακλήθηκε ${when}`,
    none: 'Δεν υπάρχουν συσκευές ακόμη.',
    newTitle: 'Νέα συσκευή',
    nameLabel: 'Όνομα συσκευής',
    nameHint: 'Π.χ. «Μηχάνημα εισόδου» ή «Κιόσκι 1ου ορόφου».',
    issue: 'Έκδοση κλειδιού',
    nameRequired: 'Δώστε ένα όνομα στη συσκευή.',
    keyTitle: (name) => `Κλειδί της συσκευής «${name}»`,
    keyWarning: 'Αντιγράψτε το τώρα και περάστε το στη συσκευή: δεν θα εμφανιστεί ξανά.',
    keyLabel: 'Κλειδί συσκευής',
    copy: 'Αντιγραφή',
    copied: 'Το κλειδί αντιγράφηκε.',
    copyFailed: 'Η αντιγραφή δεν έγινε· επιλέξτε το κλειδί και αντιγράψτε το.',
    done: 'Το αντέγραψα',
    revoke: (name) => `Ανάκληση «${name}»`,
    revokeConfirm: (name) => `Να ανακληθεί το κλειδί της συσκευής «${name}»; Η συσκευή δεν θα καταγράφει πια αφίξεις.`,
    revoked: (name) => `Το κλειδί της συσκευής «${name}» ανακλήθηκε.`,
    issued: (name) => `Εκδόθηκε κλειδί για τη συσκευή «${name}».`,
  },
};

const en: ArrivalMessages = {
  checkIn: {
    label: 'Arrival by reference',
    hint: 'The booking reference (e.g. K7P-4MX): type it or scan it from the citizen’s email.',
    submit: 'Record arrival',
    busy: 'Recording…',
    empty: 'Enter the booking reference.',
    ticket: (n, queue, time, reference) => `Arrival recorded: queue number ${n} — ${queue}, ${time}, reference ${reference}.`,
    numberLabel: 'Queue number',
  },
  devices: {
    title: 'Devices',
    intro: 'The KEP’s ticket machines, kiosks and call displays: each has its own key, for this KEP only.',
    caption: 'The KEP’s devices',
    columns: { name: 'Name', kind: 'Kind', created: 'Issued', lastUsed: 'Last used', state: 'State', actions: 'Actions' },
    kindLegend: 'Kind of device',
    kinds: { arrivals: 'Arrivals machine', display: 'Call display' },
    kindHints: {
      arrivals: 'A ticket machine or kiosk: records arrivals by booking reference.',
      display: 'A screen in the waiting room: shows only the numbers called, no personal data.',
    },
    snippetLabel: 'Code for the display’s page',
    snippetHint: 'Put it on a page at the same address as the application and open it full screen.',
    never: 'Never',
    active: 'Active',
    revokedOn: (when) => `Revoked ${when}`,
    none: 'No devices yet.',
    newTitle: 'New device',
    nameLabel: 'Device name',
    nameHint: 'E.g. “Entrance machine” or “First floor kiosk”.',
    issue: 'Issue key',
    nameRequired: 'Give the device a name.',
    keyTitle: (name) => `Key of the device “${name}”`,
    keyWarning: 'Copy it now and enter it on the device: it will not be shown again.',
    keyLabel: 'Device key',
    copy: 'Copy',
    copied: 'The key was copied.',
    copyFailed: 'Copying failed; select the key and copy it.',
    done: 'I have copied it',
    revoke: (name) => `Revoke “${name}”`,
    revokeConfirm: (name) => `Revoke the key of the device “${name}”? It will no longer record arrivals.`,
    revoked: (name) => `The key of the device “${name}” was revoked.`,
    issued: (name) => `A key was issued for the device “${name}”.`,
  },
};

export function arrivalMessagesFor(lang: string): ArrivalMessages {
  return lang === 'en' ? en : el;
}
