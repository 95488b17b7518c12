/**
 * The words of `<kep-manage-booking>` beyond those it shares with `<kep-booking>` (days, times,
 * errors, modes). Greek first; English with `lang="en"`.
 */
import { bookingMessagesFor, type BookingMessages } from '../kep-booking/booking-i18n.js';

/** The screens of managing a booking. */
export type ManageStepName = 'loading' | 'view' | 'move' | 'cancel' | 'moved' | 'cancelled' | 'gone';

/** Every text the manage widget shows besides the booking widget's. */
export interface ManageMessages {
  steps: Record<ManageStepName, string>;
  reference: string;
  status: string;
  statuses: { booked: string; arrived: string; served: string; cancelled: string; no_show: string; missed_by_staff: string };
  moveButton: string;
  cancelButton: string;
  notChangeable: string;
  wasCancelled: string;
  current: string;
  moveConfirm: string;
  cancelWarning: string;
  cancelYes: string;
  cancelNo: string;
  movedEmail: string;
  cancelledEmail: string;
  bookAgain: string;
  backToBooking: string;
  gone: string[];
}

const el: ManageMessages = {
  steps: {
    loading: 'Το ραντεβού σας',
    view: 'Το ραντεβού σας',
    move: 'Επιλέξτε νέα ημέρα και ώρα',
    cancel: 'Θέλετε να ακυρώσετε το ραντεβού;',
    moved: 'Το ραντεβού σας άλλαξε',
    cancelled: 'Το ραντεβού σας ακυρώθηκε',
    gone: 'Ο σύνδεσμος δεν ισχύει',
  },
  reference: 'Κωδικός ραντεβού',
  status: 'Κατάσταση',
  statuses: {
    booked: 'Κλεισμένο',
    arrived: 'Έχετε προσέλθει',
    served: 'Εξυπηρετήθηκε',
    cancelled: 'Ακυρώθηκε',
    no_show: 'Δεν προσήλθατε',
    missed_by_staff: 'Δεν εξυπηρετηθήκατε',
  },
  moveButton: 'Αλλαγή ημέρας ή ώρας',
  cancelButton: 'Ακύρωση του ραντεβού',
  notChangeable: 'Το ραντεβού δεν μπορεί πλέον να αλλάξει μέσω διαδικτύου. Για οτιδήποτε χρειάζεστε, επικοινωνήστε με το ΚΕΠ.',
  wasCancelled: 'Το ραντεβού έχει ακυρωθεί. Αν το χρειάζεστε, κλείστε νέο ραντεβού από τη σελίδα ραντεβού ΚΕΠ του gov.gr.',
  current: 'Τώρα',
  moveConfirm: 'Αλλαγή ώρας',
  cancelWarning: 'Η ώρα σας θα δοθεί σε άλλον πολίτη. Η ακύρωση δεν αναιρείται· για νέο ραντεβού θα χρειαστεί να το κλείσετε ξανά.',
  cancelYes: 'Ναι, ακύρωση του ραντεβού',
  cancelNo: 'Όχι, να μείνει το ραντεβού',
  movedEmail: 'Σας στείλαμε email με τη νέα ημέρα και ώρα.',
  cancelledEmail: 'Σας στείλαμε email για την ακύρωση.',
  bookAgain: 'Αν χρειάζεστε νέο ραντεβού, κλείστε το από τη σελίδα ραντεβού ΚΕΠ του gov.gr.',
  backToBooking: 'Δείτε το ραντεβού σας',
  gone: [
    'Ο σύνδεσμος για την αλλαγή ή την ακύρωση του ραντεβού δεν είναι σωστός ή έχει λήξει.',
    'Αν έχετε ραντεβού, ανοίξτε τον σύνδεσμο από το πιο πρόσφατο email που σας στείλαμε για αυτό.',
    'Για νέο ραντεβού, κλείστε το από τη σελίδα ραντεβού ΚΕΠ του gov.gr. Για οτιδήποτε άλλο, τηλεφωνήστε στο ΚΕΠ σας.',
  ],
};

const en: ManageMessages = {
  steps: {
    loading: 'Your appointment',
    view: 'Your appointment',
    move: 'Choose a new day and time',
    cancel: 'Do you want to cancel the appointment?',
    moved: 'Your appointment has changed',
    cancelled: 'Your appointment is cancelled',
    gone: 'This link does not work',
  },
  reference: 'Appointment reference',
  status: 'Status',
  statuses: {
    booked: 'Booked',
    arrived: 'You have arrived',
    served: 'Served',
    cancelled: 'Cancelled',
    no_show: 'You did not come',
    missed_by_staff: 'You were not served',
  },
  moveButton: 'Change the day or time',
  cancelButton: 'Cancel the appointment',
  notChangeable: 'The appointment can no longer be changed online. For anything you need, contact the KEP.',
  wasCancelled: 'The appointment has been cancelled. If you need one, book a new appointment on the KEP appointments page on gov.gr.',
  current: 'Now',
  moveConfirm: 'Change the time',
  cancelWarning: 'Your time will go to another citizen. Cancelling cannot be undone: for a new appointment you will need to book again.',
  cancelYes: 'Yes, cancel the appointment',
  cancelNo: 'No, keep the appointment',
  movedEmail: 'We have emailed you the new day and time.',
  cancelledEmail: 'We have emailed you about the cancellation.',
  bookAgain: 'If you need a new appointment, book it on the KEP appointments page on gov.gr.',
  backToBooking: 'See your appointment',
  gone: [
    'The link to change or cancel the appointment is not right or has expired.',
    'If you have an appointment, open the link in the latest email we sent you about it.',
    'To book a new appointment, use the KEP appointments page on gov.gr. For anything else, call your KEP.',
  ],
};

/** The manage widget's words and the booking widget's, for `lang`; anything but English is Greek. */
export function manageMessagesFor(lang: string | null | undefined): { m: ManageMessages; t: BookingMessages } {
  const t = bookingMessagesFor(lang);
  return { m: t.lang === 'en' ? en : el, t };
}
