/**
 * Rantevou widgets. Loading this module (bundled as `rantevou.js`) registers every
 * custom element; the classes are exported for pages that want to extend or type them.
 */
import './kep-appointments/define.js';
import './kep-booking/define.js';
import './kep-call-display/define.js';
import './kep-live-queue/define.js';
import './kep-outbox/define.js';
import './kep-procedures/define.js';
import './kep-queues/define.js';
import './kep-reports/define.js';
import './kep-staff/define.js';
import './kep-webhooks/define.js';

export { KepAppointments } from './kep-appointments/kep-appointments.js';
export { KepBooking } from './kep-booking/kep-booking.js';
export { KepCallDisplay } from './kep-call-display/kep-call-display.js';
export { KepLiveQueue } from './kep-live-queue/kep-live-queue.js';
export { KepOutbox } from './kep-outbox/kep-outbox.js';
export { KepProcedures } from './kep-procedures/kep-procedures.js';
export { KepQueues } from './kep-queues/kep-queues.js';
export { KepReports } from './kep-reports/kep-reports.js';
export { KepStaffApp } from './kep-staff/kep-staff-app.js';
export { KepStaffHeader } from './kep-staff/kep-staff-header.js';
export { KepStaffNav } from './kep-staff/kep-staff-nav.js';
export { KepWebhooks } from './kep-webhooks/kep-webhooks.js';
