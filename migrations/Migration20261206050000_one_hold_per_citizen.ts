import { Migration } from '@mikro-orm/migrations';

/**
 * One hold per citizen (issue 13, item 2), kept by PostgreSQL itself: a partial unique index over the
 * held rows of each holder (cool-downs, holder 'cooldown', are many and excluded). Holds placed at
 * once on different queues used to slip past the release of the earlier one, which ran under each
 * queue's lock; the hold path now takes the citizen's lock, and this index makes a second hold an
 * error on every path. Extra holds already there are let go first (the latest one stays).
 */
export class Migration20261206050000_one_hold_per_citizen extends Migration {
  override name = 'Migration20261206050000_one_hold_per_citizen';

  override up(): void {
    this.addSql(`
      delete from appointment a
       using appointment b
       where a.status = 'held' and b.status = 'held' and a.holder = b.holder and a.holder <> 'cooldown'
         and (a.created_at, a.id) < (b.created_at, b.id)`);
    this.addSql(`create unique index appointment_one_hold_per_citizen on appointment (holder) where status = 'held' and holder <> 'cooldown'`);
  }

  override down(): void {
    this.addSql(`drop index appointment_one_hold_per_citizen`);
  }
}
