import { Migration } from '@mikro-orm/migrations';

/** The waitlist for freed times (issue 17 item 2). */
export class Migration20261207140000_waitlist extends Migration {
  override name = 'Migration20261207140000_waitlist';

  override up(): void {}

  override down(): void {}
}
