import { DetailsStep } from './details-step.js';
import { DoneStep } from './done-step.js';
import { KepBooking } from './kep-booking.js';
import { ModeStep } from './mode-step.js';
import { ProcedureStep } from './procedure-step.js';
import { SlotStep } from './slot-step.js';
import { StoreStep } from './store-step.js';
import { WaitlistJoin } from './waitlist-join.js';
import { KepManageBooking } from '../kep-manage-booking/kep-manage-booking.js';

const elements: [string, CustomElementConstructor][] = [
  ['kep-booking-store', StoreStep],
  ['kep-booking-procedure', ProcedureStep],
  ['kep-booking-mode', ModeStep],
  ['kep-booking-slot', SlotStep],
  ['kep-booking-details', DetailsStep],
  ['kep-booking-done', DoneStep],
  ['kep-booking-waitlist', WaitlistJoin],
  // The steps first: the booking element renders them as soon as it is defined.
  ['kep-booking', KepBooking],
  // The page the confirmation email's link opens: in both bundles, for the gov.gr page and the plugin's own.
  ['kep-manage-booking', KepManageBooking],
];

// Both bundles (rantevou.js and kep-booking.js) may end up on one page: the second must not throw.
for (const [name, constructor] of elements) if (!customElements.get(name)) customElements.define(name, constructor);

declare global {
  interface HTMLElementTagNameMap {
    'kep-booking': KepBooking;
    'kep-manage-booking': KepManageBooking;
  }
}
