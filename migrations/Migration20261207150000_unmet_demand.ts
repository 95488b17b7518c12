import { Migration } from '@mikro-orm/migrations';

/** Unmet demand (issue 17 item 3). */
export class Migration20261207150000_unmet_demand extends Migration {
  override name = 'Migration20261207150000_unmet_demand';

  override up(): void {}

  override down(): void {}
}
