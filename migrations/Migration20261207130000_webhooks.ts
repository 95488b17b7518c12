import { Migration } from '@mikro-orm/migrations';

/**
 * Signed webhooks (issue 17 item 1): the subscriptions of a KEP (or, `store_id` null, of the
 * directorate for every KEP), the events, and the log of their deliveries.
 *
 * Events are derived in ONE place, the database: a trigger on `audit_event` (every appointment
 * change writes exactly one audit row, through `recordAudit` or inside the booking's single
 * statement) and one on the deletion of a citizen's hold that never became a booking. Both run in the
 * change's own transaction, so an event exists if and only if its change committed, whichever path
 * made it. They write only when an active subscription wants the event, so a deployment without
 * webhooks pays one index probe per change.
 *
 * The secret must be readable to sign (HMAC needs the key itself, a hash cannot sign): it is kept
 * AES-256-GCM encrypted under the deployment's `WEBHOOKS_SECRET_KEY` when that is set (`enc:v1:…`),
 * as given otherwise; the API shows it once, at creation.
 *
 * A delivery keeps the exact body it sent, for replay, until the retention job clears it
 * (`payload_until`); the log line itself stays.
 */
export class Migration20261207130000_webhooks extends Migration {
  override name = 'Migration20261207130000_webhooks';

