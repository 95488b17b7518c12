import { Migration } from '@mikro-orm/migrations';

/**
 * No citizen left unserved (issue 8): what the attendance jobs record on an appointment (the
 * escalation flag, the start of a video call, a reason given after the fact, retention), staff email
 * to staff (day lists and alerts) through the same outbox, the staff's email preferences, and the
 * priority tokens handed to citizens whose appointment the KEP missed.
 */
export class Migration20261125050000_attendance_reports extends Migration {
  override name = 'Migration20261125050000_attendance_reports';

  override up(): void {
    this.addSql(`alter table appointment
      add column attention_at timestamptz,
      add column call_started_at timestamptz,
      add column call_started_by varchar(200),
      add column status_reason varchar(500),
      add column redacted_at timestamptz`);
    // The escalation check (every minute) and the end-of-day marking look only at booked rows by
    // start; the retention job only at rows not yet redacted, oldest first.
    this.addSql(`create index appointment_booked_starts on appointment (starts_at) where status = 'booked'`);
    this.addSql(`create index appointment_retention_due on appointment (starts_at) where redacted_at is null`);

    // Email to staff travels through the outbox like the citizens' email (same relay, same worker,
    // same retries), but names its recipient and KEP instead of a citizen's appointment: its
    // appointment_id stays null, so no view or retry of citizen email ever picks it up; an alert
    // names the appointment it is about in a column of its own.
    this.addSql(`alter table outbox_message alter column appointment_id drop not null`);
    this.addSql(`alter table outbox_message
      add column store_id uuid references store(id),
      add column recipient varchar(254),
      add column for_date date,
      add column about_appointment_id uuid references appointment(id),
      add constraint outbox_message_target check (
        case when kind like 'staff.%' then appointment_id is null and recipient is not null and store_id is not null
             else appointment_id is not null end)`);
    // Each of these is sent once however many plugin instances run the job, and however often.
    this.addSql(`create unique index outbox_message_one_day_list on outbox_message (store_id, recipient, for_date) where kind = 'staff.day-list'`);
    this.addSql(`create unique index outbox_message_one_alert on outbox_message (about_appointment_id, recipient) where kind = 'staff.attention'`);
    this.addSql(`create unique index outbox_message_one_apology on outbox_message (appointment_id) where kind = 'appointment.apology'`);

    this.addSql(`create table staff_preference (
      sub varchar(200) not null,
      store_id uuid not null references store(id) on delete cascade,
      email varchar(254) not null,
      daily_list boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      primary key (sub, store_id)
    )`);
    this.addSql(`create index staff_preference_daily on staff_preference (store_id) where daily_list`);

    this.addSql(`create table priority_token (
      token_hash char(64) primary key,
      appointment_id uuid not null references appointment(id),
      store_id uuid not null references store(id),
      valid_from timestamptz not null,
      expires_at timestamptz not null,
      used_at timestamptz,
      created_at timestamptz not null default now(),
      check (expires_at > valid_from)
    )`);
    this.addSql(`create unique index priority_token_appointment on priority_token (appointment_id)`);
    this.addSql(`create index priority_token_expiry on priority_token (expires_at)`);
  }
}
