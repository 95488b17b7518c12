import { Migration } from '@mikro-orm/migrations';

/**
 * The 31 characters of a booking reference: digits and capital Latin letters without those read or
 * typed as one another (0/O, 1/I/L). Kept in step with plugin/domain/booking-reference.ts.
 */
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * A booking reference on every appointment (issue 16 item 1, issue 12 item 8): six characters of
 * {@link ALPHABET} shown as "K7P-4MX", given by the database itself (a BEFORE INSERT trigger), so
 * every way an appointment is written — staff booking, a citizen's hold (the booking keeps the hold's
 * row), a cool-down, an import, a raw INSERT — gets one, the same way on PostgreSQL and PGlite.
 *
 * Unique per KEP over all days (which includes per KEP and day): a moved appointment keeps its
 * reference and can never meet another one with it on its new day, and a reference typed at the
 * counter names one appointment without a date. The trigger draws again while the KEP has the drawn
 * one (31^6 ≈ 887 million codes, so a KEP with a million rows redraws once in a thousand); the unique
 * index is the guarantee even for two bookings that draw the same code at the same instant (the later
 * then fails; about one in 10^9 pairs). The reference is not a secret: it authorises nothing.
 *
 * Also, for the citizen's emails: the KEP's phone; on an outbox row, the start a change moved from and
 * the reason a cancellation by the KEP's administrator (a closure, changed hours) gives the citizen.
 */
export class Migration20261206000000_booking_reference extends Migration {
  override name = 'Migration20261206000000_booking_reference';

  override up(): void {
    this.addSql(`create function appointment_reference_draw() returns varchar(7) language plpgsql volatile as $$
      declare
        alphabet constant text := '${ALPHABET}';
        code text := '';
      begin
        for i in 1..6 loop
          code := code || substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1);
        end loop;
        return substr(code, 1, 3) || '-' || substr(code, 4, 3);
      end $$`);
    this.addSql(`create function appointment_reference_set() returns trigger language plpgsql as $$
      begin
        if new.reference is not null and new.reference <> '' then
          return new;
        end if;
        loop
          new.reference := appointment_reference_draw();
          exit when not exists (select 1 from appointment where store_id = new.store_id and reference = new.reference);
        end loop;
        return new;
      end $$`);
    this.addSql(`alter table appointment add column reference varchar(7)`);
    // Existing rows: one draw each, then the rare duplicates within a KEP draw again until none is left.
    this.addSql(`update appointment set reference = appointment_reference_draw()`);
    this.addSql(`do $$
      begin
        loop
          update appointment a set reference = appointment_reference_draw()
            from (select id from (select id, row_number() over (partition by store_id, reference order by created_at, id) as n from appointment) r where n > 1) d
           where a.id = d.id;
          exit when not found;
        end loop;
      end $$`);
    this.addSql(`alter table appointment alter column reference set not null`);
    this.addSql(`alter table appointment add constraint appointment_reference_format check (reference ~ '^[${ALPHABET}]{3}-[${ALPHABET}]{3}$')`);
    this.addSql(`create unique index appointment_store_reference on appointment (store_id, reference)`);
    this.addSql(`create trigger appointment_reference before insert on appointment for each row execute function appointment_reference_set()`);

    this.addSql(`alter table store add column phone varchar(32)`);
    this.addSql(`alter table outbox_message add column previous_starts_at timestamptz, add column reason varchar(500)`);
  }

  override down(): void {
    this.addSql(`alter table outbox_message drop column previous_starts_at, drop column reason`);
    this.addSql(`alter table store drop column phone`);
    this.addSql(`drop trigger appointment_reference on appointment`);
    this.addSql(`alter table appointment drop column reference`);
    this.addSql(`drop function appointment_reference_set()`);
    this.addSql(`drop function appointment_reference_draw()`);
  }
}
