/** The texts of the operator's live queue, Greek first. */
export interface LiveQueueMessages {
  title: (store: string) => string;
  intro: (minutes: number) => string;
  noQueues: string;
  employee: (name: string) => string;
  call: string;
  callIn: (queue: string) => string;
  calling: string;
  nobody: string;
  waitingCaption: (queue: string) => string;
  calledCaption: (queue: string) => string;
  noneCalled: string;
  columns: { number: string; time: string; name: string; reference: string; arrived: string; called: string; actions: string };
  noTicket: string;
  alert: (minutes: number) => string;
  alerts: (count: number, minutes: number) => string;
  recall: (number: number | null) => string;
  called: (number: number, name: string, queue: string) => string;
  recalled: (number: number, name: string) => string;
  readOnly: string;
  updated: (time: string) => string;
  settingTitle: string;
  settingLabel: string;
  settingHint: string;
  settingSave: string;
  settingSaved: (minutes: number) => string;
  /** `<kep-waiting-settings>`: the arrival window and the video waiting room's alert. */
  waitingSettings: {
    windowTitle: string;
    earlyLabel: string;
    earlyHint: string;
    lateLabel: string;
    lateHint: string;
    windowSaved: (early: number, late: number) => string;
    videoTitle: string;
    videoLabel: string;
    videoHint: string;
    videoSaved: (minutes: number) => string;
    save: string;
  };
}

const el: LiveQueueMessages = {
  title: (store) => `Ουρά αναμονής — ${store}`,
  intro: (m) => `Όσοι έφτασαν για το ραντεβού τους, με τη σειρά της ώρας τους. Η «Κλήση» δείχνει τον επόμενο αριθμό στην οθόνη της αίθουσας· όποιος περιμένει πάνω από ${m} λεπτά χωρίς κλήση επισημαίνεται και ειδοποιείται ο διαχειριστής.`,
  noQueues: 'Το ΚΕΠ δεν έχει ενεργές ουρές με φυσική παρουσία.',
  employee: (name) => `Υπάλληλος: ${name}`,
  call: 'Κλήση',
  callIn: (queue) => `Κλήση επόμενου στην ουρά «${queue}»`,
  calling: 'Κλήση…',
  nobody: 'Δεν περιμένει κανείς.',
  waitingCaption: (queue) => `Περιμένουν στην ουρά «${queue}»`,
  calledCaption: (queue) => `Τελευταίες κλήσεις στην ουρά «${queue}»`,
  noneCalled: 'Καμία κλήση ακόμη σήμερα.',
  columns: { number: 'Αριθμός', time: 'Ραντεβού', name: 'Ονοματεπώνυμο', reference: 'Κωδικός', arrived: 'Ήρθε', called: 'Κλήθηκε', actions: 'Ενέργειες' },
  noTicket: '—',
  alert: (m) => `Περιμένει πάνω από ${m} λεπτά`,
  alerts: (n, m) => (n === 1 ? `1 πολίτης περιμένει πάνω από ${m} λεπτά χωρίς κλήση.` : `${n} πολίτες περιμένουν πάνω από ${m} λεπτά χωρίς κλήση.`),
  recall: (n) => (n === null ? 'Νέα κλήση' : `Νέα κλήση του ${n}`),
  called: (n, name, queue) => `Κλήθηκε ο αριθμός ${n}: ${name} (${queue}).`,
  recalled: (n, name) => `Ο αριθμός ${n} (${name}) κλήθηκε ξανά.`,
  readOnly: 'Βλέπετε την ουρά· καλεί ο υπάλληλος της ουράς ή ο Διαχειριστής Καταστήματος.',
  updated: (time) => `Ενημερώθηκε ${time}`,
  settingTitle: 'Ειδοποίηση αναμονής',
  settingLabel: 'Λεπτά αναμονής χωρίς κλήση πριν από την ειδοποίηση',
  settingHint: 'Από την άφιξη ή την ώρα του ραντεβού, ό,τι είναι αργότερα· 1 έως 120. Ειδοποιείται ο Διαχειριστής του ΚΕΠ με email.',
  settingSave: 'Αποθήκευση',
  settingSaved: (m) => `Η ειδοποίηση γίνεται πλέον μετά από ${m} λεπτά αναμονής χωρίς κλήση.`,
  waitingSettings: {
    windowTitle: 'Παράθυρο αφίξεων',
    earlyLabel: 'Λεπτά πριν από την ώρα του ραντεβού',
    earlyHint: 'Από πότε το μηχάνημα αφίξεων και η θυρίδα δέχονται την άφιξη· 0 έως 30.',
    lateLabel: 'Λεπτά μετά την ώρα του ραντεβού',
    lateHint: 'Έως πότε· αργότερα ο πολίτης παίρνει εισιτήριο χωρίς ραντεβού. 0 έως 240.',
    windowSaved: (early, late) => `Οι αφίξεις γίνονται πλέον δεκτές από ${early} λεπτά πριν έως ${late} λεπτά μετά την ώρα του ραντεβού.`,
    videoTitle: 'Ειδοποίηση βιντεοκλήσης',
    videoLabel: 'Λεπτά χωρίς έναρξη της κλήσης πριν από την ειδοποίηση',
    videoHint: 'Από την ώρα του ραντεβού ή το «Περιμένω» του πολίτη, ό,τι είναι αργότερα· 1 έως 60. Ειδοποιούνται ο υπάλληλος και ο Διαχειριστής του ΚΕΠ.',
    videoSaved: (m) => `Η ειδοποίηση για βιντεοκλήση που δεν ξεκίνησε γίνεται πλέον μετά από ${m} λεπτά.`,
    save: 'Αποθήκευση',
  },
};

