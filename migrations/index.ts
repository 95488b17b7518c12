import { Migration20261125000000_initial } from './Migration20261125000000_initial.js';

/** Every migration, in order. Listed explicitly so a bundled or compiled build finds them without globbing. */
export const migrationsList = [Migration20261125000000_initial];
