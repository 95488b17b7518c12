import { KepAppointmentDialog } from './appointment-dialog.js';
import { KepAppointmentsCalendar } from './day-calendar.js';
import { KepAppointments } from './kep-appointments.js';
import { KepAppointmentNoticeDialog } from './notice-dialog.js';
import { KepAppointmentReasonDialog } from './reason-dialog.js';

// Two copies of the bundle on one page (say, two versions from different URLs) must not
// throw on the second definition. The inner parts first, so the screen upgrades with them.
const elements: [string, CustomElementConstructor][] = [
  ['kep-appointments-calendar', KepAppointmentsCalendar],
  ['kep-appointment-dialog', KepAppointmentDialog],
  ['kep-appointment-reason-dialog', KepAppointmentReasonDialog],
  ['kep-appointment-notice-dialog', KepAppointmentNoticeDialog],
  ['kep-appointments', KepAppointments],
];
for (const [name, element] of elements) if (!customElements.get(name)) customElements.define(name, element);

declare global {
  interface HTMLElementTagNameMap {
    'kep-appointments': KepAppointments;
    'kep-appointments-calendar': KepAppointmentsCalendar;
    'kep-appointment-dialog': KepAppointmentDialog;
    'kep-appointment-reason-dialog': KepAppointmentReasonDialog;
    'kep-appointment-notice-dialog': KepAppointmentNoticeDialog;
  }
}
