import { Migration } from '@mikro-orm/migrations';

/**
 * The first schema: KEPs, queues, appointments, the audit trail, the email outbox and staff sessions.
 * The exclusion constraint is the real guard against double booking: two concurrent requests can
 * both pass a check in code, only one can pass the database.
 */
export class Migration20261125000000_initial extends Migration {
  override name = 'Migration20261125000000_initial';

  override up(): void {
    this.addSql(`create extension if not exists btree_gist`);

    this.addSql(`create table store (
      id uuid primary key default gen_random_uuid(),
      code varchar(32) not null unique,
      name varchar(200) not null,
      municipality varchar(200) not null,
      address varchar(300) not null,
      time_zone varchar(64) not null default 'Europe/Athens',
      contact_email varchar(254),
      created_at timestamptz not null default now()
    )`);

    this.addSql(`create table queue (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references store(id),
      name varchar(200) not null,
      is_default boolean not null default false,
      mode varchar(16) not null default 'in_person' check (mode in ('in_person', 'video')),
      slot_minutes integer not null default 15 check (slot_minutes between 5 and 240),
      weekly_hours jsonb not null default '{}',
      active boolean not null default true,
      public boolean not null default false,
      created_at timestamptz not null default now()
    )`);
    this.addSql(`create unique index queue_one_default_per_store on queue (store_id) where is_default`);

    this.addSql(`create table appointment (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references store(id),
      queue_id uuid not null references queue(id),
      starts_at timestamptz not null,
      ends_at timestamptz not null,
      first_name varchar(100) not null,
      last_name varchar(100) not null,
      email varchar(254),
      phone varchar(32),
      notes varchar(2000),
      mode varchar(16) not null default 'in_person' check (mode in ('in_person', 'video')),
      status varchar(20) not null default 'booked'
        check (status in ('booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff')),
      source varchar(16) not null default 'phone' check (source in ('phone', 'email', 'walk_in', 'online')),
      created_by varchar(200) not null,
      version integer not null default 1,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check (ends_at > starts_at),
      constraint appointment_no_overlap exclude using gist (
        queue_id with =, tstzrange(starts_at, ends_at) with &&
      ) where (status <> 'cancelled')
    )`);
    this.addSql(`create index appointment_store_day on appointment (store_id, starts_at)`);

    this.addSql(`create table audit_event (
      id bigint generated always as identity primary key,
      store_id uuid references store(id),
      actor varchar(200) not null,
      action varchar(64) not null,
      entity_type varchar(64) not null,
      entity_id varchar(64) not null,
      before jsonb,
      after jsonb,
      at timestamptz not null default now()
    )`);
    this.addSql(`create index audit_event_entity on audit_event (entity_type, entity_id, at)`);

    this.addSql(`create table outbox_message (
      id uuid primary key default gen_random_uuid(),
      kind varchar(64) not null,
      appointment_id uuid not null references appointment(id),
      status varchar(16) not null default 'pending' check (status in ('pending', 'queued', 'sent', 'failed')),
      attempts integer not null default 0,
      last_error varchar(2000),
      provider_message_id varchar(300),
      created_at timestamptz not null default now(),
      queued_at timestamptz,
      sent_at timestamptz
    )`);
    this.addSql(`create index outbox_message_pending on outbox_message (created_at) where status = 'pending'`);

    this.addSql(`create table staff_session (
      id_hash char(64) primary key,
      data jsonb not null,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql(`create index staff_session_expiry on staff_session (expires_at)`);
  }
}
