/** The texts of the waiting-room call display, Greek first. */
export interface CallDisplayMessages {
  label: string;
  now: string;
  number: string;
  earlier: string;
  waitingFirst: string;
  announce: (number: number, queue: string) => string;
  soundOn: string;
  badKey: string;
  notFound: string;
  offline: string;
}

const el: CallDisplayMessages = {
  label: 'Οθόνη κλήσεων',
  now: 'Καλείται',
  number: 'Αριθμός',
  earlier: 'Προηγούμενες κλήσεις',
  waitingFirst: 'Περιμένετε: ο αριθμός σας θα εμφανιστεί εδώ.',
  announce: (n, queue) => `Καλείται ο αριθμός ${n}, ${queue}.`,
  soundOn: 'Ενεργοποίηση ήχου',
  badKey: 'Το κλειδί της οθόνης δεν ισχύει. Ζητήστε νέο από τον Διαχειριστή του ΚΕΠ.',
  notFound: 'Η οθόνη δεν ανήκει σε αυτό το ΚΕΠ.',
  offline: 'Χωρίς σύνδεση: οι κλήσεις θα εμφανιστούν μόλις επανέλθει.',
};

const en: CallDisplayMessages = {
  label: 'Call display',
  now: 'Now calling',
  number: 'Number',
  earlier: 'Earlier calls',
  waitingFirst: 'Please wait: your number will show here.',
  announce: (n, queue) => `Now calling number ${n}, ${queue}.`,
  soundOn: 'Turn sound on',
  badKey: 'The display’s key is not valid. Ask the KEP’s administrator for a new one.',
  notFound: 'This display does not belong to this KEP.',
  offline: 'Offline: calls will show as soon as the connection is back.',
};

export function callDisplayMessagesFor(lang: string): CallDisplayMessages {
  return lang === 'en' ? en : el;
}
