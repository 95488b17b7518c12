import { Migration } from '@mikro-orm/migrations';

/**
 * The counter's live queue (issue 16 item 3): calls, the call alert.
 *
 * - `arrived_at`: when the citizen arrived (set by the one status change to 'arrived', kept when the
 *   appointment is later served or marked a no-show); rows arrived before this migration take it from
 *   their ticket, else from their last status change.
 * - `called_at`, `called_by`: the latest «Κλήση» of the appointment's ticket number (a recall moves
 *   them); every call is also in the audit.
 * - `call_alert_at`: when the call alert was raised (arrived, not called for the KEP's
 *   `call_alert_minutes`); raised once.
 * - `arrival_device.kind`: a device key records arrivals ('arrivals', every key issued so far) or
 *   shows the calls on a waiting-room screen ('display'), and nothing else.
 * - `outbox_message.alert_reason`: an alert email (`staff.attention`) says why: 'no-action' (the
 *   escalation, every alert so far), 'not-called' (the call alert) or 'video-late' (the video waiting
 *   room's late start); one alert per appointment, recipient and reason.
 */
export class Migration20261207110000_live_queue extends Migration {
  override name = 'Migration20261207110000_live_queue';

  override up(): void {
    this.addSql(`alter table appointment
      add column arrived_at timestamptz,
      add column called_at timestamptz,
      add column called_by varchar(200),
      add column call_alert_at timestamptz`);
    this.addSql(`update appointment a set arrived_at = t.issued_at from arrival_ticket t where t.appointment_id = a.id`);
    this.addSql(`update appointment set arrived_at = coalesce(status_changed_at, starts_at) where status = 'arrived' and arrived_at is null`);
    // The live queue reads a queue's waiting citizens by time, and the KEP's calls of the day by call.
    this.addSql(`create index appointment_waiting_call on appointment (queue_id, starts_at) where status = 'arrived' and called_at is null`);
    this.addSql(`create index appointment_called on appointment (store_id, called_at) where called_at is not null`);

    this.addSql(`alter table arrival_device add column kind varchar(16) not null default 'arrivals' check (kind in ('arrivals', 'display'))`);
    this.addSql(`alter table store add column call_alert_minutes smallint not null default 10 check (call_alert_minutes between 1 and 120)`);

    this.addSql(`alter table outbox_message add column alert_reason varchar(16) check (alert_reason in ('no-action', 'not-called', 'video-late'))`);
    this.addSql(`update outbox_message set alert_reason = 'no-action' where kind = 'staff.attention'`);
    this.addSql(`alter table outbox_message add constraint outbox_message_alert_reason check (kind <> 'staff.attention' or alert_reason is not null)`);
    this.addSql(`drop index outbox_message_one_alert`);
    this.addSql(`create unique index outbox_message_one_alert on outbox_message (about_appointment_id, recipient, alert_reason) where kind = 'staff.attention'`);
  }

  override down(): void {
    this.addSql(`drop index outbox_message_one_alert`);
    this.addSql(`delete from outbox_message where kind = 'staff.attention' and alert_reason <> 'no-action'`);
    this.addSql(`create unique index outbox_message_one_alert on outbox_message (about_appointment_id, recipient) where kind = 'staff.attention'`);
    this.addSql(`alter table outbox_message drop constraint outbox_message_alert_reason, drop column alert_reason`);
    this.addSql(`alter table store drop column call_alert_minutes`);
    this.addSql(`alter table arrival_device drop column kind`);
    this.addSql(`drop index appointment_called`);
    this.addSql(`drop index appointment_waiting_call`);
    this.addSql(`alter table appointment drop column arrived_at, drop column called_at, drop column called_by, drop column call_alert_at`);
  }
}
