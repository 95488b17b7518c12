import { Migration } from '@mikro-orm/migrations';

/**
 * Every field of the staff form (tax id, business represented, procedure), who changed the status
 * and why an appointment was cancelled, and the name search: a transliterated, accent-free key with a
 * trigram index that also holds the store id, so "a name within one KEP" is one index scan.
 */
export class Migration20261125010000_appointment_details extends Migration {
  override name = 'Migration20261125010000_appointment_details';

  override up(): void {
    this.addSql(`create extension if not exists pg_trgm`);
    this.addSql(`create extension if not exists btree_gin`);
    this.addSql(`alter table appointment
      add column tax_id varchar(9),
      add column business_name varchar(200),
      add column business_tax_id varchar(9),
      add column procedure varchar(300),
      add column search_key varchar(300) not null default '',
      add column status_changed_at timestamptz,
      add column status_changed_by varchar(200),
      add column cancelled_reason varchar(500)`);
    this.addSql(`create index appointment_name_search on appointment using gin (store_id, search_key gin_trgm_ops)`);
  }
}
