import { Migration } from '@mikro-orm/migrations';

/**
 * The waitlist for freed times (issue 17 item 2).
 *
 * `waitlist_entry`: a signed-in citizen who found no free time asks to be told when one frees up in a
 * KEP, for a procedure and a mode, between two local dates. The line is `position` (creation order).
 * Status: 'waiting' → 'offered' (a freed time is held for them until `offer_until`) → 'booked' (they
 * took it), or 'left' (they left the list from the link), or 'expired' (the offer lapsed, or the
 * dates passed). The contact email and the subject are kept as the public booking keeps them (the
 * names and the ΑΦΜ the identity provider gave, which the appointment will carry); `link_hash` is the
 * SHA-256 of the link's secret (a new one with each offer email; the earlier link stops working).
 *
 * The offer itself is an appointment row with status 'held' and holder `waitlist:<entry id>`, so the
 * exclusion constraint keeps everyone else off the time; `held_until` = `offer_until`.
 *
 * Two partial unique indexes are the rules in the database: one live entry per citizen per KEP and
 * procedure, and one offer at a time per citizen.
 *
 * `outbox_message.appointment_id` now cascades: an offer's email belongs to its hold, and a hold is
 * deleted when it lapses (by the sweeper, or by whoever takes the time next); an email about a lapsed
 * offer must not go out anyway. Other appointments are never deleted (retention redacts them).
 */
export class Migration20261207140000_waitlist extends Migration {
  override name = 'Migration20261207140000_waitlist';

  override up(): void {
    this.addSql(`create table waitlist_entry (
      id uuid primary key default gen_random_uuid(),
      position bigint generated always as identity,
      store_id uuid not null references store(id) on delete cascade,
      procedure_id uuid not null references "procedure"(id),
      mode varchar(16) not null check (mode in ('in_person', 'video')),
      date_from date not null,
      date_to date not null,
      citizen_sub varchar(200) not null,
      email varchar(254) not null,
      first_name varchar(100) not null,
      last_name varchar(100) not null,
      tax_id varchar(9),
      language varchar(2) not null default 'el' check (language in ('el', 'en')),
      base_url varchar(500) not null,
      link_hash char(64) not null unique,
      status varchar(16) not null default 'waiting' check (status in ('waiting', 'offered', 'booked', 'left', 'expired')),
      offer_appointment_id uuid references appointment(id) on delete set null,
      offer_starts_at timestamptz,
      offer_until timestamptz,
      created_at timestamptz not null,
      updated_at timestamptz not null,
      check (date_from <= date_to),
      check (status <> 'offered' or (offer_until is not null and offer_starts_at is not null))
    )`);
    this.addSql(`create unique index waitlist_one_live_entry on waitlist_entry (citizen_sub, store_id, procedure_id) where status in ('waiting', 'offered')`);
    this.addSql(`create unique index waitlist_one_offer_per_citizen on waitlist_entry (citizen_sub) where status = 'offered'`);
    this.addSql(`create index waitlist_line on waitlist_entry (store_id, procedure_id, mode, position) where status = 'waiting'`);
    this.addSql(`create index waitlist_offers on waitlist_entry (offer_until) where status = 'offered'`);
    this.addSql(`alter table outbox_message drop constraint outbox_message_appointment_id_fkey,
      add constraint outbox_message_appointment_id_fkey foreign key (appointment_id) references appointment(id) on delete cascade`);
  }

  override down(): void {
    this.addSql(`delete from outbox_message where kind = 'appointment.waitlist-offer'`);
    this.addSql(`alter table outbox_message drop constraint outbox_message_appointment_id_fkey,
      add constraint outbox_message_appointment_id_fkey foreign key (appointment_id) references appointment(id)`);
    this.addSql(`delete from appointment where status = 'held' and holder like 'waitlist:%'`);
    this.addSql(`drop table waitlist_entry`);
  }
}
