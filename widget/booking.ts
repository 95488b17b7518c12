/**
 * The citizen booking widget alone, bundled as `kep-booking.js` for gov.gr pages: smaller than
 * `rantevou.js`, which also carries the staff widgets. Loading it registers `<kep-booking>` and `<kep-manage-booking>`.
 */
import './kep-booking/define.js';

export { KepBooking } from './kep-booking/kep-booking.js';
export { KepManageBooking, type ManageStepEventDetail } from './kep-manage-booking/kep-manage-booking.js';
export type { Booking } from './kep-booking/booking-api.js';
export type { BookingStepEventDetail, BookingStepName } from './kep-booking/kep-booking.js';