  override up(): void {
    this.addSql(`create table webhook_subscription (
      id uuid primary key default gen_random_uuid(),
      store_id uuid references store(id) on delete cascade,
      url varchar(2000) not null,
      events text[] not null check (cardinality(events) > 0),
      scope varchar(16) not null default 'ids' check (scope in ('ids', 'contact')),
      secret varchar(400) not null,
      description varchar(200),
      status varchar(16) not null default 'active' check (status in ('active', 'paused')),
      failing_since timestamptz,
      paused_at timestamptz,
      paused_reason varchar(16) check (paused_reason in ('failing', 'manual')),
      owner_sub varchar(255) not null,
      owner_email varchar(254),
      language varchar(2) not null default 'el' check (language in ('el', 'en')),
      created_at timestamptz not null default now(),
      updated_at timestamptz not null default now()
    )`);
    this.addSql(`create index webhook_subscription_store on webhook_subscription (store_id, created_at)`);
    this.addSql(`create index webhook_subscription_active on webhook_subscription (store_id) where status = 'active'`);

    this.addSql(`create table webhook_event (
      id uuid primary key default gen_random_uuid(),
      type varchar(40) not null,
      store_id uuid not null references store(id) on delete cascade,
      appointment_id uuid not null,
      data jsonb not null,
      occurred_at timestamptz not null default now()
    )`);

    this.addSql(`create table webhook_delivery (
      id uuid primary key default gen_random_uuid(),
      subscription_id uuid not null references webhook_subscription(id) on delete cascade,
      event_id uuid not null references webhook_event(id) on delete cascade,
      replay_of uuid references webhook_delivery(id) on delete set null,
      status varchar(16) not null default 'pending' check (status in ('pending', 'queued', 'delivered', 'failed', 'skipped')),
      attempts integer not null default 0,
      last_status_code integer,
      last_error varchar(500),
      last_duration_ms integer,
      payload text,
      payload_until timestamptz,
      next_attempt_at timestamptz,
      created_at timestamptz not null default now(),
      queued_at timestamptz,
      first_attempt_at timestamptz,
      last_attempt_at timestamptz,
      delivered_at timestamptz
    )`);
    this.addSql(`create index webhook_delivery_pending on webhook_delivery (created_at) where status in ('pending', 'queued')`);
    this.addSql(`create index webhook_delivery_log on webhook_delivery (subscription_id, created_at desc)`);
    this.addSql(`create index webhook_delivery_event on webhook_delivery (event_id)`);

    // One event and a delivery per interested subscription, or nothing when nobody listens.
    this.addSql(`create function webhook_enqueue(p_type text, p_store uuid, p_appointment uuid, p_data jsonb) returns void language plpgsql as $$
      begin
        if not exists (select 1 from webhook_subscription where status = 'active' and (store_id = p_store or store_id is null) and p_type = any(events)) then
          return;
        end if;
        with ev as (insert into webhook_event (type, store_id, appointment_id, data) values (p_type, p_store, p_appointment, p_data) returning id)
        insert into webhook_delivery (subscription_id, event_id)
          select s.id, ev.id from ev, webhook_subscription s
           where s.status = 'active' and (s.store_id = p_store or s.store_id is null) and p_type = any(s.events);
      end $$`);

    // Which event an audit line is; the names are those of plugin/webhooks/webhook-events.ts.
    this.addSql(`create function webhook_from_audit() returns trigger language plpgsql as $$
      declare
        t text;
        a jsonb := coalesce(new.after::jsonb, '{}'::jsonb);
        b jsonb := coalesce(new.before::jsonb, '{}'::jsonb);
      begin
        if new.entity_type <> 'appointment' or new.store_id is null then return null; end if;
        t := case
          when new.action = 'appointment.create' then 'appointment.created'
          when new.action in ('appointment.update', 'appointment.move') then 'appointment.changed'
          when new.action = 'appointment.cancel' then 'appointment.cancelled'
          when new.action = 'appointment.status' then case a->>'status'
            when 'arrived' then 'appointment.arrived'
            when 'served' then 'appointment.served'
            when 'no_show' then 'appointment.no_show'
            when 'missed_by_staff' then 'appointment.missed_by_staff'
            when 'cancelled' then 'appointment.cancelled'
            else 'appointment.changed' end
          end;
        if t is null then return null; end if;
        perform webhook_enqueue(t, new.store_id, new.entity_id::uuid, jsonb_strip_nulls(jsonb_build_object(
          'appointmentId', new.entity_id, 'storeId', new.store_id, 'queueId', a->'queueId', 'status', coalesce(a->'status', to_jsonb('booked'::text)),
          'startsAt', a->'startsAt', 'endsAt', a->'endsAt', 'mode', a->'mode', 'source', a->'source',
          'previousStatus', b->'status', 'previousStartsAt', case when b->'startsAt' is distinct from a->'startsAt' then b->'startsAt' end)));
        return null;
      end $$`);
    this.addSql(`create trigger webhook_from_audit after insert on audit_event for each row execute function webhook_from_audit()`);

    // A citizen's hold that ended without becoming a booking (lapsed, let go, or replaced by another);
    // a cancellation's cool-down is a 'held' row too, but nobody's hold.
    this.addSql(`create function webhook_hold_lapsed() returns trigger language plpgsql as $$
      begin
        if old.status = 'held' and coalesce(old.holder, '') <> 'cooldown' then
          perform webhook_enqueue('appointment.hold_lapsed', old.store_id, old.id, jsonb_build_object(
            'appointmentId', old.id, 'storeId', old.store_id, 'queueId', old.queue_id, 'status', 'held',
            'startsAt', old.starts_at, 'endsAt', old.ends_at, 'mode', old.mode, 'source', old.source));
        end if;
        return null;
      end $$`);
    this.addSql(`create trigger webhook_hold_lapsed after delete on appointment for each row execute function webhook_hold_lapsed()`);

    // The owner's email when a subscription is paused: a staff message naming the subscription.
    this.addSql(`alter table outbox_message add column webhook_subscription_id uuid references webhook_subscription(id) on delete cascade`);
    this.addSql(`alter table outbox_message drop constraint outbox_message_target`);
    this.addSql(`alter table outbox_message add constraint outbox_message_target check (
      case when kind = 'staff.webhook-paused' then appointment_id is null and recipient is not null and webhook_subscription_id is not null
           when kind like 'staff.%' then appointment_id is null and recipient is not null and store_id is not null
           else appointment_id is not null end)`);
  }

  override down(): void {
    this.addSql(`delete from outbox_message where kind = 'staff.webhook-paused'`);
    this.addSql(`alter table outbox_message drop constraint outbox_message_target`);
    this.addSql(`alter table outbox_message add constraint outbox_message_target check (
      case when kind like 'staff.%' then appointment_id is null and recipient is not null and store_id is not null
           else appointment_id is not null end)`);
    this.addSql(`alter table outbox_message drop column webhook_subscription_id`);
    this.addSql(`drop trigger webhook_hold_lapsed on appointment`);
    this.addSql(`drop function webhook_hold_lapsed()`);
    this.addSql(`drop trigger webhook_from_audit on audit_event`);
    this.addSql(`drop function webhook_from_audit()`);
    this.addSql(`drop function webhook_enqueue(text, uuid, uuid, jsonb)`);
    this.addSql(`drop table webhook_delivery`);
    this.addSql(`drop table webhook_event`);
    this.addSql(`drop table webhook_subscription`);
  }
}
