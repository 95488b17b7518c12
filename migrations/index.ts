import { Migration20261125000000_initial } from './Migration20261125000000_initial.js';
import { Migration20261125010000_appointment_details } from './Migration20261125010000_appointment_details.js';
import { Migration20261125020000_queues_exceptions } from './Migration20261125020000_queues_exceptions.js';
import { Migration20261125030000_email } from './Migration20261125030000_email.js';
import { Migration20261125040000_sso } from './Migration20261125040000_sso.js';
import { Migration20261125050000_attendance_reports } from './Migration20261125050000_attendance_reports.js';
import { Migration20261125060000_public_booking } from './Migration20261125060000_public_booking.js';
import { Migration20261126000000_procedure_catalogue } from './Migration20261126000000_procedure_catalogue.js';
import { Migration20261126010000_report_summary } from './Migration20261126010000_report_summary.js';
import { Migration20261126020000_priority_rebooking } from './Migration20261126020000_priority_rebooking.js';
import { Migration20261206040000_citizen_token_names } from './Migration20261206040000_citizen_token_names.js';
import { Migration20261206000000_booking_reference } from './Migration20261206000000_booking_reference.js';
import { Migration20261206050000_one_hold_per_citizen } from './Migration20261206050000_one_hold_per_citizen.js';
import { Migration20261206060000_citizen_token_tax_id } from './Migration20261206060000_citizen_token_tax_id.js';
import { Migration20261207100000_devices } from './Migration20261207100000_devices.js';
import { Migration20261207110000_live_queue } from './Migration20261207110000_live_queue.js';
import { Migration20261207120000_video_waiting_room } from './Migration20261207120000_video_waiting_room.js';
import { Migration20261207130000_webhooks } from './Migration20261207130000_webhooks.js';
import { Migration20261207140000_waitlist } from './Migration20261207140000_waitlist.js';
import { Migration20261207150000_unmet_demand } from './Migration20261207150000_unmet_demand.js';
import { Migration20261207160000_reference_draw_lock } from './Migration20261207160000_reference_draw_lock.js';

/** Every migration, in the order of their timestamps. Listed explicitly so a bundled or compiled build finds them without globbing. */
export const migrationsList = [
  Migration20261125000000_initial,
  Migration20261125010000_appointment_details,
  Migration20261125020000_queues_exceptions,
  Migration20261125030000_email,
  Migration20261125040000_sso,
  Migration20261125050000_attendance_reports,
  Migration20261125060000_public_booking,
  Migration20261126000000_procedure_catalogue,
  Migration20261126010000_report_summary,
  Migration20261126020000_priority_rebooking,
  Migration20261206000000_booking_reference,
  Migration20261206040000_citizen_token_names,
  Migration20261206050000_one_hold_per_citizen,
  Migration20261206060000_citizen_token_tax_id,
  Migration20261207100000_devices,
  Migration20261207110000_live_queue,
  Migration20261207120000_video_waiting_room,
  Migration20261207130000_webhooks,
  Migration20261207140000_waitlist,
  Migration20261207150000_unmet_demand,
  Migration20261207160000_reference_draw_lock,
];
