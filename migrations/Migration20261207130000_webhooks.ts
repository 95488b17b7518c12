import { Migration } from '@mikro-orm/migrations';

/** Signed webhooks (issue 17 item 1). */
export class Migration20261207130000_webhooks extends Migration {
  override name = 'Migration20261207130000_webhooks';

  override up(): void {}

  override down(): void {}
}
