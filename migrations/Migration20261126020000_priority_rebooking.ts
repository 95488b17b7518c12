import { Migration } from '@mikro-orm/migrations';

/**
 * Priority rebooking (issue 8 item 3): a citizen's hold remembers the priority token it was placed
 * with (its hash), so that the booking can use the token up in the same transaction that books.
 */
export class Migration20261126020000_priority_rebooking extends Migration {
  override name = 'Migration20261126020000_priority_rebooking';

  override up(): void {
    this.addSql(`alter table appointment add column priority_token_hash varchar(64)`);
  }

  override down(): void {
    this.addSql(`alter table appointment drop column priority_token_hash`);
  }
}
