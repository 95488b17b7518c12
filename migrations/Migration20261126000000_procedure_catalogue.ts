import { Migration } from '@mikro-orm/migrations';

/**
 * The procedures catalogue becomes editable by the directorate's chosen editors: a version for
 * optimistic concurrency (two editors never overwrite each other silently), and the rule that a
 * procedure not served by video says what to do instead, kept by the database as well as the API.
 */
export class Migration20261126000000_procedure_catalogue extends Migration {
  override name = 'Migration20261126000000_procedure_catalogue';

  override up(): void {
    this.addSql(`alter table procedure
      add column version integer not null default 1,
      add constraint procedure_alternative_when_no_video check (video_eligible or alternative_text is not null)`);
  }

  override down(): void {
    this.addSql(`alter table procedure drop constraint procedure_alternative_when_no_video, drop column version`);
  }
}
