import { Migration } from '@mikro-orm/migrations';

/** The counter's live queue (issue 16 item 3): calls, the call alert. */
export class Migration20261207110000_live_queue extends Migration {
  override name = 'Migration20261207110000_live_queue';

  override up(): void {}

  override down(): void {}
}
