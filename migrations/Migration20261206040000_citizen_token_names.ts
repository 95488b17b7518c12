import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 12 item 4: a citizen's sign-in keeps the given and family names the identity provider said,
 * so that the booking form shows them instead of asking, and the server books under them.
 */
export class Migration20261206040000_citizen_token_names extends Migration {
  override name = 'Migration20261206040000_citizen_token_names';

  override up(): void {
    this.addSql(`alter table citizen_token add column given_name varchar(200), add column family_name varchar(200)`);
  }

  override down(): void {
    this.addSql(`alter table citizen_token drop column given_name, drop column family_name`);
  }
}