const en: LiveQueueMessages = {
  title: (store) => `Waiting queue — ${store}`,
  intro: (m) => `Citizens who have arrived for their appointment, in order of their time. «Call» shows the next number on the waiting room’s display; anyone waiting over ${m} minutes without a call is flagged and the administrator is alerted.`,
  noQueues: 'The KEP has no active in-person queues.',
  employee: (name) => `Employee: ${name}`,
  call: 'Call',
  callIn: (queue) => `Call the next one in “${queue}”`,
  calling: 'Calling…',
  nobody: 'Nobody is waiting.',
  waitingCaption: (queue) => `Waiting in “${queue}”`,
  calledCaption: (queue) => `Latest calls in “${queue}”`,
  noneCalled: 'No calls yet today.',
  columns: { number: 'Number', time: 'Appointment', name: 'Name', reference: 'Reference', arrived: 'Arrived', called: 'Called', actions: 'Actions' },
  noTicket: '—',
  alert: (m) => `Waiting over ${m} minutes`,
  alerts: (n, m) => (n === 1 ? `1 citizen has waited over ${m} minutes without a call.` : `${n} citizens have waited over ${m} minutes without a call.`),
  recall: (n) => (n === null ? 'Call again' : `Call ${n} again`),
  called: (n, name, queue) => `Number ${n} called: ${name} (${queue}).`,
  recalled: (n, name) => `Number ${n} (${name}) called again.`,
  readOnly: 'You see the queue; its employee or the store administrator calls.',
  updated: (time) => `Updated ${time}`,
  settingTitle: 'Waiting alert',
  settingLabel: 'Minutes of waiting without a call before the alert',
  settingHint: 'From the arrival or the appointment’s time, whichever is later; 1 to 120. The KEP’s administrator is emailed.',
  settingSave: 'Save',
  settingSaved: (m) => `The alert now comes after ${m} minutes of waiting without a call.`,
  waitingSettings: {
    windowTitle: 'Arrival window',
    earlyLabel: 'Minutes before the appointment’s time',
    earlyHint: 'From when the arrivals machine and the counter take the arrival; 0 to 30.',
    lateLabel: 'Minutes after the appointment’s time',
    lateHint: 'Until when; later the citizen takes a walk-in ticket. 0 to 240.',
    windowSaved: (early, late) => `Arrivals are now taken from ${early} minutes before to ${late} minutes after the appointment’s time.`,
    videoTitle: 'Video call alert',
    videoLabel: 'Minutes without the call starting before the alert',
    videoHint: 'From the appointment’s time or the citizen’s «I am waiting», whichever is later; 1 to 60. The employee and the KEP’s administrator are alerted.',
    videoSaved: (m) => `The alert for a video call that did not start now comes after ${m} minutes.`,
    save: 'Save',
  },
};

export function liveQueueMessagesFor(lang: string): LiveQueueMessages {
  return lang === 'en' ? en : el;
}
