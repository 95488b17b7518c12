import { Migration } from '@mikro-orm/migrations';

/**
 * Email that never gets lost (issue 6): the outbox row records when it failed for good, a reminder
 * row records the start time it reminds of (one reminder per appointment and start time, enforced by
 * a unique index, so several plugin instances can write reminders at once), and 'skipped' marks a
 * message that no longer applies when its turn comes (a reminder of an appointment since cancelled
 * or moved). The citizen's `language` column is added by the public-booking migration.
 */
export class Migration20261125030000_email extends Migration {
  override name = 'Migration20261125030000_email';

  override up(): void {
    this.addSql(`alter table outbox_message drop constraint outbox_message_status_check`);
    this.addSql(`alter table outbox_message add constraint outbox_message_status_check
      check (status in ('pending', 'queued', 'sent', 'failed', 'skipped'))`);
    this.addSql(`alter table outbox_message
      add column failed_at timestamptz,
      add column reminder_for timestamptz,
      add column updated_at timestamptz not null default now(),
      add constraint outbox_message_reminder_for check ((kind = 'appointment.reminder') = (reminder_for is not null))`);
    this.addSql(`create unique index outbox_message_one_reminder on outbox_message (appointment_id, reminder_for) where kind = 'appointment.reminder'`);
    // The relay re-sends rows queued long ago; the staff view lists a KEP's failed rows.
    this.addSql(`create index outbox_message_queued on outbox_message (queued_at) where status = 'queued'`);
    this.addSql(`create index outbox_message_failed on outbox_message (created_at) where status = 'failed'`);
    this.addSql(`create index outbox_message_appointment on outbox_message (appointment_id)`);
    // The reminder scheduler looks for booked appointments with an email starting within the next hours, across all KEPs.
    this.addSql(`create index appointment_reminder_due on appointment (starts_at) where status = 'booked' and email is not null`);
  }
}
