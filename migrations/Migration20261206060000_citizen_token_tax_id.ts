import { Migration } from '@mikro-orm/migrations';

/**
 * Issue 15: a citizen signed in through GSIS (TaxisNet) has the ΑΦΜ the service said; the sign-in
 * keeps it so that the booking is made under it and nobody types another.
 */
export class Migration20261206060000_citizen_token_tax_id extends Migration {
  override name = 'Migration20261206060000_citizen_token_tax_id';

  override up(): void {
    this.addSql(`alter table citizen_token add column tax_id varchar(9)`);
  }

  override down(): void {
    this.addSql(`alter table citizen_token drop column tax_id`);
  }
}
