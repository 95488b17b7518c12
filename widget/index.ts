/**
 * Rantevou widgets. Loading this module (bundled as `rantevou.js`) registers every
 * custom element; the classes are exported for pages that want to extend or type them.
 */
import './kep-appointments/define.js';

export { KepAppointments } from './kep-appointments/kep-appointments.js';
