import { Migration } from '@mikro-orm/migrations';

/**
 * Arrival check-in (issue 16 item 2): the KEP's ticket machines and kiosks, each with its own key
 * (stored as its SHA-256, so a leaked table opens nothing), the tickets they print, and the windows
 * of a KEP's arrivals.
 *
 * A ticket's number is per KEP and day, taken from `arrival_counter` (one row per KEP and day,
 * incremented in the ticket's own transaction, so numbers run 1, 2, 3 … without gaps); the unique
 * (store, day, number) is the guarantee, and one ticket per appointment makes a repeated arrival
 * answer the same number.
 *
 * The early window cannot exceed 30 minutes: the attendance rule records an arrival from 30 minutes
 * before the start (ARRIVAL_OPENS_MINUTES_BEFORE), and the kiosk must not promise what it refuses.
 */
export class Migration20261207100000_devices extends Migration {
  override name = 'Migration20261207100000_devices';

  override up(): void {
    this.addSql(`create table arrival_device (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references store(id) on delete cascade,
      name varchar(80) not null,
      key_hash char(64) not null unique,
      created_at timestamptz not null,
      created_by varchar(255) not null,
      last_used_at timestamptz,
      revoked_at timestamptz,
      revoked_by varchar(255)
    )`);
    this.addSql(`create index arrival_device_store on arrival_device (store_id, created_at)`);
    this.addSql(`create table arrival_counter (
      store_id uuid not null references store(id) on delete cascade,
      day date not null,
      last_number integer not null,
      primary key (store_id, day)
    )`);
    this.addSql(`create table arrival_ticket (
      appointment_id uuid primary key references appointment(id) on delete cascade,
      store_id uuid not null references store(id) on delete cascade,
      day date not null,
      number integer not null check (number > 0),
      issued_at timestamptz not null,
      issued_by varchar(255) not null,
      unique (store_id, day, number)
    )`);
    this.addSql(`alter table store
      add column arrival_early_minutes smallint not null default 30 check (arrival_early_minutes between 0 and 30),
      add column arrival_late_minutes smallint not null default 15 check (arrival_late_minutes between 0 and 240)`);
  }

  override down(): void {
    this.addSql(`alter table store drop column arrival_early_minutes, drop column arrival_late_minutes`);
    this.addSql(`drop table arrival_ticket`);
    this.addSql(`drop table arrival_counter`);
    this.addSql(`drop table arrival_device`);
  }
}
