import { Migration } from '@mikro-orm/migrations';

/**
 * Public booking (issue 7): the procedures catalogue and which KEPs offer what; holds as appointment
 * rows with status 'held', so the very same exclusion constraint guards holds and bookings; the
 * citizen's subject, the video link and the procedure on the appointment; citizen sign-in tokens,
 * idempotency keys and manage links, each secret stored only as its SHA-256.
 */
export class Migration20261125060000_public_booking extends Migration {
  override name = 'Migration20261125060000_public_booking';

  override up(): void {
    this.addSql(`create table procedure (
      id uuid primary key default gen_random_uuid(),
      code varchar(32) not null unique,
      name varchar(300) not null,
      name_en varchar(300) not null,
      video_eligible boolean not null default false,
      alternative_text varchar(1000),
      alternative_text_en varchar(1000),
      bring jsonb not null default '[]' check (jsonb_typeof(bring) = 'array'),
      bring_en jsonb check (bring_en is null or jsonb_typeof(bring_en) = 'array'),
      active boolean not null default true,
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);

    this.addSql(`create table store_procedure (
      store_id uuid not null references store(id) on delete cascade,
      procedure_id uuid not null references procedure(id) on delete cascade,
      created_at timestamptz not null default now(),
      primary key (store_id, procedure_id)
    )`);

    // 'held': a slot kept for a citizen for a few minutes (holder = their subject), or kept back after a
    // cancellation (holder 'cooldown'); held_until says when it lapses by itself.
    this.addSql(`alter table appointment drop constraint appointment_status_check`);
    this.addSql(`alter table appointment add constraint appointment_status_check
      check (status in ('booked', 'arrived', 'served', 'cancelled', 'no_show', 'missed_by_staff', 'held'))`);
    this.addSql(`alter table appointment
      add column held_until timestamptz,
      add column holder varchar(200),
      add column citizen_sub varchar(200),
      add column video_link varchar(500),
      add column procedure_id uuid references procedure(id),
      add column language varchar(2) not null default 'el' check (language in ('el', 'en')),
      add constraint appointment_hold_lapses check ((status = 'held') = (held_until is not null))`);
    this.addSql(`create index appointment_held_until on appointment (held_until) where status = 'held'`);
    this.addSql(`create index appointment_citizen on appointment (citizen_sub, starts_at) where citizen_sub is not null`);

    this.addSql(`create table citizen_login (
      id_hash char(64) primary key,
      code_verifier varchar(128) not null,
      state varchar(128) not null,
      nonce varchar(128) not null,
      origin varchar(300) not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);

    this.addSql(`create table citizen_token (
      token_hash char(64) primary key,
      sub varchar(200) not null,
      name varchar(200) not null,
      email varchar(254),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql(`create index citizen_token_expiry on citizen_token (expires_at)`);

    this.addSql(`create table idempotency_key (
      citizen_sub varchar(200) not null,
      key varchar(200) not null,
      request_hash char(64) not null,
      response_status integer,
      response_body jsonb,
      created_at timestamptz not null default now(),
      primary key (citizen_sub, key)
    )`);
    this.addSql(`create index idempotency_key_age on idempotency_key (created_at)`);

    this.addSql(`create table manage_token (
      token_hash char(64) primary key,
      appointment_id uuid not null references appointment(id),
      created_at timestamptz not null default now(),
      expires_at timestamptz not null
    )`);
    this.addSql(`create index manage_token_appointment on manage_token (appointment_id)`);
    this.addSql(`create index manage_token_expiry on manage_token (expires_at)`);

    // The manage link must reach the citizen's email, but only its hash is kept for good: the
    // outbox row carries the URL until the message is sent, then the sweeper erases it.
    this.addSql(`alter table outbox_message add column manage_url varchar(600)`);
  }
}
