import { Migration } from '@mikro-orm/migrations';

/**
 * Unmet demand (issue 17 item 3): how often the public looked for a time at a KEP and found none
 * within the configured days, per KEP × procedure × mode × ISO week (its Monday). A counter row, no
 * person: no IP, no subject, no time of day. `procedure_id` is null for a search that named no
 * procedure; `nulls not distinct` makes that one row too, so the upsert has one key to meet.
 *
 * Where a KEP is, for the booking widget's «nearest KEPs with an earlier time»: latitude and longitude
 * (WGS 84 degrees), and the prefecture (νομός / περιφερειακή ενότητα) as the fallback when either KEP
 * has no coordinates (after the same municipality). All nullable: a KEP without them is simply not
 * placed on the map.
 */
export class Migration20261207150000_unmet_demand extends Migration {
  override name = 'Migration20261207150000_unmet_demand';

  override up(): void {
    this.addSql(`create table unmet_demand (
      store_id uuid not null references store(id) on delete cascade,
      procedure_id uuid references procedure(id) on delete cascade,
      mode varchar(16) not null check (mode in ('in_person', 'video')),
      week date not null check (extract(isodow from week) = 1),
      searches integer not null default 0 check (searches >= 0),
      holds integer not null default 0 check (holds >= 0),
      constraint unmet_demand_key unique nulls not distinct (store_id, procedure_id, mode, week)
    )`);
    // The report reads weeks of many KEPs.
    this.addSql(`create index unmet_demand_week on unmet_demand (week, store_id)`);
    this.addSql(`alter table store
      add column latitude double precision check (latitude between -90 and 90),
      add column longitude double precision check (longitude between -180 and 180),
      add column prefecture varchar(100),
      add constraint store_coordinates_together check ((latitude is null) = (longitude is null))`);
  }

  override down(): void {
    this.addSql(`alter table store drop constraint store_coordinates_together, drop column latitude, drop column longitude, drop column prefecture`);
    this.addSql(`drop table unmet_demand`);
  }
}
