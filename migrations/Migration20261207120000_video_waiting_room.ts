import { Migration } from '@mikro-orm/migrations';

/** What the room token is derived with (plugin/domain/video-room.ts says the same in TypeScript). */
const ROOM_PREFIX = 'rantevou:video-room:';

/**
 * The video waiting room (issue 16 item 4).
 *
 * - `video_waiting_at`: the citizen's first «Περιμένω» on the waiting-room page; later presses keep it.
 * - `video_alert_at`: when the late-start alert was raised (the call not started
 *   `store.video_alert_minutes` after the later of the start and `video_waiting_at`); raised once.
 * - `video_room_key`: how the waiting-room link finds its appointment. The link's token is the
 *   SHA-256 (hex) of the meeting link with a fixed prefix: as unguessable as the meeting token (128
 *   random bits), not the meeting token, and derivable by whoever renders an email (the worker, from
 *   the appointment alone). Only the SHA-256 of that token is stored here, like every link secret.
 *   A trigger keeps it in step with `video_link` on every write path; the retention job's erasure
 *   of the link erases it too.
 * - `store.video_alert_minutes`: set by the KEP's store administrator, 1–60, default 5.
 * - The alert email is the live queue's `staff.attention` with `alert_reason` 'video-late' (its migration).
 */
export class Migration20261207120000_video_waiting_room extends Migration {
  override name = 'Migration20261207120000_video_waiting_room';

  override up(): void {
    this.addSql(`alter table appointment
      add column video_waiting_at timestamptz,
      add column video_alert_at timestamptz,
      add column video_room_key char(64)`);
    this.addSql(`create function appointment_video_room_key(link text) returns char(64) language sql stable as $$
      select case when link is null then null
        else encode(sha256(convert_to(encode(sha256(convert_to('${ROOM_PREFIX}' || link, 'UTF8')), 'hex'), 'UTF8')), 'hex') end
    $$`);
    this.addSql(`create function appointment_video_room_set() returns trigger language plpgsql as $$
      begin
        new.video_room_key := appointment_video_room_key(new.video_link);
        return new;
      end $$`);
    this.addSql(`update appointment set video_room_key = appointment_video_room_key(video_link) where video_link is not null`);
    this.addSql(`create unique index appointment_video_room_key on appointment (video_room_key) where video_room_key is not null`);
    this.addSql(`create trigger appointment_video_room before insert or update of video_link on appointment for each row execute function appointment_video_room_set()`);
    // The alert job's candidates: few rows (video, waiting, no call, no alert yet).
    this.addSql(`create index appointment_video_waiting on appointment (video_waiting_at) where video_waiting_at is not null and video_alert_at is null and call_started_at is null`);
    this.addSql(`alter table store add column video_alert_minutes smallint not null default 5 check (video_alert_minutes between 1 and 60)`);
  }

  override down(): void {
    this.addSql(`alter table store drop column video_alert_minutes`);
    this.addSql(`drop trigger appointment_video_room on appointment`);
    this.addSql(`drop function appointment_video_room_set()`);
    this.addSql(`drop function appointment_video_room_key(text)`);
    this.addSql(`alter table appointment drop column video_waiting_at, drop column video_alert_at, drop column video_room_key`);
  }
}
