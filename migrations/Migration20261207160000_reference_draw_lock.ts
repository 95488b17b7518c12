import { Migration } from '@mikro-orm/migrations';

/**
 * A booking reference drawn by two bookings of one KEP at the same moment: the trigger's "not taken
 * yet" check cannot see the other's uncommitted row, so both kept the same draw and the second failed
 * on the unique index (an error for a citizen who did nothing wrong; a chance of about one in 887
 * million per pair of concurrent bookings, but a certainty under load some day). Now the trigger takes
 * a transaction lock on the drawn (KEP, reference) before checking: the second waits for the first to
 * commit or roll back, then its check (a new snapshot: the function is volatile, READ COMMITTED) sees
 * the committed row and draws again. The two-key form of the advisory lock keeps these keys apart
 * from the single-key locks of the booking core; the first key is this purpose's own.
 */
export class Migration20261207160000_reference_draw_lock extends Migration {
  override name = 'Migration20261207160000_reference_draw_lock';

  override up(): void {
    this.addSql(`create or replace function appointment_reference_set() returns trigger language plpgsql as $$
      begin
        if new.reference is not null and new.reference <> '' then
          return new;
        end if;
        loop
          new.reference := appointment_reference_draw();
          perform pg_advisory_xact_lock(hashtext('rantevou:reference'), hashtext(new.store_id::text || new.reference));
          exit when not exists (select 1 from appointment where store_id = new.store_id and reference = new.reference);
        end loop;
        return new;
      end $$`);
  }

  override down(): void {
    this.addSql(`create or replace function appointment_reference_set() returns trigger language plpgsql as $$
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
  }
}
