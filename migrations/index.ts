import { Migration20261125000000_initial } from './Migration20261125000000_initial.js';
import { Migration20261125010000_appointment_details } from './Migration20261125010000_appointment_details.js';

/** Every migration, in order. Listed explicitly so a bundled or compiled build finds them without globbing. */
export const migrationsList = [
  Migration20261125000000_initial,
  Migration20261125010000_appointment_details,
];
