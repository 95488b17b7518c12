import { Migration } from '@mikro-orm/migrations';

/** The video waiting room (issue 16 item 4). */
export class Migration20261207120000_video_waiting_room extends Migration {
  override name = 'Migration20261207120000_video_waiting_room';

  override up(): void {}

  override down(): void {}
}
