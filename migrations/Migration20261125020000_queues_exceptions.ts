import { Migration } from '@mikro-orm/migrations';

/**
 * Queues get the employee who serves them (one employee, one queue of a KEP), and KEPs and queues
 * get exceptions: closures or changed hours for a date range. Public holidays are computed, not
 * stored; a KEP's own holiday (its town's patron saint) is a yearly exception.
 */
export class Migration20261125020000_queues_exceptions extends Migration {
  override name = 'Migration20261125020000_queues_exceptions';

  override up(): void {
    this.addSql(`alter table queue
      add column employee_sub varchar(200),
      add column employee_name varchar(200),
      add column updated_at timestamptz not null default now()`);
    this.addSql(`create unique index queue_one_queue_per_employee on queue (store_id, employee_sub) where employee_sub is not null`);

    this.addSql(`create table schedule_exception (
      id uuid primary key default gen_random_uuid(),
      store_id uuid not null references store(id),
      queue_id uuid references queue(id) on delete cascade,
      start_date date not null,
      end_date date not null,
      hours jsonb,
      reason varchar(200) not null,
      recurs_yearly boolean not null default false,
      created_by varchar(200) not null,
      created_at timestamptz not null default now(),
      check (end_date >= start_date),
      check (hours is null or jsonb_typeof(hours) = 'array'),
      check (not recurs_yearly or end_date - start_date < 366)
    )`);
    this.addSql(`create index schedule_exception_store_dates on schedule_exception (store_id, start_date, end_date)`);
  }
}
